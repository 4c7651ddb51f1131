/**
 * A tiny router on the History API. The hub answers index.html for every `/console/*` path, so
 * the address bar holds real paths (`/console/berichten?sender=…`) that can be shared and
 * reloaded; `navigate` changes them without a page load.
 */
import { useMemo, useSyncExternalStore } from 'react';

/** Where the hub serves the console. */
export const BASE = '/console';

const NAVIGATED = 'knooppunt:navigated';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  window.addEventListener(NAVIGATED, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(NAVIGATED, onChange);
  };
}

function snapshot(): string {
  return window.location.pathname + window.location.search;
}

/** Go to a path of the console (`/console/…`, with query string if any). */
export function navigate(to: string): void {
  if (to === snapshot()) return;
  window.history.pushState(null, '', to);
  window.dispatchEvent(new Event(NAVIGATED));
  window.scrollTo(0, 0);
}

/** The current location: the path below the base (`/berichten`) and the query. */
export interface Location {
  readonly path: string;
  readonly search: URLSearchParams;
}

export function useLocation(): Location {
  const href = useSyncExternalStore(subscribe, snapshot);
  return useMemo(() => {
    const url = new URL(href, window.location.origin);
    const below = url.pathname.startsWith(BASE) ? url.pathname.slice(BASE.length) : url.pathname;
    const path = below === '' ? '/' : below.replace(/(.)\/$/, '$1');
    return { path, search: url.searchParams };
  }, [href]);
}

/** `/berichten` + a query → `/console/berichten?…`, leaving out empty values. */
export function consoleHref(path: string, query?: URLSearchParams): string {
  const search = query?.toString() ?? '';
  return `${BASE}${path}${search === '' ? '' : `?${search}`}`;
}
