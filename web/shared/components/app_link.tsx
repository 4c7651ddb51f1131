/**
 * A link inside an app: an ordinary `<a href>` (so it can be opened in a new tab, copied
 * and read by a screen reader as a link) that navigates without a page load on a plain click.
 */
import { ButtonLink, Link, type LinkProps } from '@utrecht/component-library-react';
import type { MouseEvent, ReactNode } from 'react';
import { navigate } from '../router.ts';

export interface AppLinkProps extends LinkProps {
  /** A full path of the app, e.g. from `consoleHref`. */
  readonly href: string;
  readonly children?: ReactNode;
}

export function isPlainClick(event: MouseEvent<HTMLAnchorElement>): boolean {
  return (
    !event.defaultPrevented &&
    event.button === 0 &&
    !event.metaKey &&
    !event.ctrlKey &&
    !event.shiftKey &&
    !event.altKey
  );
}

export function AppLink({ href, onClick, children, ...rest }: AppLinkProps) {
  return (
    <Link
      {...rest}
      href={href}
      onClick={(event) => {
        onClick?.(event);
        if (!isPlainClick(event)) return;
        event.preventDefault();
        navigate(href);
      }}
    >
      {children}
    </Link>
  );
}

/** An app link that looks like a button: the one next step of a screen ("Beantwoorden"). */
export function AppButtonLink({
  href,
  children,
}: {
  readonly href: string;
  readonly children: ReactNode;
}) {
  return (
    <ButtonLink
      appearance="primary-action-button"
      href={href}
      onClick={(event: MouseEvent<HTMLAnchorElement>) => {
        if (!isPlainClick(event)) return;
        event.preventDefault();
        navigate(href);
      }}
    >
      {children}
    </ButtonLink>
  );
}
