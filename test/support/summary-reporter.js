const fs = require('node:fs');

/**
 * Prints one plain closing line, "Tests: N passed, N failed, N skipped", that CI systems read
 * whatever the runner, after Jest's own summary; with the query shapes no index covers, if any.
 */
class SummaryReporter {
  onRunComplete(_contexts, results) {
    const skipped = results.numPendingTests + results.numTodoTests;
    const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
    const line = `Tests: ${results.numPassedTests} passed, ${failed} failed, ${skipped} skipped`;
    // The global teardown, which runs after this, checks the query shapes of the run (index-coverage.ts).
    process.once('exit', () => {
      const uncovered = globalThis.__uncoveredQueryShapes;
      fs.writeSync(2, `${line}${uncovered ? `; ${uncovered} query shapes use no declared index (the run fails)` : ''}\n`);
    });
  }
}
module.exports = SummaryReporter;
