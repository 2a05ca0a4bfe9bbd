/**
 * The applicant's visit as one explicit state machine (XState v5).
 *
 *   attract ──START/IDENTIFIED──▶ engaged.step: identify → chooseItem → itemGuide → materials
 *      │                             → form → deficiencies → checkAnswers → submitting
 *      │                             → receipt ──RATE/NEXT──▶ ending(complete)
 *      ├──STATUS_QUERY / scanned receipt──▶ engaged.step.statusQuery
 *      └──VERIFY / scanned permit or batch code──▶ engaged.step.verify
 *
 * `engaged` is parallel: beside the step runs the idle region (active → warning → ending), so
 * every screen but attract has the same timeout. `ending` emits `visit.ended` (the app then
 * ends the service's session, clears the renderer and resets preferences), wipes the machine's
 * context, and goes back to attract. Device and API problems a person can meet are a `fault` in the
 * context, shown over whatever step is current; dismissing it returns to that step.
 *
 * The machine holds only what the renderer may know: the masked applicant view and the
 * applicant's choices. Everything else stays in the service.
 */
import { assign, emit, setup } from 'xstate';
import type { ValueOf } from '../../../electron/contract/index';

export type ApplicantView = NonNullable<NonNullable<ValueOf<'session.get'>>['applicant']>;
export type CodeView = ValueOf<'barcode.classify'>;
export type ItemHit = ValueOf<'application.searchItems'>['hits'][number];
export type Plan = ValueOf<'application.plan'>;
export type Completeness = ValueOf<'application.check'>;
export type Submission = ValueOf<'application.submit'>;
/** An answer filled in from the applicant's last application, masked for showing. */
export type PrefilledField = ValueOf<'application.prefill'>['shown'][number];

/** Why a visit ended; `service` means the service ended the session itself (staff, restart). */
export type EndReason = 'cancel' | 'complete' | 'timeout' | 'service';

/** The journey's steps in order; `statusQuery` and `verify` start from attract. */
export const JOURNEY_STEPS = [
  'identify',
  'chooseItem',
  'itemGuide',
  'materials',
  'form',
  'deficiencies',
  'checkAnswers',
  'submitting',
  'receipt',
] as const;
export const SIDE_STEPS = ['statusQuery', 'verify'] as const;
export type JourneyStep = (typeof JOURNEY_STEPS)[number];
export type Step = JourneyStep | (typeof SIDE_STEPS)[number];

/** How the applicant wants to identify on the identify step. */
export type IdentifyMethod = 'id-card' | 'app-qr' | 'agent';

/** A problem the person in front of the kiosk can meet; the code picks the screen text. */
export interface Fault {
  /** A contract error code (`E_SCANNER_JAM`, `E_APPROVAL_UNAVAILABLE`...) or a device code. */
  readonly code: string;
  /** Which family or domain reported it, for choosing the advice. */
  readonly source: 'idCard' | 'scanner' | 'printer' | 'approval' | 'service';
}

/** Default idle timings until the service's hello says otherwise (config `ui.*`). */
export const DEFAULT_IDLE_TIMEOUT_MS = 120_000;
export const DEFAULT_IDLE_WARNING_MS = 30_000;
/** WCAG 2.2.1: the warning gives at least 20 s to continue. */
export const MIN_IDLE_WARNING_MS = 20_000;

