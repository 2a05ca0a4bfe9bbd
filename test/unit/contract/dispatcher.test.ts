import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_CODES, MAX_FRAME_BYTES } from '../../../electron/contract/protocol.js';
import { newConnection } from '../../../electron/service/rpc/connection.js';
import { startTestService, type TestService } from '../../support/service.js';

let t: TestService;
beforeAll(async () => {
  t = await startTestService();
});
afterAll(() => t.close());

function call(raw: string, role: 'applicant' | 'staff' | 'technician' = 'applicant') {
  const connection = newConnection('in-process');
  connection.role = role;
  return t.service.dispatcher.dispatchFrame(connection, raw);
}

const frame = (method: string, params: unknown, id = 1) =>
  JSON.stringify({ type: 'call', id, method, params });

describe('dispatcher', () => {
  it('answers a valid call with a validated value', async () => {
    const answer = await call(frame('system.hello', {}, 42));
    expect(answer.id).toBe(42);
    expect(answer.result.ok).toBe(true);
    if (answer.result.ok) {
      expect(answer.result.value).toMatchObject({
        terminalId: 'HK-TEST-0001',
        role: 'applicant',
        devDock: true,
      });
    }
  });

  it('lists every device family, honestly not configured', async () => {
    const answer = await call(frame('devices.list', {}));
    const families = answer.result.ok
      ? (answer.result.value as { family: string; state: string }[])
      : [];
    expect(families.map((d) => d.family)).toEqual(['idCard', 'barcode', 'scanner', 'printer']);
    expect(new Set(families.map((d) => d.state))).toEqual(new Set(['not-configured']));
  });

  it.each([
    ['not JSON', '{"type":', ERROR_CODES.BAD_FRAME, null],
    ['not a call', JSON.stringify({ type: 'event', id: 3 }), ERROR_CODES.BAD_FRAME, 3],
    [
      'extra keys',
      JSON.stringify({ type: 'call', id: 4, method: 'system.hello', params: {}, x: 1 }),
      ERROR_CODES.BAD_FRAME,
      4,
    ],
    ['unknown method', frame('system.shutdown', {}, 5), ERROR_CODES.METHOD, 5],
    ['inherited property as method', frame('__proto__', {}, 6), ERROR_CODES.METHOD, 6],
    ['toString as method', frame('toString', {}, 7), ERROR_CODES.METHOD, 7],
    ['unknown param key', frame('session.get', { extra: true }, 8), ERROR_CODES.PARAMS, 8],
    ['wrong param type', frame('session.end', { reason: 42 }, 9), ERROR_CODES.PARAMS, 9],
    ['params not an object', frame('system.hello', 'x', 10), ERROR_CODES.PARAMS, 10],
  ])('refuses %s with a stable code', async (_label, raw, code, id) => {
    const answer = await call(raw);
    expect(answer.id).toBe(id);
    expect(answer.result).toMatchObject({ ok: false, error: { code } });
  });

  it('names the failing field of invalid params', async () => {
    const answer = await call(frame('session.end', { reason: 'later' }));
    expect(answer.result.ok).toBe(false);
    if (!answer.result.ok)
      expect(answer.result.error.details).toEqual([expect.objectContaining({ path: 'reason' })]);
  });

  it('refuses an oversized frame before parsing it', async () => {
    const answer = await call(frame('system.hello', { pad: 'x'.repeat(MAX_FRAME_BYTES) }));
    expect(answer.result).toMatchObject({ ok: false, error: { code: ERROR_CODES.TOO_LARGE } });
  });

  it('enforces roles: an applicant may not call a technician method', async () => {
    const applicant = await call(frame('devices.reconnect', { id: 'printer' }));
    expect(applicant.result).toMatchObject({ ok: false, error: { code: ERROR_CODES.ROLE } });
    const technician = await call(
      frame('devices.reconnect', { id: 'no-such-device' }),
      'technician',
    );
    expect(technician.result).toMatchObject({ ok: false, error: { code: 'E_DEVICE_UNKNOWN' } });
  });

  it('drops a raised role when it expires', async () => {
    const connection = newConnection('in-process');
    connection.role = 'technician';
    connection.roleExpiresAt = Date.now() - 1;
    const answer = await t.service.dispatcher.dispatchFrame(
      connection,
      frame('devices.reconnect', { id: 'x' }),
    );
    expect(answer.result).toMatchObject({ ok: false, error: { code: ERROR_CODES.ROLE } });
    expect(connection.role).toBe('applicant');
  });

  it('drops a raised role when the clock is set back before its grant', async () => {
    const connection = newConnection('in-process');
    connection.role = 'technician';
    connection.roleGrantedAt = Date.now() + 60_000;
    connection.roleExpiresAt = Date.now() + 15 * 60_000;
    const answer = await t.service.dispatcher.dispatchFrame(
      connection,
      frame('devices.reconnect', { id: 'x' }),
    );
    expect(answer.result).toMatchObject({ ok: false, error: { code: ERROR_CODES.ROLE } });
    expect(connection.role).toBe('applicant');
  });

  it('logs each refusal once, with its code', async () => {
    const before = t.lines.filter((l) => l.fields['event'] === 'rpc.refused').length;
    await call(frame('nope', {}));
    const refusals = t.lines.filter((l) => l.fields['event'] === 'rpc.refused');
    expect(refusals.length).toBe(before + 1);
    expect(refusals.at(-1)?.fields['code']).toBe(ERROR_CODES.METHOD);
  });
});
