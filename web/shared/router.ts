/**
 * A tiny router on the History API, for an app served below a base path (`/console`,
 * `/portaal`). The hub answers index.html for every path below the base, so the address bar
 * holds real paths that can be shared and reloaded; `navigate` changes them without a page load.
 */
import { useMemo, useSyncExternalStore } from 'react';

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

/** Go to a full path of the app (`/console/…`, with query string if any). */
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

/** The current location below `base`, re-rendering on every navigation. */
export function useLocationBelow(base: string): Location {
  const href = useSyncExternalStore(subscribe, snapshot);
  return useMemo(() => {
    const url = new URL(href, window.location.origin);
    const below = url.pathname.startsWith(base) ? url.pathname.slice(base.length) : url.pathname;
    const path = below === '' ? '/' : below.replace(/(.)\/$/, '$1');
    return { path, search: url.searchParams };
  }, [href, base]);
}

/** `base` + `/berichten` + a query → `/console/berichten?…`, leaving out empty values. */
export function hrefBelow(base: string, path: string, query?: URLSearchParams): string {
  const search = query?.toString() ?? '';
  return `${base}${path}${search === '' ? '' : `?${search}`}`;
}

/** A screen of an app's route table: a pattern on the path and what to show for a match. */
export interface Route<T> {
  readonly pattern: RegExp;
  readonly render: (id: string) => T;
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** The first route matching `path`, rendered with its first group decoded; else `fallback`. */
export function routeFor<T>(routes: readonly Route<T>[], path: string, fallback: () => T): T {
  for (const route of routes) {
    const match = route.pattern.exec(path);
    if (match) return route.render(decode(match[1] ?? ''));
  }
  return fallback();
}
