import { useState } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { Button, Drawer, Dropdown, Grid, Input, Layout, Menu, Typography, type MenuProps } from 'antd';
import { CheckOutlined, SendOutlined, SearchOutlined, HomeOutlined, InboxOutlined, LogoutOutlined, MenuOutlined, SafetyCertificateOutlined, UserOutlined, FolderOpenOutlined, FormOutlined, FileAddOutlined } from '@ant-design/icons';
import { useAuth } from '../auth/AuthContext';
import { Mark } from './Mark';
import { NotificationBell } from './NotificationBell';
import { ROLE } from '../labels';
import type { components } from '../api/schema';

const { Header, Sider, Content, Footer } = Layout;

const NAV: { key: string; icon: React.ReactNode; label: string; href: string; external?: boolean; roles?: components['schemas']['Role'][] }[] = [
  { key: '/beranda', icon: <HomeOutlined aria-hidden />, label: 'Beranda', href: '/beranda' },
  { key: '/naskah-masuk', icon: <InboxOutlined aria-hidden />, label: 'Naskah masuk', href: '/naskah-masuk' },
  { key: '/naskah-keluar', icon: <SendOutlined aria-hidden />, label: 'Naskah keluar', href: '/naskah-keluar' },
  { key: '/naskah/baru', icon: <FormOutlined aria-hidden />, label: 'Buat naskah', href: '/naskah/baru' },
  { key: '/antrean/ready-to-send', icon: <SendOutlined aria-hidden />, label: 'Siap dikirim', href: '/antrean/ready-to-send', roles: ['REGISTRAR'] },
  { key: '/naskah-masuk/registrasi', icon: <FileAddOutlined aria-hidden />, label: 'Registrasi surat', href: '/naskah-masuk/registrasi', roles: ['REGISTRAR'] },
  // not rebuilt yet (part 1 continues / part 2): the previous screens, kept working
  { key: '/lama/disposisi', icon: <FolderOpenOutlined aria-hidden />, label: 'Disposisi (lama)', href: '/lama/#/disposisi/masuk', external: true },
  { key: '/lama/arsip', icon: <FolderOpenOutlined aria-hidden />, label: 'Arsip (lama)', href: '/lama/#/arsip', external: true },
  { key: '/verifikasi', icon: <SafetyCertificateOutlined aria-hidden />, label: 'Verifikasi naskah', href: '/verifikasi' },
];

