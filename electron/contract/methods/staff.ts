/**
 * The kiosk's other two users (docs/staff.md): staff sign-in and assist actions, technician
 * diagnostics, configuration, export and audit, and the out-of-service state applicants see.
 */
import { z } from 'zod';
import { ALL_ROLES, event, method, STAFF_ROLES, TECHNICIAN_ONLY } from '../define.js';
import { bilingualTextSchema, emptyParams } from './common.js';

const roleSchema = z.enum(['applicant', 'staff', 'technician']);

const signedInSchema = z.strictObject({
  staffId: z.string(),
  role: z.enum(['staff', 'technician']),
  /** ISO time the raised role falls back to applicant by itself. */
  expiresAt: z.string(),
  via: z.enum(['pin', 'card']),
});

const jsonValue: z.ZodType<unknown> = z.lazy(() =>
  z.union([
    z.null(),
    z.boolean(),
    z.number(),
    z.string(),
    z.array(jsonValue),
    z.record(z.string(), jsonValue),
  ]),
);

export const auditEntrySchema = z.strictObject({
  seq: z.number().int(),
  at: z.string(),
  actor: z.string(),
  role: z.string(),
  action: z.string(),
  outcome: z.string(),
  details: z.record(z.string(), jsonValue),
  prevHash: z.string(),
  hash: z.string(),
});

export const auditVerificationSchema = z.strictObject({
  ok: z.boolean(),
  entries: z.number().int(),
  headHash: z.string(),
  lastSeq: z.number().int(),
  problems: z.array(
    z.strictObject({
      seq: z.number().int(),
      kind: z.enum(['hash-mismatch', 'chain-broken', 'sequence-gap', 'bad-row']),
      message: z.string(),
    }),
  ),
});

/** Config fields a technician may change at the kiosk (electron/service/technician/config-edit.ts). */
export const EDITABLE_CONFIG_PATHS = [
  'ui.idleTimeoutSeconds',
  'ui.idleWarningSeconds',
  'ui.defaultLanguage',
  'logging.level',
  'terminal.fallbackDirections',
  'staff.sessionMinutes',
  'maintenance.heartbeatSeconds',
] as const;

export const heartbeatViewSchema = z.strictObject({
  /** ISO time it was sent. */
  sentAt: z.string(),
  ok: z.boolean(),
  status: z.enum(['IN_SERVICE', 'DEGRADED', 'OUT_OF_SERVICE']),
  /** The central API's receipt time, when it answered. */
  receivedAt: z.string().optional(),
  error: z.string().optional(),
});

export const availabilitySchema = z.strictObject({
  state: z.enum(['in-service', 'out-of-service']),
  /** Why, for technicians (device ids and failure counts; no personal data). */
  reasons: z.array(z.string()),
  /** ISO time of the last change. */
  since: z.string(),
  /** Where applicants should go instead (config terminal.fallbackDirections). */
  fallbackDirections: bilingualTextSchema.optional(),
});

const selfTestSchema = z.strictObject({
  deviceId: z.string(),
  family: z.enum(['idCard', 'barcode', 'scanner', 'printer']),
  ok: z.boolean(),
  /** What was tried and what happened, in words for the technician. */
  message: z.string(),
  durationMs: z.number().int(),
  /** Family-specific facts (page size, masked card number, code kind ...). */
  details: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
  at: z.string(),
});

/** A call for help as staff see it: no name, no ID number, only whether someone was identified. */
export const staffCallSchema = z.strictObject({
  callId: z.string(),
  /** ISO time of the tap. */
  at: z.string(),
  /** The applicant's screen id when they tapped. */
  screen: z.string().optional(),
  applicantIdentified: z.boolean(),
});

