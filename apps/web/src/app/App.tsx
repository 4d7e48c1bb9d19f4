import { App as AntApp, ConfigProvider } from 'antd';
import idID from 'antd/locale/id_ID';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from 'react-router';
import { ApiError } from '../api/errors';
import { AuthProvider } from '../auth/AuthContext';
import { router } from './routes';
import { theme } from './theme';
import { cspNonce } from './csp-nonce';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 15_000,
      refetchOnWindowFocus: true,
      // a 4xx will not get better by asking again; network hiccups and 5xx get two more tries
      retry: (n, err) => !(err instanceof ApiError && err.status >= 400 && err.status < 500) && n < 2,
    },
  },
});

export function App() {
  return (
    <ConfigProvider locale={idID} theme={theme} csp={cspNonce ? { nonce: cspNonce } : undefined}>
      <AntApp>
        <QueryClientProvider client={queryClient}>
          <AuthProvider>
            <RouterProvider router={router} />
          </AuthProvider>
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}