export interface SessionContext {
  readonly idleTimeoutMs: number;
  readonly idleWarningMs: number;
  /** How often the applicant chose "continue" in this visit (never capped). */
  readonly extensions: number;
  /** Date.now() when the idle warning appeared, for the countdown. */
  readonly warningSince: number | undefined;
  readonly applicant: ApplicantView | undefined;
  readonly identifyMethod: IdentifyMethod;
  /** The code scanned for a status query or a verification. */
  readonly code: CodeView | undefined;
  /** The service's name for that scan, for `barcode.verify` (the text stays in the service). */
  readonly scanId: string | undefined;
  readonly itemId: string | undefined;
  /** The chosen item as the search showed it (name, time limit, fee, visits). */
  readonly item: ItemHit | undefined;
  /** The material plan the service returned last. */
  readonly plan: Plan | undefined;
  /** Answers the service filled in from the last application (masked), to confirm on the form. */
  readonly prefilled: readonly PrefilledField[];
  /**
   * The applicant agreed to looking up their documents on file (on the item guide or the
   * materials screen); the materials screen records the consent and does the lookups. A count,
   * so agreeing again after a failed attempt tries again; 0: not agreed.
   */
  readonly lookupsAgreed: number;
  /** The last completeness check. */
  readonly completeness: Completeness | undefined;
  /** What submission gave: a tracking number, or a provisional reference. */
  readonly submission: Exclude<Submission, { kind: 'incomplete' }> | undefined;
  /** 1 (very dissatisfied) to 5 (very satisfied). */
  readonly rating: number | undefined;
  readonly fault: Fault | undefined;
  readonly endReason: EndReason | undefined;
}

export type SessionEvent =
  | { type: 'CONFIGURE'; idleTimeoutMs: number; idleWarningMs: number }
  | { type: 'START' }
  | { type: 'IDENTIFIED'; applicant: ApplicantView }
  | { type: 'SESSION_ENDED' }
  | { type: 'IDENTIFY_WITH'; method: IdentifyMethod }
  | { type: 'STATUS_QUERY' }
  | { type: 'VERIFY' }
  | { type: 'CODE_SCANNED'; code: CodeView; scanId?: string }
  | { type: 'CHOOSE_ITEM'; itemId: string; item?: ItemHit }
  | { type: 'PLAN'; plan: Plan }
  | { type: 'PREFILLED'; fields: readonly PrefilledField[] }
  | { type: 'AGREE_LOOKUPS' }
  | { type: 'CHECKED'; completeness: Completeness }
  | { type: 'SUBMITTED'; submission: Submission }
  | { type: 'FIX'; step: 'materials' | 'form' }
  | { type: 'NEXT' }
  | { type: 'BACK' }
  | { type: 'RATE'; level: number }
  | { type: 'CANCEL' }
  | { type: 'ACTIVITY' }
  | { type: 'CONTINUE' }
  /** Staff gave the applicant more time (service event `session.timeExtended`). */
  | { type: 'STAFF_EXTENDED' }
  | { type: 'FAULT'; fault: Fault }
  | { type: 'DISMISS_FAULT' };

/** The personal-data-free context every visit starts from (idle timings are kept). */
function freshContext(
  idleTimeoutMs = DEFAULT_IDLE_TIMEOUT_MS,
  idleWarningMs = DEFAULT_IDLE_WARNING_MS,
): SessionContext {
  return {
    idleTimeoutMs,
    idleWarningMs,
    extensions: 0,
    warningSince: undefined,
    applicant: undefined,
    identifyMethod: 'id-card',
    code: undefined,
    scanId: undefined,
    itemId: undefined,
    item: undefined,
    plan: undefined,
    prefilled: [],
    lookupsAgreed: 0,
    completeness: undefined,
    submission: undefined,
    rating: undefined,
    fault: undefined,
    endReason: undefined,
  };
}

/** Emitted once per visit when it ends; the app wipes and resets on it. */
export interface VisitEnded {
  readonly type: 'visit.ended';
  readonly reason: EndReason;
}

const ending = (reason: EndReason) => ({
  target: '#session.ending' as const,
  actions: { type: 'setEndReason' as const, params: { reason } },
});

