import { afterEach, describe, expect, it } from 'vitest';
import { maskIdentifier } from '../../../drivers/common/mask.js';
import { syntheticCard } from '../../../drivers/id-card/index.js';
import { ALL_KINDS, pollCycles, startRig, waitUntil, type Rig } from './rig.js';

let rig: Rig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

describe('SAM driver against the simulator over a pty', () => {
  it('reads all four card kinds and logs one masked line per read, nothing else personal', async () => {
    rig = await startRig();
    const r = rig;
    await waitUntil('ready', () => r.reader.status().state === 'ready');
    expect(r.reader.status().detail).toMatch(/@ 115200, SAM 05\.01-12345-/);

    for (let i = 0; i < ALL_KINDS.length; i++) {
      r.simulator.placeCard(i);
      await waitUntil(`read ${i}`, () => r.reads.length === i + 1);
      r.simulator.removeCard();
      await waitUntil(`removed ${i}`, () => r.removals.length === i + 1);
    }

    const expected = ALL_KINDS.map((spec) => syntheticCard(spec));
    expect(r.reads.map((read) => read.document)).toEqual(expected.map((c) => c.document));
    expect(r.reads.map((read) => read.photo)).toEqual(expected.map((c) => c.photo));
    expect(r.errors).toEqual([]);

    const readLines = r.logLines.filter((l) => l.fields['event'] === 'id-card.read');
    expect(readLines.map((l) => l.fields)).toEqual(
      expected.map((c) => ({
        device: 'idCard',
        event: 'id-card.read',
        documentType: c.document.documentType,
        idNumberMasked: maskIdentifier(c.document.idNumber),
      })),
    );
    const everything = JSON.stringify(r.logLines);
    for (const { document } of expected) {
      expect(everything).not.toContain(document.idNumber);
      expect(everything).not.toContain(document.name);
      expect(everything).not.toContain(document.birthDate);
    }
  });

  it('does not read a card twice while it lies on the reader, and reads it again once re-placed', async () => {
    rig = await startRig();
    const r = rig;
    r.simulator.placeCard(0);
    await waitUntil('first read', () => r.reads.length === 1);
    await pollCycles(r, 4);
    expect(r.reads).toHaveLength(1);
    expect(r.removals).toHaveLength(0);

    r.simulator.removeCard();
    await waitUntil('removal', () => r.removals.length === 1);
    r.simulator.placeCard(0);
    await waitUntil('second read', () => r.reads.length === 2);
  });

  it('recognises a lying card by its serial on readers that find it again', async () => {
    rig = await startRig({ simulator: { refindLyingCard: true } });
    const r = rig;
    r.simulator.placeCard(1);
    await waitUntil('read', () => r.reads.length === 1);
    await pollCycles(r, 4);
    expect(r.reads).toHaveLength(1);
  });

  it('reads with fingerprint (30 10): templates when the card has them, none otherwise', async () => {
    rig = await startRig({ readFingerprint: true });
    const r = rig;
    r.simulator.placeCard(0); // resident card: carries fingerprints
    await waitUntil('resident read', () => r.reads.length === 1);
    const fp = syntheticCard(ALL_KINDS[0]!).fingerprint;
    expect(r.reads[0]!.fingerprint).toEqual(fp);
    r.simulator.placeCard(3); // foreigner card: FpLen 0
    await waitUntil('foreigner read', () => r.reads.length === 2);
    expect(r.reads[1]!.fingerprint).toBeUndefined();
    expect(r.reads[1]!.document.documentType).toBe('foreigner-permanent-2023');
  });

  it('survives junk before the preamble and answers split into pieces', async () => {
    rig = await startRig();
    const r = rig;
    await waitUntil('ready', () => r.reader.status().state === 'ready');
    r.simulator.queueFault({ kind: 'junk-before-preamble' }, 'findCard');
    r.simulator.queueFault(
      { kind: 'junk-before-preamble', bytes: [0x00, 0xaa, 0xaa, 0x13] },
      'selectCard',
    );
    r.simulator.queueFault({ kind: 'split-frames', pieces: 5, gapMs: 40 }, 'readText');
    r.simulator.placeCard(2);
    await waitUntil('read', () => r.reads.length === 1);
    expect(r.simulator.pendingFaults).toBe(0);
    expect(r.reads[0]!.document.documentType).toBe('foreigner-permanent-2017');
    expect(r.errors).toEqual([]);
  });

  it('rejects an answer with a bad checksum and recovers by selecting and reading again', async () => {
    rig = await startRig();
    const r = rig;
    await waitUntil('ready', () => r.reader.status().state === 'ready');
    r.simulator.queueFault({ kind: 'bad-checksum' }, 'readText');
    r.simulator.placeCard(0);
    await waitUntil('read', () => r.reads.length === 1);
    expect(r.errors).toEqual([
      { code: 'id-card.bad-frame', message: 'answer failed its XOR checksum' },
    ]);
    expect(r.reads[0]!.document).toEqual(syntheticCard(ALL_KINDS[0]!).document);
  });

  it('gives up after three garbled read answers and asks for the card to be placed again', async () => {
    rig = await startRig();
    const r = rig;
    await waitUntil('ready', () => r.reader.status().state === 'ready');
    for (let i = 0; i < 3; i++) r.simulator.queueFault({ kind: 'bad-checksum' }, 'readText');
    r.simulator.placeCard(0);
    await waitUntil('give up', () => r.errors.some((e) => e.code === 'id-card.read-failed'));
    expect(r.errors.map((e) => e.code)).toEqual([
      'id-card.bad-frame',
      'id-card.bad-frame',
      'id-card.bad-frame',
      'id-card.read-failed',
    ]);
    await pollCycles(r, 2);
    expect(r.reads).toHaveLength(0);
    r.simulator.placeCard(0);
    await waitUntil('read after placing again', () => r.reads.length === 1);
  });

  it('rejects a card whose number fails its check, naming the field and logging no value', async () => {
    rig = await startRig();
    const r = rig;
    const good = syntheticCard({ kind: 'resident', seed: 5 });
    const number = good.document.idNumber;
    const wrongCheck = number.slice(0, 17) + (number[17] === '0' ? '1' : '0');
    const index = r.simulator.addCard({
      ...good,
      document: { ...good.document, idNumber: wrongCheck },
    });
    r.simulator.placeCard(index);
    await waitUntil('error', () => r.errors.length === 1);
    expect(r.errors[0]).toEqual({
      code: 'id-card.invalid-data',
      message: 'card data rejected: idNumber: ID number check character is wrong',
    });
    await pollCycles(r, 2);
    expect(r.reads).toHaveLength(0);
    expect(r.errors).toHaveLength(1);
    expect(JSON.stringify(r.logLines)).not.toContain(wrongCheck.slice(3, 14));
  });

  it('reports a card taken away mid-read with the SAM status meaning, and reads the next card', async () => {
    rig = await startRig();
    const r = rig;
    await waitUntil('ready', () => r.reader.status().state === 'ready');
    r.simulator.queueFault({ kind: 'remove-mid-read' }, 'readText');
    r.simulator.placeCard(0);
    await waitUntil('read error', () => r.errors.length === 1);
    expect(r.errors[0]).toEqual({
      code: 'id-card.read-failed',
      message: 'readText: reading the card failed (SW3 41)',
      sw3: '41',
    });
    expect(r.reads).toHaveLength(0);
    expect(r.simulator.placedIndex).toBeNull();
    r.simulator.placeCard(1);
    await waitUntil('next read', () => r.reads.length === 1);
  });

  it('waits for a slow answer, and recovers from one slower than the timeout', async () => {
    rig = await startRig();
    const r = rig;
    await waitUntil('ready', () => r.reader.status().state === 'ready');
    // Within the read timeout (2000 ms + wire time + slack): no error at all.
    r.simulator.queueFault({ kind: 'slow-answer', delayMs: 600 }, 'readText');
    r.simulator.placeCard(0);
    await waitUntil('slow read', () => r.reads.length === 1);
    expect(r.errors).toEqual([]);

    // Beyond it: a timeout is reported, the late answer is recognised as stale and dropped,
    // and the driver selects and reads again.
    r.simulator.removeCard();
    await waitUntil('removed', () => r.removals.length === 1);
    r.simulator.queueFault({ kind: 'slow-answer', delayMs: 3000 }, 'readText');
    r.simulator.placeCard(1);
    await waitUntil('read after timeout', () => r.reads.length === 2, 15_000);
    expect(r.errors.map((e) => e.code)).toEqual(['id-card.timeout']);
    expect(r.reads[1]!.document.documentType).toBe('gat-residence-permit');
  });
});
