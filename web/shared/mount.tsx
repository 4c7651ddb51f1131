/**
 * What both web apps do to start and to gate on a session: the NL Design System styles, the
 * query client (no retries on 4xx; a 401 anywhere ends the session), the app's name for the
 * document title; and the gate that asks the hub for the session and shows the login screen
 * when there is none.
 */
import '@utrecht/component-library-css/dist/index.css';
import '@utrecht/design-tokens/dist/theme.css';
import './base.css';
import { Button, Paragraph } from '@utrecht/component-library-react';
import {
  MutationCache,
  QueryCache,
  QueryClient,
  QueryClientProvider,
  useQuery,
} from '@tanstack/react-query';
import { StrictMode } from 'react';
import type { ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { ApiError, isSessionLost } from './api.ts';
import { ErrorAlert } from './components/query_view.tsx';
import { AppNameContext } from './components/screen_heading.tsx';

/** The react-query key of the session, in both apps. */
export const SESSION_KEY = ['session'] as const;

/** Forget the session and everything read with it: the app shows its login screen again. */
export function endSession(client: QueryClient): void {
  client.setQueryData(SESSION_KEY, null);
  client.removeQueries({ predicate: (query) => query.queryKey[0] !== SESSION_KEY[0] });
}

function makeQueryClient(): QueryClient {
  const onError = (error: unknown) => {
    if (isSessionLost(error)) endSession(client);
  };
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError }),
    mutationCache: new MutationCache({ onError }),
    defaultOptions: {
      queries: {
        staleTime: 5_000,
        // A 4xx will not change by asking again; a 5xx or a network failure might.
        retry: (count, error) => !(error instanceof ApiError && error.status < 500) && count < 2,
      },
    },
  });
  return client;
}

/** Renders `app` into `#root`, named `name` in the document title. */
export function mountApp(name: string, app: ReactNode): void {
  const root = document.getElementById('root');
  if (root === null) throw new Error('index.html has no #root');
  createRoot(root).render(
    <StrictMode>
      <AppNameContext.Provider value={name}>
        <QueryClientProvider client={makeQueryClient()}>{app}</QueryClientProvider>
      </AppNameContext.Provider>
    </StrictMode>,
  );
}

export interface SessionGateProps<S> {
  readonly getSession: () => Promise<S | null>;
  readonly login: ReactNode;
  readonly children: (session: S) => ReactNode;
}

/** The session's screens once there is one; loading, a failure to retry, or the login screen. */
export function SessionGate<S>({ getSession, login, children }: SessionGateProps<S>) {
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
  return session.data === null ? login : children(session.data);
}
