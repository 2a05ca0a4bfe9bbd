/**
 * The one dispatcher behind both transports. For every call frame it checks, in order: size,
 * JSON shape, the method allow-list (own properties only, so `__proto__` and `toString` are
 * unknown methods), the caller's role, the params schema; then runs the handler and validates
 * its answer against the result schema. It never throws: every failure becomes a result frame
 * with a stable error code, and every refusal is logged once.
 */
import type { z } from 'zod';
import type { Logger } from '../../../drivers/common/logger.js';
import { methods, type MethodName, type ParamsOf, type ValueOf } from '../../contract/index.js';
import {
  ERROR_CODES,
  MAX_FRAME_BYTES,
  type ResultFrame,
  type WireResult,
  wireErr,
} from '../../contract/protocol.js';
import { type Connection, effectiveRole } from './connection.js';

export interface HandlerContext {
  readonly connection: Connection;
}

export type Handler<M extends MethodName> = (
  params: z.output<(typeof methods)[M]['params']>,
  ctx: HandlerContext,
) => Promise<WireResult<ValueOf<M>>> | WireResult<ValueOf<M>>;

export type Handlers = { [M in MethodName]: Handler<M> };

/** Handlers for a subset of methods, as each domain module provides them. */
export type HandlersFor<T> = { [M in keyof T & MethodName]: Handler<M> };

export interface DispatcherOptions {
  readonly logger: Logger;
  readonly maxFrameBytes?: number;
}

export class Dispatcher {
  private readonly maxFrameBytes: number;

  constructor(
    private readonly handlers: Handlers,
    private readonly options: DispatcherOptions,
  ) {
    this.maxFrameBytes = options.maxFrameBytes ?? MAX_FRAME_BYTES;
  }

  /** Answers one raw frame with one result frame (as text). */
  async dispatch(connection: Connection, raw: string): Promise<string> {
    return JSON.stringify(await this.dispatchFrame(connection, raw));
  }

  async dispatchFrame(connection: Connection, raw: string): Promise<ResultFrame> {
    const log = this.options.logger;
    const refuse = (
      id: number | null,
      code: string,
      message: string,
      details?: unknown,
    ): ResultFrame => {
      log.warn({ event: 'rpc.refused', connectionId: connection.id, code, reason: message });
      return { type: 'result', id, result: wireErr(code, message, details) };
    };

    const bytes = Buffer.byteLength(raw, 'utf8');
    if (bytes > this.maxFrameBytes) {
      return refuse(
        null,
        ERROR_CODES.TOO_LARGE,
        `frame of ${bytes} bytes exceeds the ${this.maxFrameBytes}-byte cap`,
      );
    }

    let frame: unknown;
    try {
      frame = JSON.parse(raw);
    } catch {
      return refuse(null, ERROR_CODES.BAD_FRAME, 'frame is not valid JSON');
    }
    if (!isCallShape(frame)) {
      const id = hasNumericId(frame) ? frame.id : null;
      return refuse(
        id,
        ERROR_CODES.BAD_FRAME,
        'expected {"type":"call","id":<integer>,"method":<string>,"params":<object>}',
      );
    }
    const { id, method } = frame;

    if (!Object.hasOwn(methods, method)) {
      return refuse(id, ERROR_CODES.METHOD, `unknown method "${method.slice(0, 80)}"`);
    }
    const name = method as MethodName;
    const spec = methods[name];

    const role = effectiveRole(connection);
    if (!spec.roles.includes(role)) {
      return refuse(id, ERROR_CODES.ROLE, `role "${role}" may not call ${name}`);
    }

    const parsed = spec.params.safeParse(frame.params);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((issue) => ({
        path: issue.path.map(String).join('.'),
        message: issue.message,
      }));
      return refuse(id, ERROR_CODES.PARAMS, `invalid params for ${name}`, problems);
    }

    let result: WireResult<unknown>;
    try {
      const handler = this.handlers[name] as unknown as (
        p: unknown,
        c: HandlerContext,
      ) => Promise<WireResult<unknown>>;
      result = await handler(parsed.data, { connection });
    } catch (error) {
      log.error({ event: 'rpc.handler-failed', method: name, error: errorText(error) });
      return {
        type: 'result',
        id,
        result: wireErr(ERROR_CODES.INTERNAL, `${name} failed; see the service log`),
      };
    }

    if (result.ok) {
      const checked = spec.result.safeParse(result.value);
      if (!checked.success) {
        log.error({
          event: 'rpc.output-invalid',
          method: name,
          issues: checked.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`),
        });
        return {
          type: 'result',
          id,
          result: wireErr(
            ERROR_CODES.OUTPUT,
            `${name} produced an invalid answer; see the service log`,
          ),
        };
      }
      return { type: 'result', id, result: { ok: true, value: checked.data } };
    }
    return { type: 'result', id, result };
  }
}

/** Calls a method in-process through the same checks (used by the CLI and tests). */
export async function callInProcess<M extends MethodName>(
  dispatcher: Dispatcher,
  connection: Connection,
  method: M,
  params: ParamsOf<M>,
): Promise<WireResult<ValueOf<M>>> {
  const frame = await dispatcher.dispatchFrame(
    connection,
    JSON.stringify({ type: 'call', id: 1, method, params }),
  );
  return frame.result as WireResult<ValueOf<M>>;
}

function isCallShape(
  frame: unknown,
): frame is { type: 'call'; id: number; method: string; params: unknown } {
  if (typeof frame !== 'object' || frame === null || Array.isArray(frame)) return false;
  const f = frame as Record<string, unknown>;
  return (
    f['type'] === 'call' &&
    Number.isSafeInteger(f['id']) &&
    typeof f['method'] === 'string' &&
    'params' in f &&
    Object.keys(f).length === 4
  );
}

function hasNumericId(frame: unknown): frame is { id: number } {
  return (
    typeof frame === 'object' &&
    frame !== null &&
    Number.isSafeInteger((frame as { id?: unknown }).id)
  );
}

function errorText(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