export function AppShell() {
  const screens = Grid.useBreakpoint();
  const phone = screens.md === false; // under 768 px: the menu is a drawer
  const [drawer, setDrawer] = useState(false);
  const { me, positions, actingFor, setActingFor, signOut } = useAuth();
  const location = useLocation();
  const navigate = useNavigate();
  const nav = NAV.filter((n) => !n.roles || n.roles.some((r) => me?.roles.includes(r)));
  // the longest entry that starts the path (/naskah-masuk/registrasi before /naskah-masuk)
  const selected = nav.filter((n) => !n.external && location.pathname.startsWith(n.key)).sort((a, b) => b.key.length - a.key.length)[0]?.key;

  const menuItems: MenuProps['items'] = nav.map((n) => ({
    key: n.key,
    icon: n.icon,
    label: n.external ? <a href={n.href}>{n.label}</a> : <Link to={n.href}>{n.label}</Link>,
  }));
  const menu = <Menu mode="inline" selectedKeys={selected ? [selected] : []} items={menuItems} onClick={() => setDrawer(false)} aria-label="Menu utama" />;

  const userItems: MenuProps['items'] = [
    { key: 'who', type: 'group', label: `${me?.user.fullName ?? ''}${me?.roles.length ? ` · ${me.roles.map((r) => ROLE[r as keyof typeof ROLE] ?? r).join(', ')}` : ''}` },
    { type: 'divider' },
    {
      key: 'positions',
      type: 'group',
      label: 'Bertindak sebagai',
      children: [
        { key: 'pos:all', label: 'Semua jabatan saya', icon: actingFor === null ? <CheckOutlined aria-hidden /> : <span className="anticon" /> },
        ...positions.map((p) => ({ key: `pos:${p.id}`, label: `${p.capacity ? `${p.capacity} ` : ''}${p.title}`, icon: actingFor === p.id ? <CheckOutlined aria-hidden /> : <span className="anticon" /> })),
      ],
    },
    { type: 'divider' },
    { key: 'logout', icon: <LogoutOutlined aria-hidden />, label: 'Keluar', danger: true },
  ];
  const onUserMenu: MenuProps['onClick'] = async ({ key }) => {
    if (key === 'logout') {
      await signOut();
      navigate('/masuk', { replace: true });
    } else if (key === 'pos:all') setActingFor(null);
    else if (key.startsWith('pos:')) setActingFor(Number(key.slice(4)));
  };
  const acting = positions.find((p) => p.id === actingFor);

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <a className="skip-link" href="#konten">
        Lewati ke konten utama
      </a>
      <Header className="naskah-header">
        {phone && <Button type="text" icon={<MenuOutlined aria-hidden />} aria-label="Buka menu" onClick={() => setDrawer(true)} />}
        <Link to="/beranda" aria-label="Naskah — ke beranda" style={{ minWidth: 0 }}>
          <Mark office={me?.office?.name} />
        </Link>
        <div className="grow" />
        {!phone && (
          <Input.Search
            placeholder="Cari naskah masuk (hal, nomor, pengirim)"
            aria-label="Cari naskah masuk"
            allowClear
            enterButton={<Button aria-label="Cari" icon={<SearchOutlined aria-hidden />} />}
            style={{ maxWidth: 340 }}
            onSearch={(q) => q.trim() && navigate(`/naskah-masuk?q=${encodeURIComponent(q.trim())}`)}
          />
        )}
        <NotificationBell />
        <Dropdown menu={{ items: userItems, onClick: onUserMenu }} trigger={['click']} placement="bottomRight">
          <Button type="text" icon={<UserOutlined aria-hidden />} aria-label={`Akun: ${me?.user.fullName ?? ''}`}>
            {!phone && (
              <span>
                {acting ? `${acting.capacity ? `${acting.capacity} ` : ''}${acting.title}` : (me?.position?.title ?? me?.user.fullName ?? '')}
              </span>
            )}
          </Button>
        </Dropdown>
      </Header>
      <Layout>
        {!phone && (
          <Sider width={232} theme="light" breakpoint="lg" collapsedWidth={72} style={{ borderRight: '1px solid #f0f0f0' }}>
            <nav aria-label="Menu utama">{menu}</nav>
          </Sider>
        )}
        {phone && (
          <Drawer open={drawer} onClose={() => setDrawer(false)} placement="left" size={280} title={<Mark office={me?.office?.name} />} closable={{ 'aria-label': 'Tutup menu' }}>
            <nav aria-label="Menu utama">{menu}</nav>
            <Input.Search
              placeholder="Cari naskah masuk"
              aria-label="Cari naskah masuk"
              enterButton={<Button aria-label="Cari" icon={<SearchOutlined aria-hidden />} />}
              style={{ marginTop: 12 }}
              onSearch={(q) => {
                setDrawer(false);
                if (q.trim()) navigate(`/naskah-masuk?q=${encodeURIComponent(q.trim())}`);
              }}
            />
          </Drawer>
        )}
        <Layout>
          <Content>
            <main id="konten" tabIndex={-1} className="naskah-content">
              <Outlet />
            </main>
          </Content>
          <Footer className="naskah-footer">
            <Typography.Text type="secondary">
              <Link to="/verifikasi">Verifikasi naskah</Link> · Tanda tangan elektronik tidak tersertifikasi
            </Typography.Text>
          </Footer>
        </Layout>
      </Layout>
    </Layout>
  );
}
