// Loads the TypeScript sources: tsx's loader, and the workspace packages resolved to their
// sources (source_conditions.js). Imported first by the `knooppunt` command and by the threads
// it starts (a worker thread does not inherit the loader hooks of the thread that made it).
import { register } from 'node:module';
import { register as registerTsx } from 'tsx/esm/api';

register('./source_conditions.js', import.meta.url);
registerTsx();
