/**
 * The frame around every portal screen after login (the shared PageFrame): the user and the
 * participant in the header with the logout button, and the main menu with the number of
 * unread messages (Postvak IN) and of answers still owed (Termijnen). The menu also holds the
 * screens others fill: a new message, CSV bulk, devices (keys).
 */
import { Button, Paragraph, Strong } from '@utrecht/component-library-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { PageFrame, type MenuItem } from '../../../shared/components/page_frame.tsx';
import { ErrorAlert } from '../../../shared/components/query_view.tsx';
import { formatNumber } from '../../../shared/format.ts';
import { getOverview, logout } from '../api.ts';
import { ParticipantName, unreadText } from '../names.tsx';
import { navigate, portalHref, useLocation } from '../router.ts';
import { endSession, OVERVIEW_KEY, useSession } from '../session.ts';

/** The main menu: label and path below `/portaal`, and the paths below it that it covers. */
const MENU: readonly { label: string; path: string; covers?: RegExp }[] = [
  { label: 'Postvak IN', path: '/', covers: /^\/(berichten|dossiers)(\/|$)/ },
  { label: 'Termijnen', path: '/termijnen' },
  { label: 'Nieuw bericht', path: '/nieuw' },
  { label: 'Bulk (CSV)', path: '/bulk' },
  { label: 'Apparaten', path: '/apparaten' },
];

function isCurrent(item: (typeof MENU)[number], path: string): boolean {
  if (item.path === '/') return path === '/' || (item.covers?.test(path) ?? false);
  return path === item.path || path.startsWith(`${item.path}/`);
}

/** The counts of the navigation, refreshed every minute and after opening a message. */
export function useOverview() {
  return useQuery({ queryKey: OVERVIEW_KEY, queryFn: getOverview, refetchInterval: 60_000 });
}

function useMenu(path: string): readonly MenuItem[] {
  const overview = useOverview().data;
  const unread = overview?.unread.total ?? 0;
  const owed = overview?.answers.owed ?? 0;
  const overdue = overview?.answers.overdue ?? 0;
  const badges: Record<string, MenuItem['badge']> = {
    '/': { count: unread, description: unreadText(unread) },
    '/termijnen': {
      count: owed,
      description:
        `${formatNumber(owed)} ${owed === 1 ? 'antwoord' : 'antwoorden'} nodig` +
        (overdue > 0 ? `, waarvan ${formatNumber(overdue)} te laat` : ''),
    },
  };
  return MENU.map((item) => {
    const badge = badges[item.path];
    return {
      label: item.label,
      href: portalHref(item.path),
      current: isCurrent(item, path),
      ...(badge === undefined ? {} : { badge }),
    };
  });
}

function HeaderActions() {
  const session = useSession();
  const client = useQueryClient();
  const signOut = useMutation({
    mutationFn: () => logout(session.csrfToken),
    onSuccess: () => {
      endSession(client);
      navigate(portalHref('/'));
    },
  });
  return (
    <>
      <Paragraph>
        Ingelogd als <Strong>{session.name}</Strong> ({session.role}) voor{' '}
        <ParticipantName oin={session.participant} />
      </Paragraph>
      <Button
        appearance="secondary-action-button"
        busy={signOut.isPending}
        onClick={() => signOut.mutate()}
      >
        Uitloggen
      </Button>
      {signOut.isError && <ErrorAlert error={signOut.error} />}
    </>
  );
}

export function Layout({ children }: { readonly children: ReactNode }) {
  const { path } = useLocation();
  return (
    <PageFrame
      title="Knooppunt — portaal"
      header={<HeaderActions />}
      menu={useMenu(path)}
      path={path}
    >
      {children}
    </PageFrame>
  );
}
