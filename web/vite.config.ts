/**
 * Vite build of the operator console: sources in `web/console`, built into `web/dist/console`,
 * which the hub serves at `/console/` (answering index.html for every `/console/*` path).
 */
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

/**
 * The Utrecht React bundle is one module that sets `displayName` on each of its ~100
 * components. Those writes count as side effects, so every component would be bundled, used or
 * not (about 170 kB). `displayName` only serves React's developer tools: drop the writes and
 * let tree-shaking keep just the components the console uses.
 */
function dropUtrechtDisplayNames(): Plugin {
  return {
    name: 'knooppunt:drop-utrecht-display-names',
    transform(code, id) {
      if (!id.includes('/@utrecht/component-library-react/dist/index.mjs')) return null;
      return { code: code.replace(/^\w+\.displayName = '[^']*';$/gm, ''), map: null };
    },
  };
}

export default defineConfig({
  root: here('./console'),
  base: '/console/',
  plugins: [react(), dropUtrechtDisplayNames()],
  build: {
    outDir: here('./dist/console'),
    // The output folder lies outside the root, so Vite only clears it when asked.
    emptyOutDir: true,
    sourcemap: false,
    // React, react-query and the component library change less often than the screens.
    rolldownOptions: {
      output: { codeSplitting: { groups: [{ name: 'vendor', test: /node_modules/ }] } },
    },
  },
});