export const staffMethods = {
  'staff.signIn': method({
    roles: ALL_ROLES,
    summary:
      'Staff number + PIN from the keypad; raises this connection to staff or technician until expiresAt. Wrong PINs lock sign-in out with growing delays.',
    params: z.strictObject({
      staffId: z.string().regex(/^[0-9]{3,8}$/),
      pin: z.string().regex(/^[0-9]{4,12}$/),
    }),
    result: signedInSchema,
  }),
  'staff.signInWithCard': method({
    roles: ALL_ROLES,
    summary:
      'Waits up to waitSeconds for a staff card on the ID-card reader and signs in with it (call again while the sign-in screen stays open).',
    params: z.strictObject({ waitSeconds: z.number().int().min(1).max(12) }),
    result: signedInSchema,
  }),
  'staff.cancelCardSignIn': method({
    roles: ALL_ROLES,
    summary: 'Stops waiting for a staff card (the sign-in screen closed).',
    params: emptyParams,
    result: z.strictObject({ cancelled: z.boolean() }),
  }),
  'staff.signOut': method({
    roles: ALL_ROLES,
    summary: 'Drops this connection back to applicant.',
    params: emptyParams,
    result: z.strictObject({ signedOut: z.boolean() }),
  }),
  'staff.status': method({
    roles: ALL_ROLES,
    summary: 'The role in force on this connection, who is signed in and any lockout.',
    params: emptyParams,
    result: z.strictObject({
      role: roleSchema,
      staffId: z.string().optional(),
      expiresAt: z.string().optional(),
      lockedForSeconds: z.number().int(),
    }),
  }),
  'staff.endApplicantSession': method({
    roles: STAFF_ROLES,
    summary: "Ends (and wipes) the applicant's session for them.",
    params: emptyParams,
    result: z.strictObject({ ended: z.boolean() }),
  }),
  'staff.enterApplicant': method({
    roles: STAFF_ROLES,
    summary:
      "Staff type in the applicant's resident ID number and name when a device failed to read them; the session records the identity as staff-entered.",
    params: z.strictObject({
      idNumber: z.string().regex(/^[0-9]{17}[0-9Xx]$/, '18 characters: 17 digits and a digit or X'),
      name: z.string().trim().min(1).max(50),
      reason: z.enum(['card-unreadable', 'no-card', 'reader-fault']),
    }),
    result: z.strictObject({ started: z.boolean(), replaced: z.boolean() }),
  }),
  'staff.acknowledgeCall': method({
    roles: STAFF_ROLES,
    summary:
      "Answers an applicant's call for help; the applicant's screen then says a staff member is on the way (staff.callAcknowledged).",
    params: z.strictObject({ callId: z.string().min(1).max(64) }),
    result: z.strictObject({
      callId: z.string(),
      acknowledgedAt: z.string(),
      alreadyAcknowledged: z.boolean(),
    }),
  }),
  'staff.openCalls': method({
    roles: STAFF_ROLES,
    summary: 'Calls for help no staff member has acknowledged yet (at most one).',
    params: emptyParams,
    result: z.array(staffCallSchema),
  }),
  'staff.extendApplicantTime': method({
    roles: STAFF_ROLES,
    summary:
      'Gives the applicant a fresh idle time (session.timeExtended): the renderer restarts its idle timer and closes an idle warning.',
    params: emptyParams,
    result: z.strictObject({ extended: z.boolean(), at: z.string() }),
  }),
  'staff.outboxRetryNow': method({
    roles: STAFF_ROLES,
    summary:
      'Asks the outbox forwarder to try every pending application now (outbox.stats shows the queue).',
    params: emptyParams,
    result: z.strictObject({ started: z.boolean(), pending: z.number().int() }),
  }),

  'audit.list': method({
    roles: TECHNICIAN_ONLY,
    summary: 'Audit log entries after afterSeq (0: from the start), oldest first.',
    params: z.strictObject({
      afterSeq: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(500).default(100),
    }),
    result: z.array(auditEntrySchema),
  }),
  'audit.recent': method({
    roles: TECHNICIAN_ONLY,
    summary: 'The newest audit entries, newest first.',
    params: z.strictObject({ limit: z.number().int().min(1).max(500).default(50) }),
    result: z.array(auditEntrySchema),
  }),
  'audit.verify': method({
    roles: TECHNICIAN_ONLY,
    summary: 'Recomputes the hash chain; reports edited, removed or reordered entries.',
    params: emptyParams,
    result: auditVerificationSchema,
  }),

  'tech.info': method({
    roles: TECHNICIAN_ONLY,
    summary: 'Version, build, runtime, central API connectivity and the last heartbeat.',
    params: emptyParams,
    result: z.strictObject({
      version: z.string(),
      build: z.string(),
      node: z.string(),
      electron: z.string().optional(),
      terminalId: z.string(),
      startedAt: z.string(),
      configPath: z.string(),
      api: z.strictObject({
        baseUrl: z.string().optional(),
        circuit: z.string().optional(),
        lastHeartbeat: heartbeatViewSchema.optional(),
        heartbeatSeconds: z.number().int(),
        problem: z.string().optional(),
      }),
      availability: availabilitySchema,
      /** The audit chain's head: write it down to check later that nothing was cut off. */
      auditHead: z.strictObject({ seq: z.number().int(), hash: z.string() }),
    }),
  }),
  'tech.heartbeatNow': method({
    roles: TECHNICIAN_ONLY,
    summary: 'Sends a heartbeat to the central API now and returns the outcome.',
    params: emptyParams,
    result: heartbeatViewSchema,
  }),
  'tech.selfTest': method({
    roles: TECHNICIAN_ONLY,
    summary:
      'Runs one device self-test: read a card, read a code (both wait up to waitSeconds), scan a page, print a test receipt.',
    params: z.strictObject({
      deviceId: z.string().min(1).max(64),
      waitSeconds: z.number().int().min(1).max(12).default(10),
    }),
    result: selfTestSchema,
  }),
  'tech.configView': method({
    roles: TECHNICIAN_ONLY,
    summary:
      'The running configuration with secrets redacted, and the fields that may be changed here.',
    params: emptyParams,
    result: z.strictObject({
      path: z.string(),
      config: z.record(z.string(), jsonValue),
      editable: z.array(
        z.strictObject({ path: z.enum(EDITABLE_CONFIG_PATHS), value: jsonValue.optional() }),
      ),
      /** Values written to the file that the running service does not use yet. */
      pendingRestart: z.boolean(),
    }),
  }),
  'tech.configSet': method({
    roles: TECHNICIAN_ONLY,
    summary:
      'Changes one safe field: validated against the whole schema, written atomically, audited; takes effect after tech.restart.',
    params: z.strictObject({ path: z.enum(EDITABLE_CONFIG_PATHS), value: jsonValue }),
    result: z.strictObject({
      path: z.enum(EDITABLE_CONFIG_PATHS),
      previous: jsonValue.optional(),
      value: jsonValue,
      restartRequired: z.boolean(),
    }),
  }),
  'tech.restart': method({
    roles: TECHNICIAN_ONLY,
    summary: 'Restarts the kiosk service (renderer reconnects by itself); re-reads the config.',
    params: emptyParams,
    result: z.strictObject({ restarting: z.boolean() }),
  }),
  'tech.exportTargets': method({
    roles: TECHNICIAN_ONLY,
    summary: 'Folders under maintenance.exportRoots (one and two levels down) an export can go to.',
    params: emptyParams,
    result: z.strictObject({ folders: z.array(z.string()) }),
  }),
  'tech.quitApp': method({
    roles: TECHNICIAN_ONLY,
    summary:
      'Electron only: tells main that a technician authorised quitting the kiosk application (the close guard then lets windows close).',
    params: emptyParams,
    result: z.strictObject({ quitting: z.boolean() }),
  }),
  'tech.export': method({
    roles: TECHNICIAN_ONLY,
    summary:
      'Writes logs and the audit trail to a folder under maintenance.exportRoots (a USB drive) as a tar archive with a detached HMAC-SHA256 signature.',
    params: z.strictObject({ folder: z.string().min(1).max(4096) }),
    result: z.strictObject({
      archive: z.string(),
      signature: z.string(),
      bytes: z.number().int(),
      sha256: z.string(),
      files: z.array(z.string()),
      auditHeadHash: z.string(),
    }),
  }),

  'service.availability': method({
    roles: ALL_ROLES,
    summary: 'Whether applicants can be served now, and where to go when not.',
    params: emptyParams,
    result: availabilitySchema,
  }),
} as const;

export const staffEvents = {
  'service.availability': event({
    roles: ALL_ROLES,
    summary: 'The kiosk went out of service or came back.',
    payload: availabilitySchema,
  }),
  'staff.called': event({
    roles: STAFF_ROLES,
    summary: 'An applicant tapped "call staff" (a new call; repeated taps publish nothing).',
    payload: staffCallSchema,
  }),
  'staff.callAcknowledged': event({
    roles: ALL_ROLES,
    summary: 'A staff member acknowledged the call: help is on the way.',
    payload: z.strictObject({ callId: z.string(), acknowledgedAt: z.string() }),
  }),
  'staff.callClosed': event({
    roles: STAFF_ROLES,
    summary: 'An unanswered call closed: the visit ended or it expired.',
    payload: z.strictObject({
      callId: z.string(),
      reason: z.enum(['session-ended', 'expired']),
    }),
  }),
  'tech.heartbeat': event({
    roles: TECHNICIAN_ONLY,
    summary: 'A heartbeat was sent to the central API.',
    payload: heartbeatViewSchema,
  }),
} as const;
