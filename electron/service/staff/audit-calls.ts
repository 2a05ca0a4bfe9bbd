/**
 * Audits every staff and technician action, including those of other domains (reprint a
 * receipt, reconnect a device, ...): each method applicants may not call is wrapped so that
 * its outcome is appended to the audit log with the signed-in staff id. Params are not
 * recorded (assist actions can carry applicant data); the method name and the error code are.
 * Methods that audit themselves in more detail, and pure reads a screen polls, are skipped.
 */
import { methods, type MethodName } from '../../contract/index.js';
import type { WireResult } from '../../contract/protocol.js';
import type { Handlers, HandlerContext } from '../rpc/dispatcher.js';
import type { AuditLog } from '../audit/audit-log.js';
import type { StaffService } from './staff-service.js';

/** Audited by their own handlers with richer details (handlers/staff.ts). */
const SELF_AUDITED: ReadonlySet<string> = new Set([
  'staff.endApplicantSession',
  'staff.enterApplicant',
  'staff.acknowledgeCall',
  'staff.extendApplicantTime',
  'tech.selfTest',
  'tech.configSet',
  'tech.restart',
  'tech.quitApp',
  'tech.export',
]);

/** Reads with no effect that diagnostics screens poll; auditing them would drown the log. */
const READS: ReadonlySet<string> = new Set([
  'audit.list',
  'audit.recent',
  'audit.verify',
  'tech.info',
  'tech.configView',
  'tech.exportTargets',
  'printer.status',
  'printer.keptReceipts',
  'outbox.stats',
  'staff.openCalls',
]);

export function auditedMethods(): MethodName[] {
  return (Object.keys(methods) as MethodName[]).filter(
    (name) =>
      !methods[name].roles.includes('applicant') && !SELF_AUDITED.has(name) && !READS.has(name),
  );
}

export function auditStaffCalls(
  handlers: Handlers,
  audit: AuditLog,
  staff: StaffService,
): Handlers {
  const wrapped = { ...handlers } as Record<
    string,
    (params: unknown, ctx: HandlerContext) => Promise<WireResult<unknown>> | WireResult<unknown>
  >;
  for (const name of auditedMethods()) {
    const inner = wrapped[name]!;
    wrapped[name] = async (params, ctx) => {
      // Who acted is taken before the call: a sign-out must still name its author.
      const actor = staff.actor(ctx.connection);
      try {
        const result = await inner(params, ctx);
        audit.append({
          ...actor,
          action: name,
          outcome: result.ok ? 'success' : 'failure',
          details: result.ok ? {} : { code: result.error.code },
        });
        return result;
      } catch (error) {
        audit.append({
          ...actor,
          action: name,
          outcome: 'failure',
          details: { code: 'E_INTERNAL' },
        });
        throw error;
      }
    };
  }
  return wrapped as unknown as Handlers;
}
