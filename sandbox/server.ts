/**
 * The sandbox central approval API: a real HTTP server over SQLite that implements
 * openapi.yaml for demo and tests. `startSandbox` is what the CLI (`npm run sandbox`) and the
 * browser host (config `approvalApi.baseUrl: "embedded"`) call.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { TypedEmitter } from '../drivers/common/emitter.js';
import { silentLogger, type Logger } from '../drivers/common/logger.js';
import { processDue, type EngineDeps } from './applications.js';
import { loadTerminals, verifyRequest, type Terminal } from './auth.js';
import { WorkingCalendar } from './calendar.js';
import { SandboxClock } from './clock.js';
import { openDb, type Db } from './db.js';
import { ADMIN_OPERATIONS, FILE_MAX_BYTES, HANDLERS, type HandlerContext } from './handlers.js';
import { PROBLEM_CONTENT_TYPE, problem, type Reply } from './http.js';
import { loadOrCreatePermitKey, type PermitKey } from './permits.js';
import { seedDatabase } from './seed/index.js';
import { apiSpec } from './spec.js';
import type { TerminalEntry } from './types.js';

/** JSON bodies above this are refused (413); file uploads have FILE_MAX_BYTES. */
const JSON_MAX_BYTES = 1024 * 1024;
/** How often due reviews run when nobody calls (real-clock mode). */
const TICK_MS = 1000;
const IDEMPOTENCY_KEY_PATTERN =
  /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
/** How long a stored idempotent response is replayed: 30 days (documented in the spec). */
const IDEMPOTENCY_RETENTION_MS = 30 * 24 * 3_600_000;
/** Seconds a client should wait before retrying while the first request is still running. */
const IN_PROGRESS_RETRY_AFTER_S = 1;

export const DEFAULT_TERMINALS_FILE = new URL('./data/terminals.json', import.meta.url);

export interface SandboxOptions {
  /** 0 (default) picks a free port. */
  readonly port?: number;
  /** Default 127.0.0.1: the sandbox is for one machine. */
  readonly host?: string;
  /** SQLite database, uploaded files and the permit key live here. */
  readonly dataDir: string;
  /** Terminals allowed to call; default the demo kiosk (data/terminals.json). */
  readonly terminals?: readonly TerminalEntry[];
  /** Enables the admin endpoints that move the review clock and record flow events. */
  readonly testClock?: boolean;
  readonly logger?: Logger;
  /** Items in the generated catalogue when seeding a fresh data directory; default 5,000. */
  readonly generatedItems?: number;
  /**
   * Simulated time the platform takes to forward an application or supplement to the
   * departments (default 0). Tests raise it to observe 409 "still processing".
   */
  readonly processingDelayMs?: number;
}

export interface SandboxEvents extends Record<string, unknown> {
  /** An idempotent operation started its slow part (after its idempotency record exists). */
  processing: { operationId: string };
  request: { operationId: string; status: number };
}

export interface SandboxHandle {
  readonly url: string;
  readonly port: number;
  readonly dataDir: string;
  readonly permitKeyId: string;
  readonly permitPublicKeyPem: string;
  readonly events: TypedEmitter<SandboxEvents>;
  /** The review clock (movable only with testClock). */
  readonly clock: SandboxClock;
  /** Whether the HTTP listener accepts connections (false between `takeDown` and `bringUp`). */
  isListening(): boolean;
  /**
   * The demo's "central API down": closes the listener and destroys every open connection
   * (keep-alive ones too), so clients see refused connections or resets at the transport. The
   * data stays; `bringUp` listens again.
   */
  takeDown(): Promise<void>;
  /** Listens again on the same host and port, so clients keep their base URL. */
  bringUp(): Promise<void>;
  close(): Promise<void>;
}

const TERMINALS_FILE_SHAPE =
  'a JSON object {"terminals":[{"id","keyId","key" (64 hex), "regionCode"?}]}';

