/**
 * The console's addresses: below `/console`, on the shared router (`web/shared/router.ts`).
 */
import { hrefBelow, useLocationBelow, type Location } from '../../shared/router.ts';

export { navigate, type Location } from '../../shared/router.ts';

/** Where the hub serves the console. */
export const BASE = '/console';

export function useLocation(): Location {
  return useLocationBelow(BASE);
}

/** `/berichten` + a query → `/console/berichten?…`, leaving out empty values. */
export function consoleHref(path: string, query?: URLSearchParams): string {
  return hrefBelow(BASE, path, query);
}
