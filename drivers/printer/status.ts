/**
 * Codec for the real-time status bytes a printer sends in answer to `DLE EOT n` (n = 1..4).
 * Pure functions, no I/O. Bit meanings from the Epson TM-T88 series specification; bits 1 and
 * 4 of every reply are fixed at 1 and bits 0 and 7 at 0, so an idle printer answers 0x12 to all
 * four. That fixed pattern is also how a reply is told apart from stray bytes (an automatic
 * status block's first byte has bit 4 clear).
 */
import { STATUS_FUNCTIONS } from './escpos-bytes.js';
import { err, ok, type Result } from '../common/result.js';

/** `DLE EOT n` reply: fixed bits (mask) and their required values. */
export const STATUS_FIXED_MASK = 0x93;
export const STATUS_FIXED_VALUE = 0x12;

/** n = 1, printer status. */
const N1_DRAWER_PIN3 = 0x04;
const N1_OFFLINE = 0x08;
const N1_WAITING_FOR_RECOVERY = 0x20;
const N1_FEED_BUTTON = 0x40;
/** n = 2, offline cause. */
const N2_COVER_OPEN = 0x04;
const N2_FEEDING_BY_BUTTON = 0x08;
const N2_STOPPED_BY_PAPER_END = 0x20;
const N2_ERROR = 0x40;
/** n = 3, error cause. */
const N3_RECOVERABLE = 0x04;
const N3_CUTTER = 0x08;
const N3_UNRECOVERABLE = 0x20;
const N3_AUTO_RECOVERABLE = 0x40;
/** n = 4, roll paper sensor: two bits each, set together by Epson; either counts. */
const N4_NEAR_END = 0x0c;
const N4_PAPER_END = 0x60;

/** Every flag the four replies carry. */
export interface PrinterStatusFlags {
  readonly drawerPin3: boolean;
  readonly offline: boolean;
  readonly waitingForRecovery: boolean;
  readonly feedButtonPressed: boolean;
  readonly coverOpen: boolean;
  readonly feedingByButton: boolean;
  readonly stoppedByPaperEnd: boolean;
  readonly errorOccurred: boolean;
  readonly recoverableError: boolean;
  readonly cutterError: boolean;
  readonly unrecoverableError: boolean;
  readonly autoRecoverableError: boolean;
  readonly paperNearEnd: boolean;
  readonly paperEnd: boolean;
}

export const IDLE_STATUS_FLAGS: PrinterStatusFlags = {
  drawerPin3: false,
  offline: false,
  waitingForRecovery: false,
  feedButtonPressed: false,
  coverOpen: false,
  feedingByButton: false,
  stoppedByPaperEnd: false,
  errorOccurred: false,
  recoverableError: false,
  cutterError: false,
  unrecoverableError: false,
  autoRecoverableError: false,
  paperNearEnd: false,
  paperEnd: false,
};

/** A problem that stops printing; the CLI exits 1 and the driver refuses or fails the job. */
export type PrinterFault =
  'paper-end' | 'cover-open' | 'offline' | 'cutter-error' | 'unrecoverable-error';
/** Something to tell staff about that does not stop printing. */
export type PrinterWarning = 'paper-near-end' | 'recoverable-error';

/**
 * What the driver knows about the printer. `unknown` means no (valid) answer arrived: it is
 * never treated as ready, because many printers keep accepting bytes while unable to print.
 */
export type PrinterCondition =
  | { readonly known: false; readonly reason: 'no-answer' | 'not-connected' | 'garbled' }
  | {
      readonly known: true;
      readonly flags: PrinterStatusFlags;
      readonly faults: readonly PrinterFault[];
      readonly warnings: readonly PrinterWarning[];
      /** The four raw reply bytes, for technicians. */
      readonly replies: readonly [number, number, number, number];
    };

/** Bytes that ask for all four statuses: `10 04 01` .. `10 04 04` (at most 4, then wait). */
export function statusRequestBytes(): Uint8Array {
  return Uint8Array.from(STATUS_FUNCTIONS.flatMap((n) => [0x10, 0x04, n]));
}

export function isStatusReplyByte(byte: number): boolean {
  return (byte & STATUS_FIXED_MASK) === STATUS_FIXED_VALUE;
}

export type StatusDecodeError = { readonly code: 'bad-status-reply'; readonly message: string };

