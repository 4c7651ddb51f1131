/**
 * The portal's screens by address (below `/portaal`): a table the app reads, one line per
 * screen. Sending (answering, new messages, devices) lives in `send/`.
 */
import type { ReactNode } from 'react';
import { routeFor, type Route } from '../../shared/router.ts';
import { ConversationScreen } from './screens/conversation.tsx';
import { DeadlinesScreen } from './screens/deadlines.tsx';
import { InboxScreen } from './screens/inbox.tsx';
import { MessageScreen } from './screens/message.tsx';
import { NotFoundScreen } from './screens/not_found.tsx';
import { AnswerScreen, BulkScreen, DevicesScreen, NewMessageScreen } from './send/lazy.tsx';

const ROUTES: readonly Route<ReactNode>[] = [
  { pattern: /^\/$/, render: () => <InboxScreen /> },
  { pattern: /^\/berichten\/([^/]+)$/, render: (id) => <MessageScreen key={id} id={id} /> },
  { pattern: /^\/dossiers\/([^/]+)$/, render: (id) => <ConversationScreen key={id} id={id} /> },
  { pattern: /^\/termijnen$/, render: () => <DeadlinesScreen /> },
  { pattern: /^\/beantwoorden\/([^/]+)$/, render: (id) => <AnswerScreen key={id} id={id} /> },
  { pattern: /^\/nieuw$/, render: () => <NewMessageScreen /> },
  { pattern: /^\/bulk$/, render: () => <BulkScreen /> },
  { pattern: /^\/apparaten$/, render: () => <DevicesScreen /> },
];

/** The screen for a path below `/portaal`. */
export function screenFor(path: string): ReactNode {
  return routeFor(ROUTES, path, () => <NotFoundScreen />);
}
