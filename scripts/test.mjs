#!/usr/bin/env node
// The README's test command, after `scripts/services.sh start` (npm's pretest): type-check,
// lint, the Prometheus alerting rules (promtool), the whole suite, then the unit, contract and integration suites again with the system
// clock moved two years ahead and one year back (Debian's `faketime`; the services keep the real
// time), so that a test that depends on today's date fails here rather than on some future
// morning in CI. (The end-to-end fault suites, minutes of broker restarts, run once.) Ends with one line
// `N passed, N failed[, N skipped]` over every run; the type check and the lint count as one
// test each. Above the counts it lists every failed test, title and first error line, since CI
// keeps only the tail of the output.
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
const failedTests = [];

/**
 * Counts `missing` (a tool that is not installed) as `count` checks: failed in CI, skipped
 * (saying so) elsewhere.
 */
function missingTool(label, missing, count = 1) {
  const what = `${missing} (scripts/services.sh start installs it)`;
  if (process.env.CI === 'true') {
    total.failures += count;
    lines.push(`${label}: ${count} failed, ${what} is missing in CI`);
  } else {
    total.pending += count;
    lines.push(`${label}: ${count} skipped, ${what} is missing`);
  }
}

/** Runs a command that is one check: passed when it exits 0; `tool` must be installed. */
function check(label, command, args, options = {}) {
  if (options.tool !== undefined && spawnSync(options.tool, ['--version']).error !== undefined) {
    missingTool(label, options.tool);
    return;
  }
  const { status } = spawnSync(command, args, { stdio: 'inherit', cwd: options.cwd });
  const ok = status === 0;
  total[ok ? 'passes' : 'failures'] += 1;
  lines.push(`${label}: ${ok ? 'passed' : 'failed'}`);
}

/** Runs mocha (under `prefix`, e.g. faketime) and adds its counts. */
function mocha(label, prefix, specs) {
  const file = join(scratch, `${lines.length}.json`);
  const [command, ...args] = [...prefix, bin('mocha'), ...specs];
  spawnSync(command, args, {
    stdio: 'inherit',
    env: { ...process.env, KNOOPPUNT_SUMMARY_FILE: file },
  });
  let counts;
  try {
    counts = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    counts = { passes: 0, failures: 1, pending: 0, failed: ['mocha ended before its summary'] };
  }
  for (const key of Object.keys(total)) total[key] += counts[key];
  for (const title of counts.failed ?? []) failedTests.push(`${label}: ${title}`);
  const skipped = counts.pending > 0 ? `, ${counts.pending} skipped` : '';
  lines.push(`${label}: ${counts.passes} passed, ${counts.failures} failed${skipped}`);
}

function haveFaketime() {
  return spawnSync('faketime', ['-f', '+0d', 'true']).status === 0;
}

check('type check', 'npm', ['run', '--silent', 'typecheck']); // the hub's and the console's
check('lint', 'npm', ['run', '--silent', 'lint']);
// The Prometheus alerting rules shipped in ops/prometheus/, and their unit tests.
check(
  'alert rules (promtool)',
  'sh',
  ['-c', 'promtool check rules alerts.yml && promtool test rules alerts.test.yml'],
  { cwd: join('ops', 'prometheus'), tool: 'promtool' },
);
mocha('whole suite', [], ['test/**/*.test.ts']);
if (offsets.length > 0 && !haveFaketime()) {
  missingTool('moved clock', 'faketime', offsets.length);
} else {
  for (const offset of offsets) {
    console.log(
      `\n# the unit, contract and integration suites with the system clock moved ${offset}`,
    );
    mocha(`clock moved ${offset}`, ['faketime', '-f', offset], MOVED_CLOCK_SUITES);
  }
}
rmSync(scratch, { recursive: true, force: true });

if (failedTests.length > 0)
  console.log(`\nFailed:\n${failedTests.map((t) => `- ${t}`).join('\n')}`);
console.log(`\n${lines.join('\n')}`);
const skipped = total.pending > 0 ? `, ${total.pending} skipped` : '';
console.log(`${total.passes} passed, ${total.failures} failed${skipped}`);
process.exitCode = total.failures > 0 ? 1 : 0;
