import { createBrowserRouter, Navigate } from 'react-router';
import { RequireAuth } from '../auth/RequireAuth';
import { AppShell } from '../shell/AppShell';
import { SignInPage } from '../pages/SignInPage';
import { BerandaPage } from '../pages/BerandaPage';
import { InboxPage } from '../pages/InboxPage';
import { DeliveryPage } from '../pages/DeliveryPage';
import { OutboxPage } from '../pages/OutboxPage';
import { VerifyPage } from '../pages/VerifyPage';
import { NotificationsPage } from '../pages/NotificationsPage';
import { NotFoundPage, RouteErrorPage } from '../pages/NotFoundPage';
import { ComposePage } from '../pages/ComposePage';
import { LetterPage } from '../pages/LetterPage';
import { LetterQueuePage } from '../pages/LetterQueuePage';
import { RegisterIncomingPage } from '../pages/RegisterIncomingPage';

/** App paths (the API serves index.html for each; the old screens stay under /lama/ until part 2). */
export const router = createBrowserRouter([
  { path: '/masuk', element: <SignInPage />, errorElement: <RouteErrorPage /> },
  { path: '/verifikasi', element: <VerifyPage />, errorElement: <RouteErrorPage /> },
  {
    element: <RequireAuth />,
    errorElement: <RouteErrorPage />,
    children: [
      {
        element: <AppShell />,
        errorElement: <RouteErrorPage />,
        children: [
          { index: true, element: <Navigate to="/beranda" replace /> },
          { path: '/beranda', element: <BerandaPage /> },
          { path: '/naskah-masuk', element: <InboxPage /> },
          { path: '/naskah-masuk/registrasi', element: <RegisterIncomingPage /> },
          { path: '/naskah-masuk/:id', element: <DeliveryPage /> },
          { path: '/naskah/:id', element: <LetterPage /> },
          { path: '/antrean/:queue', element: <LetterQueuePage /> },
          { path: '/naskah-keluar', element: <OutboxPage /> },
          { path: '/notifikasi', element: <NotificationsPage /> },
          ...['/naskah/baru', '/naskah/:id/ubah'].map((path) => ({ path, element: <ComposePage /> })),
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);
