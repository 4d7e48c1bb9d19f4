import { Button, Card, Col, Row, Skeleton, Space, Statistic, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router';
import { useAuth } from '../auth/AuthContext';
import { ErrorAlert } from '../components/ErrorAlert';
import { dateTime } from '../lib/format';
import { loadCounters, type Counter } from './counters';

export function BerandaPage() {
  const { me, actingFor } = useAuth();
  const navigate = useNavigate();
  const q = useQuery({ queryKey: ['counters', actingFor], queryFn: () => loadCounters(), refetchInterval: 60_000, staleTime: 0 }); // counted afresh each time beranda opens
  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 24, marginTop: 0 }}>
        Beranda
      </Typography.Title>
      <Typography.Paragraph className="muted">
        Selamat datang, {me?.user.fullName ?? '…'}
        {me?.position ? ` — ${me.position.title}` : ''}
        {me?.office ? `, ${me.office.name}` : ''}.
      </Typography.Paragraph>
      {me?.roles.includes('REGISTRAR') && (
        <Space wrap style={{ marginBottom: 16 }}>
          <Button type="primary" onClick={() => navigate('/naskah-masuk/registrasi')}>
            Registrasi surat masuk
          </Button>
          <Link to="/antrean/ready-to-send">Naskah siap dikirim</Link>
        </Space>
      )}
      {q.error && <ErrorAlert error={q.error} retry={() => void q.refetch()} title="Penghitung pekerjaan gagal dimuat" />}
      <section aria-labelledby="antrean-h">
        <Typography.Title level={2} id="antrean-h" style={{ fontSize: 18 }}>
          Antrean pekerjaan
        </Typography.Title>
        {q.isPending ? (
          <Skeleton active />
        ) : (
          <Row gutter={[12, 12]}>
            {(q.data?.counters ?? []).map((c) => (
              <Col key={c.key} xs={12} sm={8} lg={6}>
                <CounterCard c={c} />
              </Col>
            ))}
          </Row>
        )}
        {q.data && (
          <Typography.Paragraph type="secondary" style={{ marginTop: 12, fontSize: 12 }}>
            Diperbarui {dateTime(new Date(q.dataUpdatedAt))}; diperbarui otomatis saat ada notifikasi.
          </Typography.Paragraph>
        )}
      </section>
    </>
  );
}

/** 1.000, as Indonesian writes it (antd's Statistic groups with a comma whatever the locale). */
const count = (n: number) => n.toLocaleString('id-ID');

function CounterCard({ c }: { c: Counter }) {
  const body = (
    <Card size="small" hoverable className="counter-card">
      <Statistic title={c.label} value={c.count} formatter={() => (c.more ? `${count(c.count)}+` : count(c.count))} />
    </Card>
  );
  const name = `${c.label}: ${c.more ? `lebih dari ${count(c.count)}` : count(c.count)}`;
  return c.legacy ? (
    <a href={c.href} aria-label={name}>
      {body}
    </a>
  ) : (
    <Link to={c.href} aria-label={name}>
      {body}
    </Link>
  );
}
