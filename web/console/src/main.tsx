/**
 * The console's entry: the NL Design System styles (Utrecht tokens and components), the query
 * client (no retries on 4xx; a 401 anywhere ends the session) and the app.
 */
import '@utrecht/component-library-css/dist/index.css';
import '@utrecht/design-tokens/dist/theme.css';
import './console.css';
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ApiError, isSessionLost } from './api.ts';
import { App } from './app.tsx';
import { endSession } from './session.ts';

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

const root = document.getElementById('root');
if (root === null) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={makeQueryClient()}>
      <App />
    </QueryClientProvider>
  </StrictMode>,
);
