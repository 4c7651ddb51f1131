/**
 * The rules between the parts of Knooppunt (docs/architecture.md, "Parts and the rules between
 * them"), checked on every import of every source file, type-only imports included:
 *
 * - the two packages stand alone: @knooppunt/standard imports nothing of Knooppunt, the SDK only
 *   the standard; what either imports from npm is among its package.json dependencies, so it
 *   installs with its declared dependencies alone;
 * - the hub's parts (src/<part>/) import only the parts below them in RULES: no cycles, the
 *   transports never reach for the hub, the composition parts (hub, demo, cli) sit on top.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { expect } from 'chai';
import ts from 'typescript';

const ROOT = resolve(new URL('../../', import.meta.url).pathname);

/** What each part may import besides itself: parts of src/, and the two packages. */
const RULES: Readonly<Record<string, readonly string[]>> = {
  // the packages
  standard: [],
  sdk: ['standard'],
  // the hub's parts, bottom up
  text: [],
  config: ['standard'],
  ops: ['standard', 'ledger', 'participants'],
  participants: ['standard'],
  operators: ['standard'],
  portal: ['standard', 'operators'],
  ledger: ['standard', 'participants', 'operators', 'portal'],
  lifecycle: ['standard', 'ledger'],
  pipeline: ['standard', 'ledger', 'lifecycle', 'participants'],
  pki: ['standard'],
  devnet: ['standard', 'operators', 'participants', 'pki', 'portal'],
  transports: [
    'standard',
    'config',
    'ledger',
    'lifecycle',
    'operators',
    'ops',
    'participants',
    'pipeline',
    'portal',
  ],
  hub: [
    'standard',
    'config',
    'devnet',
    'ledger',
    'lifecycle',
    'operators',
    'ops',
    'participants',
    'pipeline',
    'pki',
    'portal',
    'transports',
  ],
  demo: ['standard', 'sdk', 'devnet', 'hub', 'ledger', 'text', 'transports'],
  cli: [
    'standard',
    'sdk',
    'config',
    'demo',
    'devnet',
    'hub',
    'ledger',
    'operators',
    'ops',
    'participants',
    'pki',
    'portal',
    'text',
    'transports',
  ],
  index: ['standard', 'sdk', 'config', 'hub'],
};

/** The part a source file belongs to. */
function partOf(file: string): string {
  const path = relative(ROOT, file);
  if (path.startsWith('packages/standard/')) return 'standard';
  if (path.startsWith('packages/sdk/')) return 'sdk';
  const [top, part] = path.split('/');
  if (top !== 'src' || part === undefined) throw new Error(`${path} is in no part`);
  return part.replace(/\.ts$/, '');
}

/** The part a package specifier names, or undefined for one from npm or Node. */
function packagePart(specifier: string): string | undefined {
  if (specifier === '@knooppunt/standard' || specifier.startsWith('@knooppunt/standard/'))
    return 'standard';
  if (specifier === '@knooppunt/sdk' || specifier.startsWith('@knooppunt/sdk/')) return 'sdk';
  return undefined;
}

function sourcesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourcesUnder(path);
    return name.endsWith('.ts') ? [path] : [];
  });
}

/** Every module specifier of a file: imports, re-exports and dynamic imports. */
function specifiersOf(file: string): string[] {
  const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
  return info.importedFiles.map((imported) => imported.fileName);
}

/** The npm package a bare specifier names (`ajv/dist/2020.js` → `ajv`). */
function npmPackage(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] as string);
}

const FILES = [
  ...sourcesUnder(join(ROOT, 'src')),
  ...sourcesUnder(join(ROOT, 'packages', 'standard', 'src')),
  ...sourcesUnder(join(ROOT, 'packages', 'sdk', 'src')),
];

describe('architecture: which part may import which', () => {
  it('places every source file in a part the rules know', () => {
    const unknown = FILES.map(partOf).filter((part) => RULES[part] === undefined);
    expect([...new Set(unknown)], 'parts without rules').to.deep.equal([]);
  });

  it('keeps every import of every part within what the rules allow', () => {
    const broken: string[] = [];
    for (const file of FILES) {
      const from = partOf(file);
      const allowed = new Set([from, ...(RULES[from] ?? [])]);
      for (const specifier of specifiersOf(file)) {
        let to: string | undefined;
        if (specifier.startsWith('.')) {
          const target = resolve(dirname(file), specifier);
          to = partOf(target);
          // A package reaches into no other folder through a relative path, and nothing
          // reaches into a package but through its name (its exports).
          const packages = new Set(['standard', 'sdk']);
          if (to !== from && (packages.has(from) || packages.has(to))) to = `${to} (relative)`;
        } else {
          to = packagePart(specifier);
        }
        if (to !== undefined && !allowed.has(to)) {
          broken.push(`${relative(ROOT, file)}: ${from} → ${to} ('${specifier}')`);
        }
      }
    }
    expect(broken, 'imports the rules do not allow').to.deep.equal([]);
  });

  it('imports from npm in the packages only what their package.json declares', () => {
    for (const name of ['standard', 'sdk']) {
      const dir = join(ROOT, 'packages', name);
      const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
        dependencies?: Record<string, string>;
      };
      const declared = new Set(Object.keys(manifest.dependencies ?? {}));
      const used = new Set(
        sourcesUnder(join(dir, 'src'))
          .flatMap(specifiersOf)
          .filter((specifier) => !specifier.startsWith('.') && !specifier.startsWith('node:'))
          .map(npmPackage),
      );
      const undeclared = [...used].filter((dependency) => !declared.has(dependency));
      expect(undeclared, `${name}: imported but not in its dependencies`).to.deep.equal([]);
    }
  });

  it('has rules without cycles', () => {
    const visiting = new Set<string>();
    const done = new Set<string>();
    const visit = (part: string, path: readonly string[]): void => {
      if (done.has(part)) return;
      expect(visiting.has(part), `cycle: ${[...path, part].join(' → ')}`).to.equal(false);
      visiting.add(part);
      for (const next of RULES[part] ?? []) visit(next, [...path, part]);
      visiting.delete(part);
      done.add(part);
    };
    for (const part of Object.keys(RULES)) visit(part, []);
  });
});
