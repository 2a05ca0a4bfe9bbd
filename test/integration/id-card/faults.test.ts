import { afterEach, describe, expect, it } from 'vitest';
import { startRig, waitUntil, type Rig } from './rig.js';

let rig: Rig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

describe('SAM driver: SAM failures, unplug and slow lines', () => {
  it('reports a failed SAM self-test as a fault and recovers when the SAM does', async () => {
    rig = await startRig();
    const r = rig;
    await waitUntil('ready', () => r.reader.status().state === 'ready');
    r.simulator.setSamHealth('self-test-failed');
    await waitUntil('fault', () => r.reader.status().state === 'fault');
    expect(r.errors).toEqual([
      {
        code: 'id-card.sam-fault',
        message: 'SAM: SAM self-test failed; it cannot accept commands (SW3 60)',
        sw3: '60',
      },
    ]);
    expect(r.reader.status().lastError).toMatchObject({
      code: 'id-card.sam-fault',
      message: 'SAM: SAM self-test failed; it cannot accept commands (SW3 60)',
    });

    r.simulator.setSamHealth('ok');
    await waitUntil('ready again', () => r.reader.status().state === 'ready');
    r.simulator.placeCard(0);
    await waitUntil('read', () => r.reads.length === 1);
  });

  it('reports an unauthorised SAM as such, once', async () => {
    rig = await startRig();
    const r = rig;
    r.simulator.setSamHealth('unauthorised');
    r.simulator.placeCard(0);
    await waitUntil('fault', () => r.reader.status().state === 'fault');
    expect(r.reader.status().detail).toBe('SAM: SAM not authorised (SW3 66)');
    await waitUntil('a few more status polls', () => r.statuses.length >= 3);
    expect(r.errors.map((e) => e.sw3)).toEqual(['66']);
    expect(r.reads).toHaveLength(0);
  });

  it('reports an unplugged reader as disconnected and recovers by itself after replug', async () => {
    rig = await startRig();
    const r = rig;
    r.simulator.placeCard(0);
    await waitUntil('read before unplug', () => r.reads.length === 1);

    await r.unplug();
    await waitUntil('disconnected', () => r.reader.status().state === 'disconnected');
    expect(r.errors.filter((e) => e.code === 'id-card.disconnected')).toHaveLength(1);
    expect(r.logLines.filter((l) => l.fields['event'] === 'device.disconnected')).toHaveLength(1);

    // The reader stays down across several reopen attempts; one error, not one per attempt.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(r.errors.filter((e) => e.code === 'id-card.disconnected')).toHaveLength(1);

    await r.replug();
    r.simulator.placeCard(1);
    await waitUntil('read after replug', () => r.reads.length === 2, 20_000);
    expect(r.reader.status().state).toBe('ready');
    expect(r.logLines.some((l) => l.fields['event'] === 'device.reconnected')).toBe(true);
    expect(r.reads[1]!.document.documentType).toBe('gat-residence-permit');
  });

  it('reads at 9600 baud, with the simulator pacing a real wire time', async () => {
    rig = await startRig({ baudRate: 9600 });
    const r = rig;
    await waitUntil('ready', () => r.reader.status().state === 'ready');
    const started = performance.now();
    r.simulator.placeCard(3);
    // A read is 1.4 s of wire time; on a loaded runner a paced answer can miss the driver's
    // timeout and be read again, so allow several attempts.
    await waitUntil('read', () => r.reads.length === 1, 40_000);
    // The 1295-byte answer alone takes 1349 ms at 9600 baud; a lower bound is safe to assert.
    expect(performance.now() - started).toBeGreaterThan(1349);
    expect(r.reads[0]!.document.documentType).toBe('foreigner-permanent-2023');
  }, 60_000);
});
