/**
 * The console's screens by address (below `/console`): a table the app reads, one line per
 * screen, the id in the path decoded for the screens that show one thing.
 */
import type { ReactNode } from 'react';
import { routeFor, type Route } from '../../shared/router.ts';
import { AlertsScreen } from './screens/alerts.tsx';
import { AuditScreen } from './screens/audit.tsx';
import { ConversationScreen } from './screens/conversation.tsx';
import { DeadlinesScreen } from './screens/deadlines.tsx';
import { LedgerScreen } from './screens/ledger.tsx';
import { MessageScreen } from './screens/message.tsx';
import { MessagesScreen } from './screens/messages.tsx';
import { NotFoundScreen } from './screens/not_found.tsx';
import { OverviewScreen } from './screens/overview.tsx';
import { ParticipantsScreen } from './screens/participants.tsx';
import { QueuesScreen } from './screens/queues.tsx';
import { RejectionsScreen } from './screens/rejections.tsx';
import { VroegsignaleringScreen } from './screens/vroegsignalering.tsx';

const ROUTES: readonly Route<ReactNode>[] = [
  { pattern: /^\/$/, render: () => <OverviewScreen /> },
  { pattern: /^\/berichten$/, render: () => <MessagesScreen /> },
  { pattern: /^\/berichten\/([^/]+)$/, render: (id) => <MessageScreen key={id} id={id} /> },
  { pattern: /^\/dossiers\/([^/]+)$/, render: (id) => <ConversationScreen key={id} id={id} /> },
  { pattern: /^\/termijnen$/, render: () => <DeadlinesScreen /> },
  { pattern: /^\/afwijzingen$/, render: () => <RejectionsScreen /> },
  { pattern: /^\/vroegsignalering$/, render: () => <VroegsignaleringScreen /> },
  { pattern: /^\/wachtrijen$/, render: () => <QueuesScreen /> },
  { pattern: /^\/deelnemers$/, render: () => <ParticipantsScreen /> },
  { pattern: /^\/meldingen$/, render: () => <AlertsScreen /> },
  { pattern: /^\/grootboek$/, render: () => <LedgerScreen /> },
  { pattern: /^\/audit$/, render: () => <AuditScreen /> },
];

/** The screen for a path below `/console`. */
export function screenFor(path: string): ReactNode {
  return routeFor(ROUTES, path, () => <NotFoundScreen />);
}
