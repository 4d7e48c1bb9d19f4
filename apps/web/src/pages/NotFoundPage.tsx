import { Button, Result } from 'antd';
import { Link, useRouteError } from 'react-router';

export function NotFoundPage() {
  return <Result status="404" title="Halaman tidak ditemukan" subTitle="Alamat ini tidak ada di Naskah." extra={<Link to="/beranda"><Button type="primary">Ke beranda</Button></Link>} />;
}

/** A screen that crashed: said plainly, with a way on (never a blank page). */
export function RouteErrorPage() {
  const err = useRouteError();
  return (
    <Result
      status="error"
      title="Terjadi kesalahan pada halaman ini"
      subTitle={err instanceof Error ? err.message : 'Muat ulang halaman atau kembali ke beranda.'}
      extra={<a href="/beranda"><Button type="primary">Ke beranda</Button></a>}
    />
  );
}
