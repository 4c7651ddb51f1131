#!/usr/bin/env node
// The README's test command, after `scripts/services.sh start` (npm's pretest): type-check,
// lint, the Prometheus alerting rules (promtool), the whole suite, then the unit, contract and integration suites again with the system
// clock moved two years ahead and one year back (Debian's `faketime`; the services keep the real
// time), so that a test that depends on today's date fails here rather than on some future
// morning in CI. (The end-to-end fault suites, minutes of broker restarts, run once.) Ends with one line
// `N passed, N failed[, N skipped]` over every run; the type check and the lint count as one
// test each.
//
// KNOOPPUNT_MOVED_CLOCKS overrides the offsets (faketime's syntax, comma-separated; empty
// for none). Without faketime the moved-clock runs fail in CI (CI=true) and are reported as
// skipped, saying so, elsewhere.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const MOVED_CLOCK_SUITES = [
  'test/unit/**/*.test.ts',
  'test/contract/**/*.test.ts',
  'test/integration/**/*.test.ts',
];
const offsets = (process.env.KNOOPPUNT_MOVED_CLOCKS ?? '+2y,-1y')
  .split(',')
  .map((offset) => offset.trim())
  .filter((offset) => offset !== '');
const bin = (name) => join('node_modules', '.bin', name);
const scratch = mkdtempSync(join(tmpdir(), 'knooppunt-test-'));
const total = { passes: 0, failures: 0, pending: 0 };
const lines = [];

/** Runs a command that is one check: passed when it exits 0. */
function check(label, command, args) {
  const { status } = spawnSync(command, args, { stdio: 'inherit' });
  const ok = status === 0;
  total[ok ? 'passes' : 'failures'] += 1;
  lines.push(`${label}: ${ok ? 'passed' : 'failed'}`);
}

/** Runs mocha (under `prefix`, e.g. faketime) and adds its counts. */
function mocha(label, prefix, specs, extraEnv = {}) {
  const file = join(scratch, `${lines.length}.json`);
  const [command, ...args] = [...prefix, bin('mocha'), ...specs];
  spawnSync(command, args, {
    stdio: 'inherit',
    env: { ...process.env, ...extraEnv, KNOOPPUNT_SUMMARY_FILE: file },
  });
  let counts;
  try {
    counts = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    counts = { passes: 0, failures: 1, pending: 0 }; // mocha ended before its summary
  }
  for (const key of Object.keys(total)) total[key] += counts[key];
  const skipped = counts.pending > 0 ? `, ${counts.pending} skipped` : '';
  lines.push(`${label}: ${counts.passes} passed, ${counts.failures} failed${skipped}`);
}

function haveFaketime() {
  return spawnSync('faketime', ['-f', '+0d', 'true']).status === 0;
}

/** A check that needs a tool: fails in CI without it, is skipped (saying so) elsewhere. */
function checkWith(tool, label, command, args, options = {}) {
  if (spawnSync(tool, ['--version']).error !== undefined) {
    const missing = `${tool} (scripts/services.sh start installs it)`;
    if (process.env.CI === 'true') {
      total.failures += 1;
      lines.push(`${label}: failed, ${missing} is missing in CI`);
    } else {
      total.pending += 1;
      lines.push(`${label}: skipped, ${missing} is missing`);
    }
    return;
  }
  const { status } = spawnSync(command, args, { stdio: 'inherit', ...options });
  const ok = status === 0;
  total[ok ? 'passes' : 'failures'] += 1;
  lines.push(`${label}: ${ok ? 'passed' : 'failed'}`);
}

check('type check', bin('tsc'), ['--noEmit']);
check('lint', 'npm', ['run', '--silent', 'lint']);
// The Prometheus alerting rules shipped in ops/prometheus/, and their unit tests.
checkWith(
  'promtool',
  'alert rules (promtool)',
  'sh',
  ['-c', 'promtool check rules alerts.yml && promtool test rules alerts.test.yml'],
  { cwd: join('ops', 'prometheus') },
);
mocha('whole suite', [], ['test/**/*.test.ts']);
if (offsets.length > 0 && !haveFaketime()) {
  const missing = "faketime (Debian's package; scripts/services.sh start installs it)";
  if (process.env.CI === 'true') {
    total.failures += offsets.length;
    lines.push(`moved clock: ${offsets.length} failed, ${missing} is missing in CI`);
  } else {
    total.pending += offsets.length;
    lines.push(`moved clock: ${offsets.length} skipped, ${missing} is missing`);
  }
} else {
  for (const offset of offsets) {
    console.log(
      `\n# the unit, contract and integration suites with the system clock moved ${offset}`,
    );
    mocha(`clock moved ${offset}`, ['faketime', '-f', offset], MOVED_CLOCK_SUITES);
  }
}
rmSync(scratch, { recursive: true, force: true });

console.log(`\n${lines.join('\n')}`);
const skipped = total.pending > 0 ? `, ${total.pending} skipped` : '';
console.log(`${total.passes} passed, ${total.failures} failed${skipped}`);
process.exitCode = total.failures > 0 ? 1 : 0;
