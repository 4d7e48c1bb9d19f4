import { Alert, Form, Radio, Select, Typography } from 'antd';
import { CLOSING_TYPES, signaturePreview } from './signature-preview';
import type { EligiblePosition } from './directory';

const TF = 'typeFields';
type OnBehalfOption = EligiblePosition & { through: EligiblePosition[] };

const named = (p: EligiblePosition) => `${p.title}${p.holder ? ` — ${p.holder.fullName}` : ' (kosong)'}`;

/**
 * a.n. / u.b. and the closing, under the signer: the pickers offer only what the API lists for the
 * chosen signer (its superiors; u.b. those between it and the a.n.), and the block is previewed as
 * it will print. `notice` says what was cleared when the signer changed.
 */
export function SignatureBlock(props: {
  typeCode?: string;
  officeName?: string;
  signer?: EligiblePosition;
  options: OnBehalfOption[];
  loading: boolean;
  onBehalfOfId?: number;
  throughId?: number;
  closing?: string;
  notice: string | null;
  onNoticeClose: () => void;
}) {
  const { signer, options, loading } = props;
  const onBehalfOf = options.find((o) => o.id === props.onBehalfOfId);
  const throughOptions = onBehalfOf?.through ?? [];
  const through = throughOptions.find((t) => t.id === props.throughId);
  const noSuperior = !!signer && !loading && options.length === 0;
  return (
    <>
      {props.notice && (
        <Alert type="warning" showIcon role="alert" title={props.notice} closable={{ 'aria-label': 'Tutup pemberitahuan a.n./u.b.' }} onClose={props.onNoticeClose} style={{ marginBottom: 12 }} />
      )}
      <Form.Item
        name={[TF, 'onBehalfOfPositionId']}
        label="Atas nama (a.n.)"
        extra={!signer ? 'Pilih penandatangan terlebih dahulu.' : noSuperior ? `${signer.title} menandatangani atas jabatannya sendiri (tidak ada atasan untuk a.n.).` : 'Kosongkan bila penandatangan menandatangani atas jabatannya sendiri.'}
      >
        <Select
          allowClear
          placeholder="Tanpa a.n."
          disabled={!signer || noSuperior}
          loading={!!signer && loading}
          options={options.map((o) => ({ value: o.id, label: named(o) }))}
        />
      </Form.Item>
      {onBehalfOf && throughOptions.length > 0 && (
        <Form.Item name={[TF, 'throughPositionId']} label="Untuk beliau (u.b.)" extra={`Jabatan di antara ${onBehalfOf.title} dan ${signer?.title ?? 'penandatangan'}; kosongkan bila tidak ada.`}>
          <Select allowClear placeholder="Tanpa u.b." options={throughOptions.map((t) => ({ value: t.id, label: named(t) }))} />
        </Form.Item>
      )}
      {CLOSING_TYPES.includes(props.typeCode ?? '') && (
        <Form.Item name={[TF, 'closing']} label="Salam penutup" getValueProps={(v?: string) => ({ value: v ?? 'NONE' })} extra="“Hormat kami,” lazim pada surat kepada pihak di luar KPU.">
          <Radio.Group
            options={[
              { value: 'NONE', label: 'Tanpa salam penutup' },
              { value: 'HORMAT_KAMI', label: 'Hormat kami,' },
            ]}
          />
        </Form.Item>
      )}
      {signer && (
        <section aria-label="Pratinjau blok tanda tangan" className="naskah-signature-preview">
          <Typography.Text type="secondary" className="naskah-signature-caption">
            Blok tanda tangan akan tertulis:
          </Typography.Text>
          <div className="naskah-signature-lines">
            {signaturePreview({ typeCode: props.typeCode, officeName: props.officeName, signer, onBehalfOf, through, closing: props.closing }).map((l, i) => (
              <div key={i}>{l}</div>
            ))}
            <div className="naskah-signature-space">(tanda tangan elektronik)</div>
            <div>{signer.holder ? <strong>{signer.holder.fullName}</strong> : <Typography.Text type="secondary">(nama pejabat: jabatan ini belum diisi)</Typography.Text>}</div>
          </div>
        </section>
      )}
    </>
  );
}
