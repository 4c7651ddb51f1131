/**
 * The SDK as a vendor gets it: `npm pack` of @knooppunt/sdk (and of @knooppunt/standard, which it
 * depends on and which is not on a registry either) gives tarballs of the build alone; installed
 * into an empty folder with only their declared dependencies, they type-check the REST
 * integration example as written (examples/rest-integration.ts, against the shipped
 * declarations) and run it against a live hub.
 */
import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect } from 'chai';
import { startTestHub } from '../../support/test_hub.ts';
import type { TestHub } from '../../support/test_hub.ts';

const run = promisify(execFile);
const ROOT = new URL('../../../', import.meta.url).pathname;

interface Packed {
  readonly name: string;
  readonly filename: string;
  readonly files: readonly { readonly path: string }[];
}

describe('@knooppunt/sdk packed, installed into an empty folder, runs the REST example', function () {
  this.timeout(300_000);
  let hub: TestHub;
  let vendor: string;

  before(async () => {
    hub = await startTestHub();
    vendor = mkdtempSync(join(tmpdir(), 'knooppunt-vendor-'));
  });
  after(async () => {
    await hub?.stop();
    if (vendor !== undefined) rmSync(vendor, { recursive: true, force: true });
  });

  it('packs the build alone, installs with its declared dependencies and runs the example', async () => {
    const tarballs = join(vendor, 'tarballs');
    mkdirSync(tarballs);
    const { stdout: packOut } = await run(
      'npm',
      ['pack', '--workspace', '@knooppunt/standard', '--workspace', '@knooppunt/sdk'].concat([
        '--pack-destination',
        tarballs,
        '--json',
      ]),
      { cwd: ROOT },
    );
    const packed = JSON.parse(packOut) as Packed[];
    const [standard, sdk] = ['@knooppunt/standard', '@knooppunt/sdk'].map(
      (name) => packed.find((p) => p.name === name) as Packed,
    );
    const paths = (p: Packed | undefined) => (p?.files ?? []).map((file) => file.path);
    expect(paths(sdk)).to.include.members(['package.json', 'dist/index.js', 'dist/index.d.ts']);
    expect(paths(standard)).to.include.members([
      'dist/index.js',
      'dist/pki/index.js',
      'schemas/envelope.schema.json',
    ]);
    // The build alone: no TypeScript sources, no tests, nothing of the hub.
    for (const path of [...paths(sdk), ...paths(standard)]) {
      expect(path).to.match(/^(dist\/|schemas\/|package\.json$|README\.md$|CHANGELOG\.md$)/);
      expect(path).to.not.match(/(?<!\.d)\.ts$/);
    }

    writeFileSync(
      join(vendor, 'package.json'),
      JSON.stringify({ name: 'vendor', version: '1.0.0', private: true, type: 'module' }),
    );
    // From npm's cache when it has everything (it does after a first run): fast, and the same
    // under a moved clock, where the registry's TLS certificate would not verify.
    const install = (mode: string) =>
      run(
        'npm',
        ['install', '--no-audit', '--no-fund', '--ignore-scripts', mode].concat(
          [standard, sdk].map((p) => join(tarballs, (p as Packed).filename)),
        ),
        { cwd: vendor },
      );
    await install('--offline').catch(() => install('--prefer-offline'));
    // Resolved from the vendor's folder, not from the repository's workspace.
    const { stdout: resolved } = await run(
      process.execPath,
      ['--input-type=module', '-e', "console.log(import.meta.resolve('@knooppunt/sdk'))"],
      { cwd: vendor },
    );
    expect(resolved.trim()).to.equal(`file://${vendor}/node_modules/@knooppunt/sdk/dist/index.js`);

    // The example as written, type-checked against the shipped declarations (no skipLibCheck)
    // and compiled; Node's types are the only ones from outside the vendor's folder.
    copyFileSync(
      join(ROOT, 'examples', 'rest-integration.ts'),
      join(vendor, 'rest-integration.ts'),
    );
    writeFileSync(
      join(vendor, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          strict: true,
          skipLibCheck: false,
          outDir: 'out',
          types: ['node'],
          typeRoots: [join(vendor, 'node_modules', '@types'), join(ROOT, 'node_modules', '@types')],
        },
        files: ['rest-integration.ts'],
      }),
    );
    await run(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc')], {
      cwd: vendor,
    });

    const { stdout } = await run(process.execPath, [join(vendor, 'out', 'rest-integration.js')], {
      cwd: vendor,
      env: { ...process.env, HUB_URL: hub.baseUrl, KNOOPPUNT_DATA_DIR: hub.dataDir },
      timeout: 60_000,
    });
    expect(stdout).to.match(/gemeente sent saldoverzoek [0-9a-f-]{36}: accepted/);
    expect(stdout).to.match(/gemeente received the answer: 2 claim\(s\)/);
    const id = /saldoverzoek ([0-9a-f-]{36})/.exec(stdout)?.[1] as string;
    expect(await hub.hub.ledger.getMessage(id)).to.include({ status: 'picked-up' });
  });
});
