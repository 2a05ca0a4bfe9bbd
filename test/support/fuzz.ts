/** Property-test run counts: 5,000 per target in `npm test`, 100,000 with `npm run fuzz`. */
export function fuzzRuns(defaultRuns = 5000): number {
  const fromEnv = Number(process.env['FUZZ_RUNS']);
  return Number.isFinite(fromEnv) && fromEnv > 0 ? fromEnv : defaultRuns;
}
