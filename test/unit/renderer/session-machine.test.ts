/**
 * The session machine path by path, with vitest's fake timers driving the idle timeout.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createActor } from 'xstate';
import {
  type ApplicantView,
  currentStep,
  type EndReason,
  isIdleWarning,
  JOURNEY_STEPS,
  sessionMachine,
} from '../../../renderer/src/flow/session-machine';

const APPLICANT: ApplicantView = {
  kind: 'person',
  source: 'id-card',
  documentType: 'resident',
  nameMasked: '王*',
  idNumberMasked: '110***********002X',
};

const RECEIPT = {
  itemName: { 'zh-CN': '烟花爆竹道路运输许可', en: 'Fireworks road transport permit' },
  itemCode: 'FW-1',
  itemVersion: 1,
  applicantNameMasked: '王*',
  applicantCodeMasked: '110***********002X',
  submittedAt: '2026-12-03T09:00:00.000Z',
  promisedWorkingDays: 5,
  visitsToHall: 0,
};
const SUBMITTED = {
  kind: 'forwarded' as const,
  localReference: 'L1',
  trackingNumber: 'T1',
  receipt: RECEIPT,
};

function start(idleTimeoutMs = 60_000, idleWarningMs = 30_000) {
  const ended: EndReason[] = [];
  const actor = createActor(sessionMachine);
  actor.on('visit.ended', (e) => void ended.push(e.reason));
  actor.start();
  actor.send({ type: 'CONFIGURE', idleTimeoutMs, idleWarningMs });
  const step = () => currentStep(actor.getSnapshot().value);
  const warning = () => isIdleWarning(actor.getSnapshot().value);
  return { actor, ended, step, warning };
}

beforeEach(() => void vi.useFakeTimers());
afterEach(() => void vi.useRealTimers());

describe('session machine: journey', () => {
  it('walks identify to the receipt; a rating there ends the visit as complete, wiping everything', () => {
    const { actor, ended, step } = start();
    actor.send({ type: 'START' });
    expect(step()).toBe('identify');
    actor.send({ type: 'IDENTIFIED', applicant: APPLICANT });
    expect(step()).toBe('chooseItem');
    actor.send({ type: 'CHOOSE_ITEM', itemId: 'fireworks-road-transport' });
    const visited: string[] = [step()];
    for (let i = 0; i < 5; i++) {
      actor.send({ type: 'NEXT' });
      visited.push(step());
    }
    actor.send({ type: 'SUBMITTED', submission: SUBMITTED });
    visited.push(step());
    expect(visited).toEqual(JOURNEY_STEPS.slice(2));
    expect(actor.getSnapshot().context.submission).toEqual(SUBMITTED);
    actor.send({ type: 'PREFILLED', fields: [] });
    actor.send({ type: 'RATE', level: 9 });

    expect(step()).toBe('attract');
    expect(ended).toEqual(['complete']);
    const context = actor.getSnapshot().context;
    expect(context.applicant).toBeUndefined();
    expect(context.itemId).toBeUndefined();
    expect(context.rating).toBeUndefined();
    expect(context.submission).toBeUndefined();
    expect(context.prefilled).toEqual([]);
    expect(context.idleTimeoutMs).toBe(60_000);
  });

  it('changes an answer from check answers: straight to the materials or the form', () => {
    const { actor, step } = start();
    actor.send({ type: 'IDENTIFIED', applicant: APPLICANT });
    actor.send({ type: 'CHOOSE_ITEM', itemId: 'x' });
    for (let i = 0; i < 4; i++) actor.send({ type: 'NEXT' });
    expect(step()).toBe('checkAnswers');
    actor.send({ type: 'FIX', step: 'materials' });
    expect(step()).toBe('materials');
    for (let i = 0; i < 3; i++) actor.send({ type: 'NEXT' });
    expect(step()).toBe('checkAnswers');
    actor.send({ type: 'FIX', step: 'form' });
    expect(step()).toBe('form');
    actor.send({ type: 'NEXT' });
    actor.send({ type: 'NEXT' });
    actor.send({ type: 'BACK' });
    expect(step()).toBe('form');
  });

  it('finishes from the receipt without a rating', () => {
    const { actor, ended, step } = start();
    actor.send({ type: 'IDENTIFIED', applicant: APPLICANT });
    actor.send({ type: 'CHOOSE_ITEM', itemId: 'x' });
    for (let i = 0; i < 5; i++) actor.send({ type: 'NEXT' });
    actor.send({ type: 'SUBMITTED', submission: SUBMITTED });
    expect(step()).toBe('receipt');
    actor.send({ type: 'NEXT' });
    expect(step()).toBe('attract');
    expect(ended).toEqual(['complete']);
  });

  it('goes straight to choosing an item when a card is read on the attract screen', () => {
    const { actor, step } = start();
    actor.send({ type: 'IDENTIFIED', applicant: APPLICANT });
    expect(step()).toBe('chooseItem');
    expect(actor.getSnapshot().context.applicant).toEqual(APPLICANT);
  });

  it('steps back one screen at a time and cancels from the first', () => {
    const { actor, ended, step } = start();
    actor.send({ type: 'IDENTIFIED', applicant: APPLICANT });
    actor.send({ type: 'CHOOSE_ITEM', itemId: 'x' });
    actor.send({ type: 'NEXT' });
    actor.send({ type: 'NEXT' });
    expect(step()).toBe('form');
    actor.send({ type: 'BACK' });
    actor.send({ type: 'BACK' });
    actor.send({ type: 'BACK' });
    expect(step()).toBe('chooseItem');
    actor.send({ type: 'BACK' });
    expect(step()).toBe('attract');
    expect(ended).toEqual(['cancel']);
  });

  it('routes scanned codes from the attract screen: receipt, permit, app identity', () => {
    const { actor, step } = start();
    actor.send({ type: 'CODE_SCANNED', code: { kind: 'receipt', trackingNumber: 'T1' } });
    expect(step()).toBe('statusQuery');
    expect(actor.getSnapshot().context.code).toEqual({ kind: 'receipt', trackingNumber: 'T1' });
    actor.send({ type: 'CANCEL' });
    actor.send({
      type: 'CODE_SCANNED',
      code: { kind: 'batch', gtin: '06901234567892', batch: 'B1' },
    });
    expect(step()).toBe('verify');
    actor.send({ type: 'CANCEL' });
    actor.send({
      type: 'CODE_SCANNED',
      code: { kind: 'app-identity', appId: 'a', expiresAt: 1, expired: false },
    });
    expect(step()).toBe('identify');
    expect(actor.getSnapshot().context.identifyMethod).toBe('app-qr');
    actor.send({ type: 'CANCEL' });
    actor.send({ type: 'CODE_SCANNED', code: { kind: 'unknown', reason: 'noise' } });
    expect(step()).toBe('attract');
  });

  it('wipes when the service ends the session by itself', () => {
    const { actor, ended, step } = start();
    actor.send({ type: 'IDENTIFIED', applicant: APPLICANT });
    actor.send({ type: 'SESSION_ENDED' });
    expect(step()).toBe('attract');
    expect(ended).toEqual(['service']);
    expect(actor.getSnapshot().context.applicant).toBeUndefined();
  });

  it('shows a fault over the current step and returns to it when dismissed', () => {
    const { actor, step } = start();
    actor.send({ type: 'IDENTIFIED', applicant: APPLICANT });
    actor.send({ type: 'FAULT', fault: { code: 'E_SCANNER_JAM', source: 'scanner' } });
    expect(actor.getSnapshot().context.fault?.code).toBe('E_SCANNER_JAM');
    expect(step()).toBe('chooseItem');
    actor.send({ type: 'DISMISS_FAULT' });
    expect(actor.getSnapshot().context.fault).toBeUndefined();
  });
});

describe('session machine: idle timeout', () => {
  it('warns after the idle time and wipes after the warning time', () => {
    const { actor, ended, step, warning } = start(60_000, 30_000);
    actor.send({ type: 'IDENTIFIED', applicant: APPLICANT });
    vi.advanceTimersByTime(59_999);
    expect(warning()).toBe(false);
    vi.advanceTimersByTime(1);
    expect(warning()).toBe(true);
    expect(actor.getSnapshot().context.warningSince).toBe(Date.now());
    vi.advanceTimersByTime(29_999);
    expect(step()).toBe('chooseItem');
    vi.advanceTimersByTime(1);
    expect(step()).toBe('attract');
    expect(ended).toEqual(['timeout']);
    expect(actor.getSnapshot().context.applicant).toBeUndefined();
  });

  it('restarts the idle time on every touch', () => {
    const { actor, step, warning } = start(60_000, 30_000);
    actor.send({ type: 'START' });
    for (let i = 0; i < 5; i++) {
      vi.advanceTimersByTime(50_000);
      actor.send({ type: 'ACTIVITY' });
    }
    expect(warning()).toBe(false);
    expect(step()).toBe('identify');
  });

  it('lets the applicant continue more than ten times', () => {
    const { actor, ended, step, warning } = start(60_000, 30_000);
    actor.send({ type: 'IDENTIFIED', applicant: APPLICANT });
    for (let i = 0; i < 12; i++) {
      vi.advanceTimersByTime(60_000);
      expect(warning()).toBe(true);
      vi.advanceTimersByTime(25_000);
      actor.send({ type: 'CONTINUE' });
      expect(warning()).toBe(false);
    }
    expect(actor.getSnapshot().context.extensions).toBe(12);
    expect(step()).toBe('chooseItem');
    expect(ended).toEqual([]);
  });

  it('never gives less than 20 seconds to continue, whatever it is configured to', () => {
    const { actor, step, warning } = start(60_000, 5_000);
    actor.send({ type: 'START' });
    vi.advanceTimersByTime(60_000);
    expect(warning()).toBe(true);
    vi.advanceTimersByTime(19_999);
    expect(step()).toBe('identify');
    vi.advanceTimersByTime(1);
    expect(step()).toBe('attract');
  });

  it('does not run the idle timer on the attract screen', () => {
    const { actor, ended, step } = start(60_000, 30_000);
    vi.advanceTimersByTime(10 * 60_000);
    expect(step()).toBe('attract');
    expect(ended).toEqual([]);
    actor.stop();
  });
});

describe('session machine: completeness and submission', () => {
  function atDeficiencies() {
    const s = start();
    s.actor.send({ type: 'IDENTIFIED', applicant: APPLICANT });
    s.actor.send({ type: 'CHOOSE_ITEM', itemId: 'FW-1' });
    s.actor.send({ type: 'NEXT' });
    s.actor.send({ type: 'NEXT' });
    s.actor.send({ type: 'NEXT' });
    expect(s.step()).toBe('deficiencies');
    return s;
  }
  const deficiency = {
    code: 'missing-material',
    materialCode: 'CONTRACT',
    message: { 'zh-CN': '缺少购买合同', en: 'The purchase contract is missing' },
  };

  it('goes straight on to checking answers when the check finds nothing', () => {
    const { actor, step } = atDeficiencies();
    actor.send({
      type: 'CHECKED',
      completeness: { engineVersion: '1', result: 'COMPLETE', deficiencies: [] },
    });
    expect(step()).toBe('checkAnswers');
  });

  it('stays on the list when something is missing and goes where it is fixed', () => {
    const { actor, step } = atDeficiencies();
    actor.send({
      type: 'CHECKED',
      completeness: { engineVersion: '1', result: 'INCOMPLETE', deficiencies: [deficiency] },
    });
    expect(step()).toBe('deficiencies');
    expect(actor.getSnapshot().context.completeness?.deficiencies).toHaveLength(1);
    actor.send({ type: 'FIX', step: 'materials' });
    expect(step()).toBe('materials');
  });

  it('returns to the deficiency list when submission finds the application incomplete', () => {
    const { actor, step } = atDeficiencies();
    actor.send({ type: 'NEXT' });
    actor.send({ type: 'NEXT' });
    expect(step()).toBe('submitting');
    actor.send({
      type: 'SUBMITTED',
      submission: { kind: 'incomplete', deficiencies: [deficiency] },
    });
    expect(step()).toBe('deficiencies');
    expect(actor.getSnapshot().context.completeness?.result).toBe('INCOMPLETE');
  });

  it('shows a provisional receipt when the central API is down', () => {
    const { actor, step } = atDeficiencies();
    actor.send({ type: 'NEXT' });
    actor.send({ type: 'NEXT' });
    actor.send({
      type: 'SUBMITTED',
      submission: { kind: 'provisional', localReference: 'L2', receipt: RECEIPT, reason: 'down' },
    });
    expect(step()).toBe('receipt');
    expect(actor.getSnapshot().context.submission?.kind).toBe('provisional');
  });
});

describe('session machine: staff extend the time', () => {
  it('restarts the idle time when staff extend it', () => {
    const { actor, ended, step, warning } = start(60_000, 30_000);
    actor.send({ type: 'START' });
    actor.send({ type: 'IDENTIFIED', applicant: APPLICANT });
    vi.advanceTimersByTime(50_000);
    actor.send({ type: 'STAFF_EXTENDED' });
    // A full idle time again from the extension: no warning at 60 s after the start.
    vi.advanceTimersByTime(50_000);
    expect(warning()).toBe(false);
    vi.advanceTimersByTime(10_000);
    expect(warning()).toBe(true);
    expect(ended).toEqual([]);
    // The step is where it was: only the idle region moved.
    expect(step()).toBe('chooseItem');
  });

  it('closes an open idle warning and the visit goes on', () => {
    const { actor, ended, step, warning } = start(60_000, 30_000);
    actor.send({ type: 'START' });
    actor.send({ type: 'IDENTIFIED', applicant: APPLICANT });
    vi.advanceTimersByTime(60_000);
    expect(warning()).toBe(true);
    vi.advanceTimersByTime(25_000);
    actor.send({ type: 'STAFF_EXTENDED' });
    expect(warning()).toBe(false);
    expect(actor.getSnapshot().context.warningSince).toBeUndefined();
    // The old warning's deadline passes without ending the visit.
    vi.advanceTimersByTime(10_000);
    expect(ended).toEqual([]);
    expect(step()).toBe('chooseItem');
    expect(actor.getSnapshot().context.applicant).toEqual(APPLICANT);
  });

  it('is ignored on the attract screen (no idle timer runs there)', () => {
    const { actor, step } = start();
    actor.send({ type: 'STAFF_EXTENDED' });
    expect(step()).toBe('attract');
  });
});