/** Reads a terminals file; throws a TypeError that names the problem. */
export function readTerminalsFile(file: URL | string): TerminalEntry[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new TypeError(`terminals file ${String(file)}: ${(e as Error).message}`, {
      cause: e,
    });
  }
  const list = (parsed as { terminals?: unknown }).terminals;
  if (!Array.isArray(list) || list.length === 0) {
    throw new TypeError(`terminals file ${String(file)} must be ${TERMINALS_FILE_SHAPE}`);
  }
  return list.map((t, i) => {
    const e = t as Partial<TerminalEntry>;
    if (typeof e.id !== 'string' || typeof e.keyId !== 'string' || typeof e.key !== 'string') {
      throw new TypeError(`terminals file entry ${i} needs string id, keyId and key`);
    }
    return {
      id: e.id,
      keyId: e.keyId,
      key: e.key,
      ...(e.regionCode ? { regionCode: e.regionCode } : {}),
    };
  });
}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer | 'too-large'> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? '0');
    if (declared > limit) {
      req.resume();
      resolve('too-large');
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners('data');
        req.resume();
        resolve('too-large');
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, reply: Reply): void {
  const headers: Record<string, string> = { ...(reply.headers ?? {}) };
  if (reply.body === undefined) {
    res.writeHead(reply.status, headers);
    res.end();
    return;
  }
  const text = JSON.stringify(reply.body);
  headers['Content-Type'] = `${reply.contentType ?? 'application/json'}; charset=utf-8`;
  res.writeHead(reply.status, headers);
  res.end(text);
}

interface Runtime {
  readonly db: Db;
  readonly clock: SandboxClock;
  readonly calendar: WorkingCalendar;
  readonly engine: EngineDeps;
  readonly permitKey: PermitKey;
  readonly terminals: ReadonlyMap<string, Terminal>;
  readonly options: SandboxOptions;
  readonly events: TypedEmitter<SandboxEvents>;
  readonly logger: Logger;
}

async function handle(
  rt: Runtime,
  req: IncomingMessage,
): Promise<Reply & { operationId?: string }> {
  const spec = apiSpec();
  const url = new URL(req.url ?? '/', 'http://sandbox.invalid');
  const method = req.method ?? 'GET';
  const matched = spec.match(method, url.pathname);
  if (matched === 'no-path')
    return problem({ status: 404, code: 'no-such-path', title: `no endpoint ${url.pathname}` });
  if (matched === 'no-method')
    return problem({
      status: 405,
      code: 'method-not-allowed',
      title: `${method} is not allowed on ${url.pathname}`,
    });
  if ('badEscape' in matched)
    return problem({
      status: 400,
      code: 'invalid-parameters',
      title: `path parameter ${matched.badEscape} has a malformed percent-escape`,
      errors: [
        {
          path: `/${matched.badEscape}`,
          message: 'is not valid percent-encoded UTF-8 (each % needs two hex digits of UTF-8)',
        },
      ],
    });
  const { operation } = matched;
  if (ADMIN_OPERATIONS.has(operation.operationId) && !rt.clock.movable) {
    return problem({
      status: 404,
      code: 'no-such-path',
      title: 'admin endpoints exist only with --test-clock',
    });
  }

  const isFile = operation.operationId === 'uploadFile';
  const body = await readBody(req, isFile ? FILE_MAX_BYTES : JSON_MAX_BYTES);
  if (body === 'too-large') {
    return problem({
      status: 413,
      code: 'payload-too-large',
      title: `the body exceeds ${isFile ? FILE_MAX_BYTES : JSON_MAX_BYTES} bytes`,
    });
  }

  let terminal: Terminal | undefined;
  if (operation.signed) {
    const verified = verifyRequest(
      rt.db,
      rt.terminals,
      { method, pathWithQuery: `${url.pathname}${url.search}`, headers: req.headers, body },
      Date.now(),
    );
    if ('reply' in verified) {
      rt.logger.warn({
        event: 'sandbox.signature-refused',
        code: (verified.reply.body as { code: string }).code,
        operationId: operation.operationId,
      });
      return verified.reply;
    }
    terminal = verified.terminal;
  }

  const path = spec.validateParameters(operation.operationId, 'path', matched.pathParams);
  const query = spec.validateParameters(
    operation.operationId,
    'query',
    Object.fromEntries(url.searchParams),
  );
  const paramProblems = [...path.problems, ...query.problems];
  if (paramProblems.length > 0) {
    return problem({
      status: 400,
      code: 'invalid-parameters',
      title: 'parameters do not match the API',
      errors: paramProblems,
    });
  }

  const contentType = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  let parsedBody: unknown;
  if (operation.requestContentTypes.length > 0) {
    if (!operation.requestContentTypes.includes(contentType)) {
      return problem({
        status: isFile ? 415 : 400,
        code: 'unsupported-media-type',
        title: `Content-Type must be one of ${operation.requestContentTypes.join(', ')}`,
      });
    }
    if (contentType === 'application/json') {
      try {
        parsedBody = JSON.parse(body.toString('utf8'));
      } catch {
        return problem({ status: 400, code: 'invalid-json', title: 'the body is not JSON' });
      }
      const bodyProblems = spec.validateRequestBody(operation.operationId, contentType, parsedBody);
      if (bodyProblems.length > 0) {
        return problem({
          status: 400,
          code: 'invalid-body',
          title: 'the body does not match the API',
          errors: bodyProblems,
        });
      }
    }
  }

  const now = rt.clock.now();
  processDue(rt.engine, now);
  const ctx: HandlerContext = {
    db: rt.db,
    clock: rt.clock,
    calendar: rt.calendar,
    engine: rt.engine,
    permitKey: rt.permitKey,
    dataDir: rt.options.dataDir,
    ...(terminal ? { terminal } : {}),
    pathParams: path.values as Record<string, string>,
    query: query.values,
    headers: req.headers,
    body: parsedBody,
    rawBody: body,
    contentType,
    now,
    processingDelayMs: rt.options.processingDelayMs ?? 0,
    onProcessing: (operationId) => rt.events.emit('processing', { operationId }),
  };
  const handler = HANDLERS[operation.operationId];
  if (!handler) throw new Error(`no handler for ${operation.operationId}`);

  const reply = operation.hasIdempotencyKey
    ? await withIdempotency(rt, ctx, method, url.pathname, () => handler(ctx))
    : await handler(ctx);
  processDue(rt.engine, rt.clock.now());
  return { ...reply, operationId: operation.operationId };
}

