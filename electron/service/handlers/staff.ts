import type { staffMethods } from '../../contract/methods/staff.js';
import { type WireResult, wireErr, wireOk } from '../../contract/protocol.js';
import type { Result } from '../../../drivers/common/result.js';
import type { SignedIn, SignInError } from '../staff/staff-service.js';
import type { ServiceContext } from '../context.js';
import type { HandlersFor } from '../rpc/dispatcher.js';
import { runSelfTest } from '../technician/self-test.js';
import {
  changeConfigField,
  readConfigJson,
  redactedConfig,
  valueAt,
} from '../technician/config-edit.js';
import { exportTargets, writeExport } from '../technician/export.js';
import { checkIdNumber, type IdNumberProblem } from '../../../drivers/common/identifiers.js';
import { maskIdentifier } from '../../../drivers/common/mask.js';
import { EDITABLE_CONFIG_PATHS } from '../../contract/methods/staff.js';
import { canonicalJson, type JsonValue } from '../audit/canonical.js';

/** Build id: set by packaging or the systemd unit (KIOSK_BUILD), else "development". */
function buildId(): string {
  return process.env['KIOSK_BUILD'] ?? 'development';
}

/** What each ID number check failure means, for the staff member who typed it. */
const ID_PROBLEMS: Record<IdNumberProblem, string> = {
  format: 'it needs 17 digits and a final digit or X',
  region: 'the first two digits are not a province code',
  'birth-date': 'digits 7 to 14 are not a real date of birth',
  'check-char': 'the last character does not match (a digit was mistyped)',
};

/** Values for the audit log: JSON-safe and short (config values are small). */
function auditValue(value: unknown): JsonValue {
  if (value === undefined) return null;
  const text = canonicalJson(value);
  return text.length > 500 ? `${text.slice(0, 500)}...` : (JSON.parse(text) as JsonValue);
}

