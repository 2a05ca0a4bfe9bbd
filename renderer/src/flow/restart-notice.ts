/**
 * Tells the applicant when the kiosk service restarted during their visit. The renderer learns
 * of a restart from `system.hello`: its `startedAt` differs from the one before the connection
 * was lost (in the browser host the socket closes with 1012 first; under Electron the port
 * closes). The restarted service holds no session, so the visit ends here too (reason
 * `service`, like a session the staff ended), and the attract screen shows a short notice:
 * what became of the application and to start again. The notice names no one and nothing the
 * applicant entered; it goes on the next touch or key (outside the access bar, so the
 * language can still be switched to read it) or after `RESTART_NOTICE_MS`.
 */
import type { Step } from './session-machine';

/** What the notice says about the visit the restart ended. */
export type RestartNoticeKind = 'notSubmitted' | 'submitted' | 'unsure' | 'interrupted';

/** How long the notice stays without a touch, milliseconds. */
export const RESTART_NOTICE_MS = 45_000;

/**
 * The notice for a visit that was at `step` when the connection was lost; `submitted` when the
 * service had already answered the submission (the outbox keeps it: it is not lost). None when
 * no visit was running.
 */
export function restartNoticeKind(
  step: Step | 'attract',
  submitted: boolean,
): RestartNoticeKind | undefined {
  if (step === 'attract') return undefined;
  if (submitted) return 'submitted';
  // The answer to the submission never came: it may or may not be in the outbox.
  if (step === 'submitting') return 'unsure';
  if (step === 'statusQuery' || step === 'verify') return 'interrupted';
  return 'notSubmitted';
}
