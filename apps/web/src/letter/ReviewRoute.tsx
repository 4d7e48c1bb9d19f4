import { Card, Tag, Timeline, Typography } from 'antd';
import { REVIEW_STEP, label } from '../labels';
import { dateTime } from '../lib/format';
import type { Letter } from './api';
import type { useLetterNames } from './names';

/** The review chain of the current round (who, what, when, the note), earlier rounds below. */
export function ReviewRoute({ letter, names }: { letter: Letter; names: ReturnType<typeof useLetterNames> }) {
  const round = letter.reviews.filter((r) => r.round === letter.reviewRound).sort((a, b) => a.step - b.step);
  const older = letter.reviews.filter((r) => r.round !== letter.reviewRound && r.decision !== 'PENDING').sort((a, b) => a.round - b.round || a.step - b.step);
  const signed = Boolean(letter.signedAt);
  const items = [
    { key: 'drafter', color: 'green', content: <><strong>Konseptor</strong> — {names.position(letter.drafterPositionId)}</> },
    ...(round.length
      ? round.map((r) => ({
          key: `r${r.step}`,
          color: r.decision === 'APPROVED' ? 'green' : r.decision === 'RETURNED' ? 'red' : r.step === letter.currentStep ? 'blue' : 'gray',
          content: (
            <>
              <strong>
                Pemeriksa {r.step}
              </strong>{' '}
              — {names.position(r.positionId)}
              {names.holder(r.positionId) ? <span className="muted"> ({names.holder(r.positionId)})</span> : null}
              <div>
                <Tag color={r.decision === 'APPROVED' ? 'green' : r.decision === 'RETURNED' ? 'red' : r.step === letter.currentStep && letter.status === 'IN_REVIEW' ? 'gold' : undefined}>
                  {r.decision === 'PENDING' && r.step === letter.currentStep && letter.status === 'IN_REVIEW' ? 'Giliran memeriksa' : label(REVIEW_STEP, r.decision)}
                </Tag>
                {r.actedAt ? dateTime(r.actedAt) : ''}
              </div>
              {r.note && <div>Catatan: {r.note}</div>}
            </>
          ),
        }))
      : letter.reviewerPositionIds.map((p, i) => ({ key: `p${i}`, color: 'gray', content: <><strong>Pemeriksa {i + 1}</strong> — {names.position(p)}</> }))),
    {
      key: 'signer',
      color: signed ? 'green' : letter.status === 'APPROVED' ? 'blue' : 'gray',
      content: (
        <>
          <strong>Penandatangan</strong> — {names.position(letter.signerPositionId)}
          <div>{signed ? <><Tag color="green">Ditandatangani</Tag>{dateTime(letter.signedAt)}</> : letter.status === 'APPROVED' ? <Tag color="gold">Menunggu tanda tangan</Tag> : null}</div>
        </>
      ),
    },
  ];
  return (
    <Card size="small" title={<h2 className="card-h">Rute pemeriksaan{(letter.reviewRound ?? 0) > 1 ? ` (putaran ${letter.reviewRound})` : ''}</h2>}>
      {!letter.reviewerPositionIds.length && <Typography.Paragraph className="muted">Tanpa pemeriksa: langsung ke penandatangan.</Typography.Paragraph>}
      <Timeline items={items} />
      {older.length > 0 && (
        <details>
          <summary>Putaran sebelumnya</summary>
          <ul>
            {older.map((r) => (
              <li key={`${r.round}-${r.step}`}>
                Putaran {r.round}, pemeriksa {r.step} ({names.position(r.positionId)}): {label(REVIEW_STEP, r.decision)}
                {r.actedAt ? `, ${dateTime(r.actedAt)}` : ''}
                {r.note ? ` — “${r.note}”` : ''}
              </li>
            ))}
          </ul>
        </details>
      )}
    </Card>
  );
}
