// Mocha reporter: mocha's spec output, then one closing line `N passed, N failed[, N skipped]`
// that CI reads (DEVELOPERS.md). CommonJS because mocha loads reporters with require().
'use strict';
const Mocha = require('mocha');
const { Spec } = Mocha.reporters;
const { EVENT_RUN_END } = Mocha.Runner.constants;

class SummaryReporter extends Spec {
  constructor(runner, options) {
    super(runner, options);
    runner.once(EVENT_RUN_END, () => {
      const { passes, failures, pending } = runner.stats ?? this.stats;
      // Printed after Spec's epilogue so it is the last line of the run.
      process.nextTick(() => {
        const skipped = pending > 0 ? `, ${pending} skipped` : '';
        console.log(`${passes} passed, ${failures} failed${skipped}`);
      });
    });
  }
}
module.exports = SummaryReporter;