/**
 * Idempotency-Key semantics (draft-ietf-httpapi-idempotency-key-header), keys scoped to the
 * terminal. Only successful responses are stored: after an error the same key may be retried
 * with a corrected body.
 */
async function withIdempotency(
  rt: Runtime,
  ctx: HandlerContext,
  method: string,
  path: string,
  run: () => Reply | Promise<Reply>,
): Promise<Reply> {
  const key = ctx.headers['idempotency-key'];
  const keyText = Array.isArray(key) ? key[0] : key;
  if (!keyText)
    return problem({
      status: 400,
      code: 'idempotency-key-missing',
      title: 'this operation needs an Idempotency-Key header',
    });
  if (!IDEMPOTENCY_KEY_PATTERN.test(keyText)) {
    return problem({
      status: 400,
      code: 'idempotency-key-invalid',
      title: 'Idempotency-Key must be a UUID',
    });
  }
  const terminalId = ctx.terminal!.id;
  const fingerprint = createHash('sha256')
    .update(`${method} ${path}\n`)
    .update(ctx.rawBody)
    .digest('hex');
  const existing = rt.db
    .prepare('SELECT * FROM idempotency WHERE terminal_id = ? AND idempotency_key = ?')
    .get(terminalId, keyText) as
    | { fingerprint: string; state: string; status: number; headers: string; body: string }
    | undefined;
  if (existing) {
    if (existing.fingerprint !== fingerprint) {
      return problem({
        status: 422,
        code: 'idempotency-key-reused',
        title: 'this Idempotency-Key was used with a different request',
      });
    }
    if (existing.state === 'running') {
      return problem({
        status: 409,
        code: 'idempotency-in-progress',
        title: 'the first request with this Idempotency-Key is still being processed',
        headers: { 'Retry-After': String(IN_PROGRESS_RETRY_AFTER_S) },
      });
    }
    return {
      status: existing.status,
      body: JSON.parse(existing.body),
      headers: {
        ...(JSON.parse(existing.headers) as Record<string, string>),
        'Idempotent-Replayed': 'true',
      },
    };
  }

  // Stored responses are kept IDEMPOTENCY_RETENTION_MS; older keys are forgotten.
  rt.db
    .prepare("DELETE FROM idempotency WHERE state = 'done' AND created_at < ?")
    .run(new Date(ctx.now.getTime() - IDEMPOTENCY_RETENTION_MS).toISOString());
  rt.db
    .prepare(
      "INSERT INTO idempotency (terminal_id, idempotency_key, fingerprint, state, created_at) VALUES (?, ?, ?, 'running', ?)",
    )
    .run(terminalId, keyText, fingerprint, ctx.now.toISOString());
  let reply: Reply;
  try {
    reply = await run();
  } catch (e) {
    rt.db
      .prepare('DELETE FROM idempotency WHERE terminal_id = ? AND idempotency_key = ?')
      .run(terminalId, keyText);
    throw e;
  }
  if (reply.status >= 200 && reply.status < 300) {
    rt.db
      .prepare(
        "UPDATE idempotency SET state = 'done', status = ?, headers = ?, body = ? WHERE terminal_id = ? AND idempotency_key = ?",
      )
      .run(
        reply.status,
        JSON.stringify(reply.headers ?? {}),
        JSON.stringify(reply.body),
        terminalId,
        keyText,
      );
  } else {
    rt.db
      .prepare('DELETE FROM idempotency WHERE terminal_id = ? AND idempotency_key = ?')
      .run(terminalId, keyText);
  }
  return reply;
}