export const sessionMachine = setup({
  types: {
    context: {} as SessionContext,
    events: {} as SessionEvent,
    emitted: {} as VisitEnded,
  },
  actions: {
    /**
     * Tells the app the visit ended, so it ends the service's session (`session.end`), clears
     * browser storage and the speech prompt, and resets language, volume, elder mode, contrast.
     */
    announceEnd: emit(({ context }) => ({
      type: 'visit.ended' as const,
      reason: context.endReason ?? ('cancel' as const),
    })),
    rememberCode: assign(({ event }) =>
      event.type === 'CODE_SCANNED' ? { code: event.code, scanId: event.scanId } : {},
    ),
    setEndReason: assign((_, params: { reason: EndReason }) => ({ endReason: params.reason })),
    wipeContext: assign(({ context }) =>
      freshContext(context.idleTimeoutMs, context.idleWarningMs),
    ),
  },
  delays: {
    idleTimeout: ({ context }) => context.idleTimeoutMs,
    idleWarning: ({ context }) => Math.max(MIN_IDLE_WARNING_MS, context.idleWarningMs),
  },
  guards: {
    isReceipt: ({ event }) => event.type === 'CODE_SCANNED' && event.code.kind === 'receipt',
    isPermitOrBatch: ({ event }) =>
      event.type === 'CODE_SCANNED' &&
      (event.code.kind === 'permit' || event.code.kind === 'batch'),
    isAppIdentity: ({ event }) =>
      event.type === 'CODE_SCANNED' && event.code.kind === 'app-identity',
    hasApplicant: ({ context }) => context.applicant !== undefined,
    isComplete: ({ event }) => event.type === 'CHECKED' && event.completeness.result === 'COMPLETE',
    isIncomplete: ({ event }) =>
      event.type === 'SUBMITTED' && event.submission.kind === 'incomplete',
    fixesMaterials: ({ event }) => event.type === 'FIX' && event.step === 'materials',
  },
}).createMachine({
  id: 'session',
  context: freshContext(),
  initial: 'attract',
  on: {
    CONFIGURE: {
      actions: assign(({ event }) => ({
        idleTimeoutMs: event.idleTimeoutMs,
        idleWarningMs: Math.max(MIN_IDLE_WARNING_MS, event.idleWarningMs),
      })),
    },
    FAULT: { actions: assign({ fault: ({ event }) => event.fault }) },
    DISMISS_FAULT: { actions: assign({ fault: undefined }) },
  },
  states: {
    attract: {
      on: {
        START: '#session.engaged.step.identify',
        IDENTIFIED: {
          target: '#session.engaged.step.chooseItem',
          actions: assign({ applicant: ({ event }) => event.applicant }),
        },
        STATUS_QUERY: '#session.engaged.step.statusQuery',
        VERIFY: '#session.engaged.step.verify',
        CODE_SCANNED: [
          {
            guard: 'isReceipt',
            target: '#session.engaged.step.statusQuery',
            actions: 'rememberCode',
          },
          {
            guard: 'isPermitOrBatch',
            target: '#session.engaged.step.verify',
            actions: 'rememberCode',
          },
          {
            guard: 'isAppIdentity',
            target: '#session.engaged.step.identify',
            actions: assign({ identifyMethod: 'app-qr' as const }),
          },
        ],
      },
    },

    engaged: {
      type: 'parallel',
      on: {
        CANCEL: ending('cancel'),
        SESSION_ENDED: ending('service'),
        IDENTIFIED: { actions: assign({ applicant: ({ event }) => event.applicant }) },
        PLAN: { actions: assign({ plan: ({ event }) => event.plan }) },
        PREFILLED: { actions: assign({ prefilled: ({ event }) => event.fields }) },
        AGREE_LOOKUPS: {
          actions: assign({ lookupsAgreed: ({ context }) => context.lookupsAgreed + 1 }),
        },
      },
      states: {
        step: {
          initial: 'identify',
          states: {
            identify: {
              on: {
                IDENTIFY_WITH: {
                  actions: assign({ identifyMethod: ({ event }) => event.method }),
                },
                IDENTIFIED: {
                  target: 'chooseItem',
                  actions: assign({ applicant: ({ event }) => event.applicant }),
                },
                CODE_SCANNED: {
                  guard: 'isAppIdentity',
                  actions: assign({ identifyMethod: 'app-qr' as const }),
                },
                BACK: ending('cancel'),
              },
            },
            chooseItem: {
              on: {
                CHOOSE_ITEM: {
                  target: 'itemGuide',
                  actions: assign({
                    itemId: ({ event }) => event.itemId,
                    item: ({ event }) => event.item,
                    plan: undefined,
                    prefilled: [],
                    lookupsAgreed: 0,
                    completeness: undefined,
                  }),
                },
                BACK: ending('cancel'),
              },
            },
            itemGuide: { on: { NEXT: 'materials', BACK: 'chooseItem' } },
            materials: { on: { NEXT: 'form', BACK: 'itemGuide' } },
            form: { on: { NEXT: 'deficiencies', BACK: 'materials' } },
            deficiencies: {
              on: {
                CHECKED: [
                  {
                    guard: 'isComplete',
                    target: 'checkAnswers',
                    actions: assign({ completeness: ({ event }) => event.completeness }),
                  },
                  { actions: assign({ completeness: ({ event }) => event.completeness }) },
                ],
                FIX: [{ guard: 'fixesMaterials', target: 'materials' }, { target: 'form' }],
                NEXT: 'checkAnswers',
                BACK: 'form',
              },
            },
            // "Change" goes straight to the step that holds the answer; back goes to the form
            // (the deficiency list would only move on again, the check being complete).
            checkAnswers: {
              on: {
                NEXT: 'submitting',
                BACK: 'form',
                FIX: [{ guard: 'fixesMaterials', target: 'materials' }, { target: 'form' }],
              },
            },
            submitting: {
              on: {
                SUBMITTED: [
                  {
                    guard: 'isIncomplete',
                    target: 'deficiencies',
                    actions: assign({
                      completeness: ({ event, context }) =>
                        event.type === 'SUBMITTED' && event.submission.kind === 'incomplete'
                          ? {
                              engineVersion: context.completeness?.engineVersion ?? '',
                              result: 'INCOMPLETE' as const,
                              deficiencies: event.submission.deficiencies,
                            }
                          : context.completeness,
                    }),
                  },
                  {
                    target: 'receipt',
                    actions: assign({
                      submission: ({ event }) =>
                        event.submission.kind === 'incomplete' ? undefined : event.submission,
                    }),
                  },
                ],
              },
            },
            // The rating is asked on the receipt screen: one tap rates and ends the visit; "finish"
            // ends it without a rating.
            receipt: {
              on: {
                RATE: {
                  target: '#session.ending',
                  actions: [
                    assign({
                      rating: ({ event }) => Math.min(5, Math.max(1, Math.round(event.level))),
                    }),
                    { type: 'setEndReason', params: { reason: 'complete' as const } },
                  ],
                },
                NEXT: ending('complete'),
              },
            },
            statusQuery: {
              on: {
                CODE_SCANNED: {
                  guard: 'isReceipt',
                  actions: 'rememberCode',
                },
                BACK: ending('cancel'),
              },
            },
            verify: {
              on: {
                CODE_SCANNED: {
                  guard: 'isPermitOrBatch',
                  actions: 'rememberCode',
                },
                BACK: ending('cancel'),
              },
            },
          },
        },

        idle: {
          initial: 'active',
          states: {
            active: {
              after: { idleTimeout: 'warning' },
              on: {
                ACTIVITY: { target: 'active', reenter: true },
                // Staff gave more time: a full idle time again. (On the `idle` region itself a
                // re-entering transition would re-enter `engaged` and reset the step.)
                STAFF_EXTENDED: { target: 'active', reenter: true },
              },
            },
            warning: {
              entry: assign({ warningSince: () => Date.now() }),
              exit: assign({ warningSince: undefined }),
              after: { idleWarning: ending('timeout') },
              on: {
                CONTINUE: {
                  target: 'active',
                  actions: assign({ extensions: ({ context }) => context.extensions + 1 }),
                },
                // Staff extended the time: the warning closes as if the applicant continued.
                STAFF_EXTENDED: 'active',
              },
            },
          },
        },
      },
    },

    ending: {
      entry: ['announceEnd', 'wipeContext'],
      always: 'attract',
    },
  },
});

export type SessionMachine = typeof sessionMachine;

/** The step a state value shows, or `attract`. */
export function currentStep(value: unknown): Step | 'attract' {
  if (typeof value === 'object' && value !== null && 'engaged' in value) {
    const engaged = (value as { engaged: { step: Step } }).engaged;
    return engaged.step;
  }
  return 'attract';
}

/** Whether the idle warning is showing for a state value. */
export function isIdleWarning(value: unknown): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    'engaged' in value &&
    (value as { engaged: { idle: string } }).engaged.idle === 'warning'
  );
}
