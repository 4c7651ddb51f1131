/**
 * The console app: asks the hub for the session, shows the login screen when there is none,
 * and otherwise the screen for the current address inside the layout.
 */
import { Button, Paragraph } from '@utrecht/component-library-react';
import { useQuery } from '@tanstack/react-query';
import { getSession } from './api.ts';
import { Layout } from './components/layout.tsx';
import { ErrorAlert } from './components/query_view.tsx';
import { useLocation } from './router.ts';
import { screenFor } from './routes.tsx';
import { LoginScreen } from './screens/login.tsx';
import { SESSION_KEY, SessionContext } from './session.ts';

export function App() {
  const { path } = useLocation();
  const session = useQuery({
    queryKey: SESSION_KEY,
    queryFn: getSession,
    staleTime: Infinity,
    retry: 1,
  });

  if (session.isPending) {
    return (
      <main className="kp-main">
        <Paragraph aria-busy="true">Bezig met laden…</Paragraph>
      </main>
    );
  }
  if (session.isError) {
    return (
      <main className="kp-main">
        <ErrorAlert error={session.error} />
        <Button appearance="primary-action-button" onClick={() => void session.refetch()}>
          Opnieuw proberen
        </Button>
      </main>
    );
  }
  if (session.data === null) return <LoginScreen />;
  return (
    <SessionContext.Provider value={session.data}>
      <Layout>{screenFor(path)}</Layout>
    </SessionContext.Provider>
  );
}
