/**
 * vitest globalSetup of the e2e suite: notes when the run started, and after the last e2e file
 * scans every host data folder, captured host log, Chromium profile and scan temp folder the run
 * created (test/e2e/support/privacy-scan.ts) for plaintext ID numbers, credit codes and names
 * of the synthetic cast. Any hit fails the run, listed with the value masked.
 *
 * Set KIOSK_PRIVACY_SCAN=0 to skip (for example while debugging one e2e file).
 */
import { describeHits, scanPaths, tempEntriesSince } from '../support/privacy-scan.js';

/** Folder times have one-second granularity on some file systems. */
const CLOCK_SLACK_MS = 2_000;

export default function setup(): () => void {
  const startedMs = Date.now() - CLOCK_SLACK_MS;
  return () => {
    if (process.env['KIOSK_PRIVACY_SCAN'] === '0') return;
    const roots = tempEntriesSince(startedMs);
    const result = scanPaths(roots);
    process.stderr.write(
      `privacy scan: ${result.files} files in ${roots.length} temp entries, ${result.hits.length} hits\n`,
    );
    if (result.hits.length > 0) {
      process.stderr.write(
        `privacy scan FAILED: plaintext personal data left on disk by the e2e run:\n${describeHits(result.hits)}\n`,
      );
      // vitest reports an error thrown from a global teardown but still exits 0; the exit code
      // is what CI reads.
      process.exitCode = 1;
    }
  };
}
