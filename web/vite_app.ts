/**
 * The Vite build of one of the hub's web apps (the operator console, the participant portal):
 * sources in `web/<app>` (each importing `web/shared`), built into `web/dist/<app>`, which the
 * hub serves below the app's base path, answering index.html for every path below it.
 */
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin, type UserConfig } from 'vite';

const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

/**
 * The Utrecht React bundle is one module that sets `displayName` on each of its ~100
 * components. Those writes count as side effects, so every component would be bundled, used or
 * not (about 170 kB). `displayName` only serves React's developer tools: drop the writes and
 * let tree-shaking keep just the components the app uses.
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

/** What only the generated forms use: @rjsf, Ajv (with its formats and Dutch messages), lodash. */
const FORM_LIBRARIES =
  /node_modules\/(@rjsf|ajv|ajv-formats|fast-uri|fast-deep-equal|json-schema-traverse|json-schema-merge-allof|compute-gcd|compute-lcm|validate\.io-[a-z-]+|lodash|lodash-es|jsonpointer|markdown-to-jsx|nanoid|react-is|canonicalize)\//;

/** The config of the app in `web/<folder>`, served at `<base>/`. */
export function webAppConfig(folder: 'console' | 'portal', base: string): UserConfig {
  return defineConfig({
    root: here(`./${folder}`),
    base: `${base}/`,
    plugins: [react(), dropUtrechtDisplayNames()],
    build: {
      outDir: here(`./dist/${folder}`),
      // The output folder lies outside the root, so Vite only clears it when asked.
      emptyOutDir: true,
      sourcemap: false,
      // React, react-query and the component library change less often than the screens; the
      // form generator and its validator (the portal's sending screens, loaded when first
      // used) are a chunk of their own, so reading never loads them.
      rolldownOptions: {
        output: {
          codeSplitting: {
            groups: [
              { name: 'forms', test: FORM_LIBRARIES, priority: 2 },
              { name: 'vendor', test: /node_modules/, priority: 1 },
            ],
          },
        },
      },
    },
  });
}
