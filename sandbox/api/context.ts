/** The context every handler receives, and the helpers several handlers share. */
import type { EngineDeps } from '../applications.js';
import type { Terminal } from '../auth.js';
import type { WorkingCalendar } from '../calendar.js';
import type { SandboxClock } from '../clock.js';
import { getMeta, type Db } from '../db.js';
import { problem, type Reply } from '../http.js';
import type { PermitKey } from '../permits.js';
import { seededCast } from '../seed/index.js';
import type { Purpose } from '../types.js';

export interface HandlerContext {
  readonly db: Db;
  readonly clock: SandboxClock;
  readonly calendar: WorkingCalendar;
  readonly engine: EngineDeps;
  readonly permitKey: PermitKey;
  readonly dataDir: string;
  readonly terminal?: Terminal;
  readonly pathParams: Record<string, string>;
  readonly query: Record<string, unknown>;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: unknown;
  readonly rawBody: Buffer;
  readonly contentType: string;
  readonly now: Date;
  /** Simulated time the platform takes to forward an application to departments. */
  readonly processingDelayMs: number;
  readonly onProcessing?: (operationId: string) => void;
}

export type Handler = (ctx: HandlerContext) => Reply | Promise<Reply>;

/** A request header's first value. */
export const header = (ctx: HandlerContext, name: string): string | undefined => {
  const v = ctx.headers[name];
  return Array.isArray(v) ? v[0] : v;
};

/** The signing terminal; only unsigned operations (health, permit keys) have none. */
export function terminalOf(ctx: HandlerContext): Terminal {
  if (!ctx.terminal) throw new Error('handler needs a signed request');
  return ctx.terminal;
}

/** 403 unless the purpose names the terminal that signed the request. */
export function purposeMismatch(ctx: HandlerContext, purpose: Purpose): Reply | undefined {
  if (purpose.terminalId === terminalOf(ctx).id) return undefined;
  return problem({
    status: 403,
    code: 'purpose-terminal-mismatch',
    title: 'purpose.terminalId must be the terminal that signs the request',
  });
}

/** Records one access to documents on file with its purpose (the 安全用证 audit). */
export function recordAccess(
  ctx: HandlerContext,
  action: string,
  purpose: Purpose,
  documentId?: string,
  holderCode?: string,
): void {
  ctx.db
    .prepare(
      'INSERT INTO document_access (at, terminal_id, action, document_id, holder_code, purpose) VALUES (?, ?, ?, ?, ?, ?)',
    )
    .run(
      ctx.now.toISOString(),
      terminalOf(ctx).id,
      action,
      documentId ?? null,
      holderCode ?? null,
      JSON.stringify(purpose),
    );
}

/** The people the sandbox knows (the ID-card simulator's cast). */
export function knownPeople(db: Db): readonly { idNumber: string; name: string }[] {
  return seededCast(db).people;
}

/** The catalogue's version, raised whenever an item changes. */
export function catalogueVersion(db: Db): number {
  return Number(getMeta(db, 'catalogue_version') ?? '1');
}

/** Whether the request's If-None-Match names this ETag. */
export function notModified(ctx: HandlerContext, etag: string): boolean {
  const sent = header(ctx, 'if-none-match');
  if (!sent) return false;
  return sent.split(',').some((t) => t.trim() === etag || t.trim() === '*');
}