/** Decodes the replies to `DLE EOT 1..4`, in that order. */
export function decodeStatusReplies(
  replies: readonly number[],
): Result<PrinterStatusFlags, StatusDecodeError> {
  if (replies.length !== 4) {
    return err({
      code: 'bad-status-reply',
      message: `expected 4 status bytes (DLE EOT 1..4), got ${replies.length}`,
    });
  }
  for (const [i, byte] of replies.entries()) {
    if (!Number.isInteger(byte) || byte < 0 || byte > 0xff || !isStatusReplyByte(byte)) {
      return err({
        code: 'bad-status-reply',
        message: `status byte ${i + 1} (0x${byte.toString(16)}) lacks the fixed bits 0xx1xx10`,
      });
    }
  }
  const [n1, n2, n3, n4] = replies as [number, number, number, number];
  return ok({
    drawerPin3: (n1 & N1_DRAWER_PIN3) !== 0,
    offline: (n1 & N1_OFFLINE) !== 0,
    waitingForRecovery: (n1 & N1_WAITING_FOR_RECOVERY) !== 0,
    feedButtonPressed: (n1 & N1_FEED_BUTTON) !== 0,
    coverOpen: (n2 & N2_COVER_OPEN) !== 0,
    feedingByButton: (n2 & N2_FEEDING_BY_BUTTON) !== 0,
    stoppedByPaperEnd: (n2 & N2_STOPPED_BY_PAPER_END) !== 0,
    errorOccurred: (n2 & N2_ERROR) !== 0,
    recoverableError: (n3 & N3_RECOVERABLE) !== 0,
    cutterError: (n3 & N3_CUTTER) !== 0,
    unrecoverableError: (n3 & N3_UNRECOVERABLE) !== 0,
    autoRecoverableError: (n3 & N3_AUTO_RECOVERABLE) !== 0,
    paperNearEnd: (n4 & N4_NEAR_END) !== 0,
    paperEnd: (n4 & N4_PAPER_END) !== 0,
  });
}

const bit = (on: boolean, mask: number): number => (on ? mask : 0);

/** The four reply bytes a printer in this state sends (used by the simulator). */
export function encodeStatusReplies(f: PrinterStatusFlags): [number, number, number, number] {
  return [
    STATUS_FIXED_VALUE |
      bit(f.drawerPin3, N1_DRAWER_PIN3) |
      bit(f.offline, N1_OFFLINE) |
      bit(f.waitingForRecovery, N1_WAITING_FOR_RECOVERY) |
      bit(f.feedButtonPressed, N1_FEED_BUTTON),
    STATUS_FIXED_VALUE |
      bit(f.coverOpen, N2_COVER_OPEN) |
      bit(f.feedingByButton, N2_FEEDING_BY_BUTTON) |
      bit(f.stoppedByPaperEnd, N2_STOPPED_BY_PAPER_END) |
      bit(f.errorOccurred, N2_ERROR),
    STATUS_FIXED_VALUE |
      bit(f.recoverableError, N3_RECOVERABLE) |
      bit(f.cutterError, N3_CUTTER) |
      bit(f.unrecoverableError, N3_UNRECOVERABLE) |
      bit(f.autoRecoverableError, N3_AUTO_RECOVERABLE),
    STATUS_FIXED_VALUE | bit(f.paperNearEnd, N4_NEAR_END) | bit(f.paperEnd, N4_PAPER_END),
  ];
}

/** Faults and warnings as data: which flag means what, in the order staff should fix them. */
const FAULT_RULES: readonly [PrinterFault, (f: PrinterStatusFlags) => boolean][] = [
  ['cover-open', (f) => f.coverOpen],
  ['paper-end', (f) => f.paperEnd || f.stoppedByPaperEnd],
  ['cutter-error', (f) => f.cutterError],
  ['unrecoverable-error', (f) => f.unrecoverableError],
  ['offline', (f) => f.offline],
];
const WARNING_RULES: readonly [PrinterWarning, (f: PrinterStatusFlags) => boolean][] = [
  ['paper-near-end', (f) => f.paperNearEnd],
  ['recoverable-error', (f) => f.recoverableError || f.autoRecoverableError],
];

/** Turns four reply bytes into a condition; anything malformed is `unknown`, never ready. */
export function conditionFromReplies(replies: readonly number[]): PrinterCondition {
  const decoded = decodeStatusReplies(replies);
  if (!decoded.ok) return { known: false, reason: 'garbled' };
  const flags = decoded.value;
  return {
    known: true,
    flags,
    faults: FAULT_RULES.filter(([, test]) => test(flags)).map(([name]) => name),
    warnings: WARNING_RULES.filter(([, test]) => test(flags)).map(([name]) => name),
    replies: replies.slice(0, 4) as unknown as [number, number, number, number],
  };
}

/** True only for a known condition with no fault. */
export function isReady(condition: PrinterCondition): boolean {
  return condition.known && condition.faults.length === 0;
}

/** One short technician line, e.g. `cover-open, paper-end` or `status unknown (no-answer)`. */
export function describeCondition(condition: PrinterCondition): string {
  if (!condition.known) return `status unknown (${condition.reason})`;
  const parts = [...condition.faults, ...condition.warnings];
  return parts.length === 0 ? 'ready' : parts.join(', ');
}