/** Starts the sandbox; resolves once it listens. */
export async function startSandbox(options: SandboxOptions): Promise<SandboxHandle> {
  const logger = options.logger ?? silentLogger;
  const clock = new SandboxClock(options.testClock === true);
  const calendar = new WorkingCalendar();
  const db = openDb(options.dataDir);
  // A request that was running when the previous process died never completed: forget it so
  // the client's retry with the same key is processed afresh.
  db.prepare("DELETE FROM idempotency WHERE state = 'running'").run();
  const permitKey = loadOrCreatePermitKey(options.dataDir, clock.now());
  seedDatabase(db, {
    now: clock.now(),
    calendar,
    permitKey,
    ...(options.generatedItems !== undefined ? { generatedItems: options.generatedItems } : {}),
  });

  const terminals = loadTerminals(options.terminals ?? readTerminalsFile(DEFAULT_TERMINALS_FILE));
  const regionByTerminal = new Map(
    [...terminals.values()].map((t) => [t.id, t.regionCode] as const),
  );
  const engine: EngineDeps = {
    db,
    calendar,
    permitKey,
    logger,
    terminalRegion: (id) => regionByTerminal.get(id),
  };
  const events = new TypedEmitter<SandboxEvents>();
  const rt: Runtime = {
    db,
    clock,
    calendar,
    engine,
    permitKey,
    terminals,
    options,
    events,
    logger,
  };

  const server = createServer((req, res) => {
    handle(rt, req)
      .then((reply) => {
        send(res, reply);
        events.emit('request', {
          operationId: reply.operationId ?? 'unknown',
          status: reply.status,
        });
      })
      .catch((e: unknown) => {
        logger.error({ event: 'sandbox.handler-failed', error: (e as Error).message });
        send(res, {
          status: 500,
          contentType: PROBLEM_CONTENT_TYPE,
          body: { type: 'about:blank', title: 'internal error', status: 500, code: 'internal' },
        });
      });
  });
  const host = options.host ?? '127.0.0.1';
  const listen = (onPort: number): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      const failed = (e: Error): void => reject(e);
      server.once('error', failed);
      server.listen(onPort, host, () => {
        server.off('error', failed);
        resolve();
      });
    });
  const stopListening = (): Promise<void> =>
    new Promise<void>((resolve) => {
      // The callback runs once every connection is gone; closeAllConnections makes that now.
      server.close(() => resolve());
      server.closeAllConnections();
    });
  await listen(options.port ?? 0);
  const port = (server.address() as AddressInfo).port;
  const url = `http://${host}:${port}`;
  const tick = setInterval(() => {
    // A timer callback that throws would take the whole host down: log and carry on.
    try {
      processDue(engine, clock.now());
    } catch (e) {
      logger.error({ event: 'sandbox.review-step-failed', error: (e as Error).message });
    }
  }, TICK_MS);
  tick.unref();

  return {
    url,
    port,
    dataDir: options.dataDir,
    permitKeyId: permitKey.keyId,
    permitPublicKeyPem: permitKey.publicKeyPem,
    events,
    clock,
    isListening: () => server.listening,
    takeDown: async () => {
      if (!server.listening) return;
      await stopListening();
      logger.info({ event: 'sandbox.taken-down', port });
    },
    bringUp: async () => {
      if (server.listening) return;
      await listen(port);
      logger.info({ event: 'sandbox.brought-up', port });
    },
    close: async () => {
      clearInterval(tick);
      if (server.listening) await stopListening();
      db.close();
      events.removeAllListeners();
    },
  };
}
