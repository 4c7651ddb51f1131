/**
 * Vite build of the operator console: sources in `web/console`, built into `web/dist/console`,
 * which the hub serves at `/console/`. The portal has its own (`vite.portal.config.ts`);
 * `npm run build:web` builds both.
 */
import { webAppConfig } from './vite_app.ts';

export default webAppConfig('console', '/console');
