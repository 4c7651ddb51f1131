/**
 * The portal's addresses: below `/portaal`, on the shared router (`web/shared/router.ts`).
 */
import { hrefBelow, useLocationBelow, type Location } from '../../shared/router.ts';

export { navigate, type Location } from '../../shared/router.ts';

/** Where the hub serves the portal. */
export const BASE = '/portaal';

export function useLocation(): Location {
  return useLocationBelow(BASE);
}

/** `/berichten/…` + a query → `/portaal/berichten/…?…`, leaving out empty values. */
export function portalHref(path: string, query?: URLSearchParams): string {
  return hrefBelow(BASE, path, query);
}

/** The pages of one message, one case, and the answer to a message. */
export const messageHref = (id: string) => portalHref(`/berichten/${encodeURIComponent(id)}`);
export const caseHref = (id: string) => portalHref(`/dossiers/${encodeURIComponent(id)}`);
export const answerHref = (id: string) => portalHref(`/beantwoorden/${encodeURIComponent(id)}`);
