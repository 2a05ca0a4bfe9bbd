/** The MessagePort transport over Node's MessageChannel, as Electron's utility process uses it. */
import { MessageChannel } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveMessagePort } from '../../../electron/service/rpc/message-port.js';
import { startTestService, type TestService } from '../../support/service.js';

let t: TestService;
beforeAll(async () => {
  t = await startTestService();
});
afterAll(() => t.close());

describe('MessagePort transport', () => {
  it('welcomes, answers calls and pushes events in order', async () => {
    const { port1, port2 } = new MessageChannel();
    serveMessagePort(t.service, port1);
    const frames: Record<string, unknown>[] = [];
    port2.on('message', (text: string) => frames.push(JSON.parse(text) as Record<string, unknown>));
    const until = async (n: number) => {
      while (frames.length < n) await new Promise((r) => setTimeout(r, 5));
    };

    await until(1);
    expect(frames[0]).toMatchObject({ type: 'welcome', role: 'applicant' });

    port2.postMessage(JSON.stringify({ type: 'call', id: 9, method: 'devices.list', params: {} }));
    await until(2);
    expect(frames[1]).toMatchObject({ type: 'result', id: 9, result: { ok: true } });

    t.service.ctx.session.identify({
      kind: 'person',
      source: 'staff-entry',
      documentType: 'resident',
      idNumber: '11010519491231002X',
      name: '测试',
    });
    t.service.ctx.session.end('cancel');
    await until(4);
    expect(frames.slice(2).map((f) => [f['event'], f['seq']])).toEqual([
      ['session.changed', 1],
      ['session.changed', 2],
    ]);

    port2.postMessage({ not: 'text' });
    await until(5);
    expect(frames[4]).toMatchObject({
      type: 'result',
      id: null,
      result: { ok: false, error: { code: 'E_BAD_FRAME' } },
    });
    port1.close();
    port2.close();
  });
});
