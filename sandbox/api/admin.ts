/** Terminal heartbeat, health, and the test-clock admin endpoints. */
import { json, problem } from '../http.js';
import { type HandlerContext, type Handler, terminalOf, catalogueVersion } from './context.js';

export const putHeartbeat: Handler = (ctx) => {
  const terminalId = ctx.pathParams['terminalId']!;
  if (terminalId !== terminalOf(ctx).id) {
    return problem({
      status: 403,
      code: 'terminal-mismatch',
      title: 'a terminal may only report its own heartbeat',
    });
  }
  const receivedAt = ctx.now.toISOString();
  ctx.db
    .prepare(
      'INSERT INTO heartbeats (terminal_id, received_at, record) VALUES (?, ?, ?) ON CONFLICT(terminal_id) DO UPDATE SET received_at = excluded.received_at, record = excluded.record',
    )
    .run(terminalId, receivedAt, JSON.stringify(ctx.body));
  return json(200, { terminalId, receivedAt, catalogueVersion: catalogueVersion(ctx.db) });
};

export const getHealth: Handler = (ctx) => json(200, { status: 'ok', time: ctx.now.toISOString() });

const clockState = (ctx: HandlerContext) => ({
  now: ctx.clock.now().toISOString(),
  offsetMs: ctx.clock.offsetMs,
});

export const getClock: Handler = (ctx) => json(200, clockState(ctx));

export const moveClock: Handler = (ctx) => {
  const body = ctx.body as { advanceMs?: number; advanceWorkingDays?: number; to?: string };
  const now = ctx.clock.now();
  let target: number;
  if (body.to !== undefined) target = Date.parse(body.to);
  else if (body.advanceWorkingDays !== undefined)
    target = ctx.calendar.addWorkingDaysToInstant(now, body.advanceWorkingDays).getTime();
  else if (body.advanceMs !== undefined) target = now.getTime() + body.advanceMs;
  else
    return problem({
      status: 400,
      code: 'clock-move-empty',
      title: 'give advanceMs, advanceWorkingDays or to',
    });
  if (target < now.getTime()) {
    return problem({
      status: 422,
      code: 'clock-backwards',
      title: 'the sandbox clock only moves forward',
    });
  }
  ctx.clock.advance(target - now.getTime());
  return json(200, clockState(ctx));
};
