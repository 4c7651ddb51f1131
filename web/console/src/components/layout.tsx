/**
 * The frame around every console screen after login (the shared PageFrame): the operator and
 * the logout button in the header, and the main menu with the number of alerts.
 */
import { Button, Paragraph, Strong } from '@utrecht/component-library-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { PageFrame, type MenuItem } from '../../../shared/components/page_frame.tsx';
import { ErrorAlert } from '../../../shared/components/query_view.tsx';
import { getAlerts, logout } from '../api.ts';
import { ROLE_NL } from '../format.ts';
import { consoleHref, navigate, useLocation } from '../router.ts';
import { endSession, useSession } from '../session.ts';

/** The main menu: label and path below `/console`. */
const MENU: readonly { label: string; path: string }[] = [
  { label: 'Overzicht', path: '/' },
  { label: 'Berichten', path: '/berichten' },
  { label: 'Termijnen', path: '/termijnen' },
  { label: 'Afwijzingen', path: '/afwijzingen' },
  { label: 'Vroegsignalering', path: '/vroegsignalering' },
  { label: 'Wachtrijen', path: '/wachtrijen' },
  { label: 'Deelnemers', path: '/deelnemers' },
  { label: 'Meldingen', path: '/meldingen' },
  { label: 'Grootboek', path: '/grootboek' },
  { label: 'Audit', path: '/audit' },
];

export const ALERTS_KEY = ['alerts'] as const;

/** Whether a menu item is the current screen (or a screen below it). */
function isCurrent(itemPath: string, path: string): boolean {
  if (itemPath === '/') return path === '/';
  return path === itemPath || path.startsWith(`${itemPath}/`);
}

function useMenu(path: string): readonly MenuItem[] {
  const alerts = useQuery({ queryKey: ALERTS_KEY, queryFn: getAlerts, refetchInterval: 60_000 });
  const alertCount = alerts.data?.items.length ?? 0;
  return MENU.map((item) => ({
    label: item.label,
    href: consoleHref(item.path),
    current: isCurrent(item.path, path),
    ...(item.path === '/meldingen'
      ? {
          badge: {
            count: alertCount,
            description: alertCount === 1 ? '1 melding' : `${alertCount} meldingen`,
          },
        }
      : {}),
  }));
}

function HeaderActions() {
  const session = useSession();
  const client = useQueryClient();
  const signOut = useMutation({
    mutationFn: () => logout(session.csrfToken),
    onSuccess: () => {
      endSession(client);
      navigate(consoleHref('/'));
    },
  });
  return (
    <>
      <Paragraph>
        Ingelogd als <Strong>{session.name}</Strong> ({ROLE_NL[session.role]})
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
      title="Knooppunt — beheer"
      header={<HeaderActions />}
      menu={useMenu(path)}
      path={path}
    >
      {children}
    </PageFrame>
  );
}