export function staffHandlers(svc: ServiceContext): HandlersFor<typeof staffMethods> {
  const { staff, audit, availability, heartbeat } = svc.staffDomain;
  const { config } = svc.loaded;

  const signInResult = (result: Result<SignedIn, SignInError>): WireResult<SignedIn> => {
    if (result.ok) return wireOk(result.value);
    // Lockout figures (retryAfterSeconds, lockedForSeconds) travel as details.
    const { code, message, ...details } = result.error;
    return wireErr(code, message, Object.keys(details).length ? details : undefined);
  };

  return {
    'staff.signIn': async ({ staffId, pin }, { connection }) =>
      signInResult(await staff.signInWithPin(connection, staffId, pin)),

    'staff.signInWithCard': async ({ waitSeconds }, { connection }) =>
      signInResult(await staff.signInWithCard(connection, waitSeconds * 1000)),

    'staff.cancelCardSignIn': (_p, { connection }) =>
      wireOk({ cancelled: staff.cancelCardWait(connection) }),

    'staff.signOut': (_p, { connection }) => wireOk({ signedOut: staff.signOut(connection) }),

    'staff.status': (_p, { connection }) => wireOk(staff.status(connection)),

    'staff.endApplicantSession': (_p, { connection }) => {
      const ended = svc.session.end('cancel');
      audit.append({
        ...staff.actor(connection),
        action: 'session.end-for-applicant',
        outcome: ended ? 'success' : 'failure',
        details: ended ? {} : { reason: 'no session' },
      });
      return wireOk({ ended });
    },

    'staff.enterApplicant': ({ idNumber, name, reason }, { connection }) => {
      const actor = staff.actor(connection);
      const normalised = idNumber.toUpperCase();
      const idMasked = maskIdentifier(normalised);
      const check = checkIdNumber(normalised);
      if (!check.ok) {
        audit.append({
          ...actor,
          action: 'session.staff-entry',
          outcome: 'failure',
          details: { reason, idNumber: idMasked, problem: check.problem },
        });
        return wireErr(
          'E_STAFF_ID_INVALID',
          `the ID number ${idMasked} is not valid: ${ID_PROBLEMS[check.problem]}`,
        );
      }
      // `source: 'staff-entry'` travels with the session (its view shows it) so later steps
      // and the application know the identity was typed in, not read from a card.
      const outcome = svc.session.identify({
        kind: 'person',
        source: 'staff-entry',
        documentType: 'resident',
        idNumber: normalised,
        name,
      });
      audit.append({
        ...actor,
        action: 'session.staff-entry',
        outcome: 'success',
        details: {
          reason,
          idNumber: idMasked,
          started: outcome.started,
          replaced: outcome.replaced,
        },
      });
      return wireOk(outcome);
    },

    'staff.acknowledgeCall': ({ callId }, { connection }) => {
      const outcome = svc.staffDomain.calls.acknowledge(callId, staff.actor(connection));
      return outcome.ok
        ? wireOk(outcome.value)
        : wireErr(outcome.error.code, outcome.error.message);
    },

    'staff.openCalls': () => wireOk(svc.staffDomain.calls.open()),

    'staff.extendApplicantTime': (_p, { connection }) => {
      const at = new Date().toISOString();
      const hadSession = svc.session.active !== undefined;
      audit.append({
        ...staff.actor(connection),
        action: 'session.extend-time',
        outcome: 'success',
        details: { hadSession },
      });
      svc.logger.info({ event: 'session.time-extended', hadSession });
      // Published even without a service session: the renderer may be on a screen (status
      // query, verification) whose idle timer runs before anyone is identified.
      svc.bus.publish('session.timeExtended', { at });
      return wireOk({ extended: true, at });
    },

    'staff.outboxRetryNow': () => {
      const { forwarder, outbox } = svc.applications;
      forwarder?.kick();
      return wireOk({ started: forwarder !== undefined, pending: outbox.stats().pending });
    },

    'audit.list': ({ afterSeq, limit }) => wireOk(audit.list(afterSeq, limit)),
    'audit.recent': ({ limit }) => wireOk(audit.recent(limit)),
    'audit.verify': () => {
      const verdict = audit.verify();
      if (!verdict.ok) {
        svc.logger.error({ event: 'audit.chain-broken', problems: verdict.problems.length });
      }
      return wireOk({ ...verdict, problems: [...verdict.problems] });
    },

    'tech.info': () => {
      const last = heartbeat.last;
      const circuit = svc.staffDomain.approvalClient?.circuit().state;
      const problem = svc.staffDomain.approvalClient
        ? undefined
        : (svc.staffDomain.keyProblem ?? 'no central API URL');
      return wireOk({
        version: svc.version,
        build: buildId(),
        node: process.versions.node,
        ...(process.versions['electron'] ? { electron: process.versions['electron'] } : {}),
        terminalId: config.terminal.id,
        startedAt: svc.startedAt,
        configPath: svc.loaded.path,
        api: {
          ...(svc.approvalBaseUrl ? { baseUrl: svc.approvalBaseUrl } : {}),
          ...(circuit ? { circuit } : {}),
          ...(last ? { lastHeartbeat: last } : {}),
          heartbeatSeconds: config.maintenance.heartbeatSeconds,
          ...(problem ? { problem } : {}),
        },
        availability: availability.current,
        auditHead: audit.head(),
      });
    },

    'tech.heartbeatNow': async () => wireOk(await heartbeat.sendNow()),

    'tech.selfTest': async ({ deviceId, waitSeconds }, { connection }) => {
      const outcome = await runSelfTest(svc.hub, svc.session, deviceId, waitSeconds * 1000);
      if (!outcome.ok) {
        audit.append({
          ...staff.actor(connection),
          action: 'device.self-test',
          outcome: 'refused',
          details: { deviceId, code: outcome.code },
        });
        return wireErr(outcome.code, outcome.message);
      }
      const { result } = outcome;
      svc.logger.info({
        event: 'device.self-test',
        deviceId,
        ok: result.ok,
        durationMs: result.durationMs,
        message: result.message,
      });
      audit.append({
        ...staff.actor(connection),
        action: 'device.self-test',
        outcome: result.ok ? 'success' : 'failure',
        details: { deviceId, message: result.message, ...result.details },
      });
      return wireOk(result);
    },

    'tech.configView': () => {
      let fileJson: Record<string, unknown> | undefined;
      try {
        fileJson = readConfigJson(svc.loaded.path);
      } catch {
        fileJson = undefined;
      }
      const running = config as unknown as Record<string, unknown>;
      const editable = EDITABLE_CONFIG_PATHS.map((path) => {
        const value = valueAt(running, path);
        return value === undefined ? { path } : { path, value };
      });
      const pendingRestart =
        fileJson !== undefined &&
        EDITABLE_CONFIG_PATHS.some((path) => {
          const inFile = valueAt(fileJson, path);
          return (
            inFile !== undefined && canonicalJson(inFile) !== canonicalJson(valueAt(running, path))
          );
        });
      return wireOk({
        path: svc.loaded.path,
        config: redactedConfig(config),
        editable,
        pendingRestart,
      });
    },

    'tech.configSet': ({ path, value }, { connection }) => {
      const change = changeConfigField(svc.loaded.path, path, value);
      const actor = staff.actor(connection);
      if (!change.ok) {
        audit.append({
          ...actor,
          action: 'config.change',
          outcome: 'failure',
          details: { path, value: auditValue(value), code: change.code },
        });
        return wireErr(
          change.code,
          change.message,
          'problems' in change ? change.problems : undefined,
        );
      }
      audit.append({
        ...actor,
        action: 'config.change',
        outcome: 'success',
        details: { path, from: auditValue(change.previous), to: auditValue(change.value) },
      });
      svc.logger.info({ event: 'config.changed', path, staffId: actor.actor });
      return wireOk({
        path,
        ...(change.previous === undefined ? {} : { previous: change.previous }),
        value: change.value,
        restartRequired: true,
      });
    },

    'tech.restart': (_p, { connection }) => {
      const restart = svc.staffDomain.requestRestart;
      audit.append({
        ...staff.actor(connection),
        action: 'service.restart',
        outcome: restart ? 'success' : 'refused',
      });
      if (!restart) {
        return wireErr('E_RESTART_UNSUPPORTED', 'this host cannot restart the service');
      }
      // After the answer has gone out: the restart closes this connection.
      setTimeout(() => restart('technician request'), 50);
      return wireOk({ restarting: true });
    },

    'tech.quitApp': (_p, { connection }) => {
      const quit = svc.staffDomain.requestQuit;
      audit.append({
        ...staff.actor(connection),
        action: 'app.quit',
        outcome: quit ? 'success' : 'refused',
      });
      if (!quit) {
        return wireErr('E_QUIT_UNSUPPORTED', 'only the Electron shell can be quit from here');
      }
      setTimeout(quit, 50);
      return wireOk({ quitting: true });
    },

    'tech.exportTargets': () => wireOk({ folders: exportTargets(config.maintenance.exportRoots) }),

    'tech.export': ({ folder }, { connection }) => {
      const actor = staff.actor(connection);
      const key = svc.staffDomain.terminalKey;
      if (!key) {
        audit.append({
          ...actor,
          action: 'export.write',
          outcome: 'failure',
          details: { reason: 'no key' },
        });
        return wireErr(
          'E_EXPORT_KEY',
          `cannot sign the export: ${svc.staffDomain.keyProblem ?? 'no terminal key'}`,
        );
      }
      const result = writeExport({
        folder,
        exportRoots: config.maintenance.exportRoots,
        logDir: config.maintenance.logDir
          ? svc.loaded.resolvePath(config.maintenance.logDir)
          : undefined,
        audit,
        terminalId: config.terminal.id,
        version: svc.version,
        keyId: config.approvalApi.keyId,
        terminalKey: key,
      });
      if (!result.ok) {
        audit.append({
          ...actor,
          action: 'export.write',
          outcome: 'failure',
          details: { code: result.error.code },
        });
        return wireErr(result.error.code, result.error.message);
      }
      // Audited after writing: the archive holds the chain up to the entry before this one.
      audit.append({
        ...actor,
        action: 'export.write',
        outcome: 'success',
        details: {
          archive: result.value.archive,
          sha256: result.value.sha256,
          auditHeadHash: result.value.auditHeadHash,
        },
      });
      svc.logger.info({
        event: 'export.written',
        archive: result.value.archive,
        bytes: result.value.bytes,
      });
      return wireOk(result.value);
    },

    'service.availability': () => wireOk(availability.current),
  };
}
