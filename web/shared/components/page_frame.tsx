/**
 * The frame around every screen: a skip link, the page header (the app's name and whatever the
 * app puts beside it: the user, a logout button), the main menu ("Hoofdmenu") with optional
 * number badges, and the main content. After a client-side navigation it moves focus to the
 * new screen's heading, so keyboard and screen-reader users start there.
 */
import {
  NavBar,
  NavList,
  NavListLink,
  NumberBadge,
  PageHeader,
  Paragraph,
  SkipLink,
  Strong,
} from '@utrecht/component-library-react';
import { useEffect, useRef, type MouseEvent, type ReactNode } from 'react';
import { navigate } from '../router.ts';

/** One entry of the main menu. */
export interface MenuItem {
  readonly label: string;
  /** The full path (`/portaal/termijnen`). */
  readonly href: string;
  readonly current: boolean;
  /** A count shown beside the label, read out as `description` (`3 ongelezen berichten`). */
  readonly badge?: { readonly count: number; readonly description: string };
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

/** The main menu; a badge sits outside the link's name and is read as its description. */
export function MainMenu({ items }: { readonly items: readonly MenuItem[] }) {
  return (
    <NavBar aria-label="Hoofdmenu">
      <NavList>
        {items.map((item, index) => {
          const badge = item.badge !== undefined && item.badge.count > 0 ? item.badge : undefined;
          const describedBy = badge === undefined ? undefined : `kp-menu-badge-${index}`;
          return (
            <NavListLink
              key={item.href}
              href={item.href}
              onClick={onPlainClick(item.href)}
              aria-current={item.current ? 'page' : undefined}
              aria-describedby={describedBy}
            >
              {item.label}
              {badge !== undefined && (
                <>
                  {' '}
                  <NumberBadge aria-hidden="true">{badge.count}</NumberBadge>
                  <span id={describedBy} hidden>
                    {badge.description}
                  </span>
                </>
              )}
            </NavListLink>
          );
        })}
      </NavList>
    </NavBar>
  );
}

export interface PageFrameProps {
  /** The app's name in the header: `Knooppunt — beheer`. */
  readonly title: string;
  /** Beside the name: who is logged in, the logout button. */
  readonly header?: ReactNode;
  /** The main menu; none before login. */
  readonly menu?: readonly MenuItem[];
  /** The current path: a change moves focus to the new screen's heading. */
  readonly path: string;
  /** A narrow column (the login screens). */
  readonly narrow?: boolean;
  readonly children: ReactNode;
}

export function PageFrame({ title, header, menu, path, narrow, children }: PageFrameProps) {
  const main = useRef<HTMLElement>(null);
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const heading = main.current?.querySelector<HTMLElement>('h1');
    (heading ?? main.current)?.focus();
  }, [path]);

  return (
    <div className="kp-page">
      <SkipLink href="#inhoud">Direct naar de inhoud</SkipLink>
      <PageHeader>
        <div className="kp-header">
          <Paragraph className="kp-title">
            <Strong>{title}</Strong>
          </Paragraph>
          {header}
        </div>
      </PageHeader>
      {menu !== undefined && <MainMenu items={menu} />}
      <main
        id="inhoud"
        ref={main}
        tabIndex={-1}
        className={narrow === true ? 'kp-main kp-narrow' : 'kp-main'}
      >
        {children}
      </main>
    </div>
  );
}
