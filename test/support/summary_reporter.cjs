// Mocha reporter: mocha's spec output, then one closing line `N passed, N failed[, N skipped]`
// that CI reads (DEVELOPERS.md). CommonJS because mocha loads reporters with require().
// With KNOOPPUNT_SUMMARY_FILE set, the counts are also written there as JSON, so that
// scripts/test.mjs can add up several runs (the whole suite, then the unit, contract and
// integration suites under a moved clock) into the one line that ends `npm test`.
'use strict';
const { writeFileSync } = require('node:fs');
const Mocha = require('mocha');
const { Spec } = Mocha.reporters;
const { EVENT_RUN_END } = Mocha.Runner.constants;

class SummaryReporter extends Spec {
  constructor(runner, options) {
    super(runner, options);
    runner.once(EVENT_RUN_END, () => {
      const { passes, failures, pending } = runner.stats ?? this.stats;
      const file = process.env.KNOOPPUNT_SUMMARY_FILE;
      if (file) writeFileSync(file, JSON.stringify({ passes, failures, pending }));
      // Printed after Spec's epilogue so it is the last line of the run.
      process.nextTick(() => {
        const skipped = pending > 0 ? `, ${pending} skipped` : '';
        console.log(`${passes} passed, ${failures} failed${skipped}`);
      });
    });
  }
}
module.exports = SummaryReporter;
