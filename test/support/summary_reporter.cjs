// Mocha reporter: mocha's spec output, then one closing line `N passed, N failed[, N skipped]`
// that CI reads (DEVELOPERS.md). CommonJS because mocha loads reporters with require().
// With KNOOPPUNT_SUMMARY_FILE set, the counts are also written there as JSON, so that
// scripts/test.mjs can add up several runs (the whole suite, then the unit, contract and
// integration suites under a moved clock) into the one line that ends `npm test`, together
// with the full title and first error line of every failed test: CI keeps only the tail of
// the output, and mocha's own failure report sits far above it.
'use strict';
const { writeFileSync } = require('node:fs');
const Mocha = require('mocha');
const { Spec } = Mocha.reporters;
const { EVENT_RUN_END, EVENT_TEST_FAIL } = Mocha.Runner.constants;

class SummaryReporter extends Spec {
  constructor(runner, options) {
    super(runner, options);
    const failed = [];
    runner.on(EVENT_TEST_FAIL, (test, error) => {
      const message = String(error?.message ?? error)
        .split('\n')[0]
        .slice(0, 300);
      failed.push(`${test.fullTitle()}: ${message}`);
    });
    runner.once(EVENT_RUN_END, () => {
      const { passes, failures, pending } = runner.stats ?? this.stats;
      const file = process.env.KNOOPPUNT_SUMMARY_FILE;
      if (file) writeFileSync(file, JSON.stringify({ passes, failures, pending, failed }));
      // Printed after Spec's epilogue so it is the last line of the run.
      process.nextTick(() => {
        const skipped = pending > 0 ? `, ${pending} skipped` : '';
        console.log(`${passes} passed, ${failures} failed${skipped}`);
      });
    });
  }
}
module.exports = SummaryReporter;
