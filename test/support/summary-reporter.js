const fs = require('node:fs');

/**
 * Prints one plain closing line, "Tests: N passed, N failed, N skipped", that CI systems read
 * whatever the runner, after Jest's own summary.
 */
class SummaryReporter {
  onRunComplete(_contexts, results) {
    const skipped = results.numPendingTests + results.numTodoTests;
    const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
    const line = `Tests: ${results.numPassedTests} passed, ${failed} failed, ${skipped} skipped\n`;
    process.once('exit', () => fs.writeSync(2, line));
  }
}
module.exports = SummaryReporter;
