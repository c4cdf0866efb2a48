// Prints the single closing line CI reads: "N passed, N failed" (skipped tests are named on the line before).
class SummaryReporter {
  onRunComplete(_contexts, results) {
    const skipped = results.numPendingTests + results.numTodoTests;
    const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
    const lines = [];
    if (skipped) lines.push(`${skipped} skipped (real-server suites without their URL; see the messages above)`);
    lines.push(`${results.numPassedTests} passed, ${failed} failed`);
    process.stdout.write(`\n${lines.join('\n')}\n`);
  }
}
module.exports = SummaryReporter;
