/**
 * The frame around every screen after login: a skip link, the header with the operator and the
 * logout button, the main menu ("Hoofdmenu") and the main content. After a client-side
 * navigation it moves focus to the new screen's heading.
 */
import {
  Button,
  NavBar,
  NavList,
  NavListLink,
  NumberBadge,
  PageHeader,
  Paragraph,
  SkipLink,
  Strong,
} from '@utrecht/component-library-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, type MouseEvent, type ReactNode } from 'react';
import { getAlerts, logout } from '../api.ts';
import { ROLE_NL } from '../format.ts';
import { consoleHref, navigate, useLocation } from '../router.ts';
import { endSession, useSession } from '../session.ts';
import { ErrorAlert } from './query_view.tsx';

/** The main menu: label and path below `/console`. */
const MENU: readonly { label: string; path: string }[] = [
  { label: 'Overzicht', path: '/' },
  { label: 'Berichten', path: '/berichten' },
  { label: 'Termijnen', path: '/termijnen' },
  { label: 'Afwijzingen', path: '/afwijzingen' },
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

function onPlainClick(href: string) {
  return (event: MouseEvent<HTMLAnchorElement>) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) {
      return;
    }
    event.preventDefault();
    navigate(href);
  };
}

function MainMenu({ path }: { readonly path: string }) {
  const alerts = useQuery({ queryKey: ALERTS_KEY, queryFn: getAlerts, refetchInterval: 60_000 });
  const alertCount = alerts.data?.items.length ?? 0;
  return (
    <NavBar aria-label="Hoofdmenu">
      <NavList>
        {MENU.map((item) => {
          const href = consoleHref(item.path);
          const badge = item.path === '/meldingen' && alertCount > 0;
          return (
            <NavListLink
              key={item.path}
              href={href}
              onClick={onPlainClick(href)}
              aria-current={isCurrent(item.path, path) ? 'page' : undefined}
              aria-describedby={badge ? 'kp-alert-count' : undefined}
            >
              {item.label}
              {badge && (
                <>
                  {' '}
                  <NumberBadge aria-hidden="true">{alertCount}</NumberBadge>
                </>
              )}
            </NavListLink>
          );
        })}
      </NavList>
      {/* Outside the link, so the link's name stays "Meldingen"; read as its description. */}
      <span id="kp-alert-count" hidden>
        {alertCount === 1 ? '1 melding' : `${alertCount} meldingen`}
      </span>
    </NavBar>
  );
}

function Header() {
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
    <PageHeader>
      <div className="kp-header">
        <Paragraph className="kp-title">
          <Strong>Knooppunt — beheer</Strong>
        </Paragraph>
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
      </div>
      {signOut.isError && <ErrorAlert error={signOut.error} />}
    </PageHeader>
  );
}

export function Layout({ children }: { readonly children: ReactNode }) {
  const { path } = useLocation();
  const main = useRef<HTMLElement>(null);
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    // A new screen: let keyboard and screen-reader users start at its heading.
    const heading = main.current?.querySelector<HTMLElement>('h1');
    (heading ?? main.current)?.focus();
  }, [path]);

  return (
    <div className="kp-page">
      <SkipLink href="#inhoud">Direct naar de inhoud</SkipLink>
      <Header />
      <MainMenu path={path} />
      <main id="inhoud" ref={main} tabIndex={-1} className="kp-main">
        {children}
      </main>
    </div>
  );
}
