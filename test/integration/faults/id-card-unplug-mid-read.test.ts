/**
 * The ID-card reader's USB-serial adapter is pulled while a card is being read: at 9600 baud
 * the read answer takes 1.3 s on the wire, and the pty pair is closed the moment the simulator
 * receives the read command, so the driver has part of the answer at most. No identity (whole
 * or partial) may come out of it; the reader reports itself disconnected once, and after replug
 * it reads the next card in full by itself.
 *
 * The same simulator is plugged back in (test/integration/id-card/rig.ts), as the same reader
 * would be: the answer it was writing when the cable went must not keep it from answering on
 * the new link (its write to the vanished pty may never settle).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startRig, waitUntil, type Rig } from '../id-card/rig.js';

/** Slow enough that the read answer is still on the wire when the adapter is pulled. */
const SLOW_BAUD = 9600;

let rig: Rig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

describe('fault: ID-card reader unplugged mid-read', () => {
  it('yields no identity from a half-read card, reports disconnected, reads again after replug', async () => {
    rig = await startRig({
      baudRate: SLOW_BAUD,
      cards: [
        { kind: 'resident', seed: 1 },
        { kind: 'gat-residence-permit', seed: 2 },
      ],
    });
    const r = rig;
    await waitUntil('ready', () => r.reader.status().state === 'ready');

    const readCommand = new Promise<void>((resolve) => {
      const off = r.simulator.on('command', ({ name }) => {
        if (name !== 'readText') return;
        off();
        resolve();
      });
    });
    r.simulator.placeCard(0);
    await readCommand;
    // Pulled while the simulator is writing the read answer.
    await r.unplug();

    await waitUntil('disconnected', () => r.reader.status().state === 'disconnected');
    expect(r.reads).toEqual([]);
    expect(r.errors.filter((e) => e.code === 'id-card.disconnected')).toHaveLength(1);
    expect(r.logLines.filter((l) => l.fields['event'] === 'device.disconnected')).toHaveLength(1);

    await r.replug();
    r.simulator.placeCard(1);
    await waitUntil('read after replug', () => r.reads.length === 1, 20_000);
    expect(r.reader.status().state).toBe('ready');
    expect(r.reads[0]!.document.documentType).toBe('gat-residence-permit');
    expect(r.logLines.some((l) => l.fields['event'] === 'device.reconnected')).toBe(true);
  }, 40_000);
});
