import { Spin } from 'antd';
import { Navigate, Outlet, useLocation } from 'react-router';
import { useAuth } from './AuthContext';

/** Pages behind sign-in: a signed-out visitor goes to /masuk and comes back to the page asked for. */
export function RequireAuth() {
  const { status } = useAuth();
  const location = useLocation();
  if (status === 'checking') {
    return (
      <div className="center-page" role="status">
        <Spin size="large" description="Memeriksa sesi…" />
      </div>
    );
  }
  if (status === 'signed-out') {
    const next = `${location.pathname}${location.search}${location.hash}`;
    return <Navigate to={`/masuk?kembali=${encodeURIComponent(next)}`} replace />;
  }
  return <Outlet />;
}

/** Only same-origin app paths are followed after sign-in (never another site). */
export function safeNext(raw: string | null): string {
  if (!raw || !raw.startsWith('/') || raw.startsWith('//') || raw.startsWith('/masuk')) return '/beranda';
  return raw;
}
