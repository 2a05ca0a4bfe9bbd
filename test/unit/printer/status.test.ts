import { describe, expect, it } from 'vitest';
import {
  IDLE_STATUS_FLAGS,
  conditionFromReplies,
  decodeStatusReplies,
  describeCondition,
  encodeStatusReplies,
  isReady,
  statusRequestBytes,
  type PrinterStatusFlags,
} from '../../../drivers/printer/status.js';

/** Each flag, the reply byte index (DLE EOT n - 1) and the bit(s) it sets. */
const FLAG_BITS: [keyof PrinterStatusFlags, number, number][] = [
  ['drawerPin3', 0, 0x04],
  ['offline', 0, 0x08],
  ['waitingForRecovery', 0, 0x20],
  ['feedButtonPressed', 0, 0x40],
  ['coverOpen', 1, 0x04],
  ['feedingByButton', 1, 0x08],
  ['stoppedByPaperEnd', 1, 0x20],
  ['errorOccurred', 1, 0x40],
  ['recoverableError', 2, 0x04],
  ['cutterError', 2, 0x08],
  ['unrecoverableError', 2, 0x20],
  ['autoRecoverableError', 2, 0x40],
  ['paperNearEnd', 3, 0x0c],
  ['paperEnd', 3, 0x60],
];

describe('DLE EOT status codec', () => {
  it('asks for all four statuses with DLE EOT 1..4', () => {
    expect([...statusRequestBytes()]).toEqual([
      0x10, 0x04, 1, 0x10, 0x04, 2, 0x10, 0x04, 3, 0x10, 0x04, 4,
    ]);
  });

  it('reads an idle printer (0x12 x 4) as ready with nothing to report', () => {
    const condition = conditionFromReplies([0x12, 0x12, 0x12, 0x12]);
    expect(condition).toMatchObject({ known: true, faults: [], warnings: [] });
    expect(isReady(condition)).toBe(true);
    expect(describeCondition(condition)).toBe('ready');
  });

  it('decodes the reference example: cover open and paper end', () => {
    const condition = conditionFromReplies([0x12, 0x16, 0x12, 0x72]);
    expect(condition.known && condition.faults).toEqual(['cover-open', 'paper-end']);
    expect(isReady(condition)).toBe(false);
  });

  it.each(FLAG_BITS)('bit for %s sits in reply %i as 0x%s', (flag, index, mask) => {
    const replies = [0x12, 0x12, 0x12, 0x12];
    replies[index] = 0x12 | mask;
    const decoded = decodeStatusReplies(replies);
    expect(decoded.ok).toBe(true);
    if (!decoded.ok) return;
    expect(decoded.value).toEqual({ ...IDLE_STATUS_FLAGS, [flag]: true });
    expect(encodeStatusReplies(decoded.value)).toEqual(replies);
  });

  it('counts either bit of the paper sensor pairs (some models set only one)', () => {
    for (const n4 of [0x16, 0x1a]) {
      const d = decodeStatusReplies([0x12, 0x12, 0x12, n4]);
      expect(d.ok && d.value.paperNearEnd).toBe(true);
    }
    for (const n4 of [0x32, 0x52]) {
      const d = decodeStatusReplies([0x12, 0x12, 0x12, n4]);
      expect(d.ok && d.value.paperEnd).toBe(true);
    }
  });

  it.each([
    [{ offline: true }, ['offline'], []],
    [{ coverOpen: true, offline: true }, ['cover-open', 'offline'], []],
    [{ paperEnd: true }, ['paper-end'], []],
    [{ stoppedByPaperEnd: true }, ['paper-end'], []],
    [{ cutterError: true }, ['cutter-error'], []],
    [{ unrecoverableError: true }, ['unrecoverable-error'], []],
    [{ paperNearEnd: true }, [], ['paper-near-end']],
    [{ autoRecoverableError: true }, [], ['recoverable-error']],
  ] as const)('classifies %o as faults %o and warnings %o', (flags, faults, warnings) => {
    const c = conditionFromReplies(encodeStatusReplies({ ...IDLE_STATUS_FLAGS, ...flags }));
    expect(c).toMatchObject({ known: true, faults, warnings });
    expect(isReady(c)).toBe(faults.length === 0);
  });

  it('treats malformed or missing replies as unknown, never ready', () => {
    for (const replies of [
      [],
      [0x12, 0x12, 0x12],
      [0x12, 0x12, 0x12, 0x00],
      [0xff, 0x12, 0x12, 0x12],
    ]) {
      const c = conditionFromReplies(replies);
      expect(c).toEqual({ known: false, reason: 'garbled' });
      expect(isReady(c)).toBe(false);
      expect(describeCondition(c)).toBe('status unknown (garbled)');
    }
    const bad = decodeStatusReplies([0x12, 0x12, 0x12, 0x00]);
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.message).toContain('status byte 4 (0x0)');
  });
});
