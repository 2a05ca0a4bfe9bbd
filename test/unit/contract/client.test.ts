import { describe, expect, it } from 'vitest';
import {
  type Channel,
  type ChannelHandlers,
  KioskClient,
} from '../../../electron/contract/client.js';

/** A fake service end: records what the client sent and lets the test answer or drop it. */
function fakeService() {
  const opened: { handlers: ChannelHandlers; sent: string[]; closed: boolean }[] = [];
  let refuse = false;
  const connector = async (handlers: ChannelHandlers): Promise<Channel> => {
    if (refuse) throw new Error('refused');
    const entry = { handlers, sent: [] as string[], closed: false };
    opened.push(entry);
    return { send: (t) => entry.sent.push(t), close: () => (entry.closed = true) };
  };
  return {
    connector,
    opened,
    setRefuse: (value: boolean) => (refuse = value),
    welcome: (i: number) =>
      opened[i]!.handlers.onMessage(
        JSON.stringify({ type: 'welcome', connectionId: `c${i}`, role: 'applicant' }),
      ),
  };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('KioskClient', () => {
  it('is connected only after the welcome frame and answers calls by id', async () => {
    const svc = fakeService();
    const client = new KioskClient(svc.connector);
    client.start();
    await tick();
    expect(client.state.kind).toBe('connecting');
    expect((await client.call('session.get', {})).ok).toBe(false);
    svc.welcome(0);
    expect(client.state).toMatchObject({ kind: 'connected', connectionId: 'c0' });

    const pending = client.call('session.get', {});
    const sent = JSON.parse(svc.opened[0]!.sent[0]!) as { id: number; method: string };
    expect(sent.method).toBe('session.get');
    svc.opened[0]!.handlers.onMessage(
      JSON.stringify({ type: 'result', id: sent.id, result: { ok: true, value: null } }),
    );
    expect(await pending).toEqual({ ok: true, value: null });
    client.close();
  });

  it('delivers events in sequence order and drops repeats', async () => {
    const svc = fakeService();
    const client = new KioskClient(svc.connector);
    const seen: unknown[] = [];
    client.on('session.changed', (v) => seen.push(v));
    client.start();
    await tick();
    svc.welcome(0);
    const send = (seq: number, payload: unknown) =>
      svc.opened[0]!.handlers.onMessage(
        JSON.stringify({ type: 'event', seq, event: 'session.changed', payload }),
      );
    send(1, null);
    send(2, { id: 'a', startedAt: 'x' });
    send(2, { id: 'dup', startedAt: 'x' });
    send(3, null);
    expect(seen).toEqual([null, { id: 'a', startedAt: 'x' }, null]);
    client.close();
  });

  it('fails pending calls when the connection drops and reconnects by itself', async () => {
    const svc = fakeService();
    const client = new KioskClient(svc.connector, { reconnectInitialMs: 5, reconnectMaxMs: 10 });
    const states: string[] = [];
    client.onState((s) => states.push(s.kind));
    client.start();
    await tick();
    svc.welcome(0);
    const pending = client.call('system.hello', {});
    svc.opened[0]!.handlers.onClose('socket closed');
    expect(await pending).toMatchObject({ ok: false, error: { code: 'E_UNAVAILABLE' } });
    expect(client.state.kind).toBe('unavailable');

    svc.setRefuse(true);
    await new Promise((r) => setTimeout(r, 40));
    svc.setRefuse(false);
    await new Promise((r) => setTimeout(r, 40));
    expect(svc.opened.length).toBe(2);
    svc.welcome(1);
    expect(client.state.kind).toBe('connected');
    expect(states).toEqual(expect.arrayContaining(['connecting', 'connected', 'unavailable']));
    client.close();
  });

  it('times out a call that gets no answer', async () => {
    const svc = fakeService();
    const client = new KioskClient(svc.connector, { callTimeoutMs: 20 });
    client.start();
    await tick();
    svc.welcome(0);
    expect(await client.call('system.hello', {})).toMatchObject({
      ok: false,
      error: { code: 'E_TIMEOUT' },
    });
    client.close();
  });
});
