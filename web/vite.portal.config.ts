/**
 * Vite build of the participant portal: sources in `web/portal`, built into `web/dist/portal`,
 * which the hub serves at `/portaal/`.
 */
import { webAppConfig } from './vite_app.ts';

export default webAppConfig('portal', '/portaal');
