/**
 * The SAM simulator after an unplug mid-answer: the write that was in flight to the vanished
 * link never settles (serialport need not call back for a pty that disappeared). The link
 * here stands for exactly that: it takes the first bytes of an answer and then never settles
 * a write again. A reattached simulator must answer on the new link, and the abandoned answer
 * must end rather than wait on the old one forever.
 */
import { describe, expect, it } from 'vitest';
import { capturingLogger } from '../../../drivers/common/logger.js';
import {
  createLinkedPair,
  decodeAnswer,
  encodeNamedCommand,
  FrameParser,
  SamSimulator,
  SW3,
  syntheticCard,
  type SerialLink,
} from '../../../drivers/id-card/index.js';

/** A link whose writes hang once it is unplugged mid-answer; it tells when a write starts. */
function vanishingLink(): SerialLink & {
  send(bytes: Uint8Array): void;
  unplug(): void;
  writeStarted: Promise<void>;
} {
  const data: ((chunk: Uint8Array) => void)[] = [];
  const close: ((error?: Error) => void)[] = [];
  let closed = false;
  let started!: () => void;
  const writeStarted = new Promise<void>((resolve) => (started = resolve));
  return {
    write: () => {
      started();
      // In flight when the cable went: neither resolves nor rejects, ever.
      return new Promise<void>(() => undefined);
    },
    onData: (listener) => data.push(listener),
    onClose: (listener) => (closed ? listener() : close.push(listener)),
    close: async () => undefined,
    get isOpen() {
      return !closed;
    },
    send: (bytes) => setImmediate(() => data.forEach((l) => l(bytes))),
    unplug: () => {
      closed = true;
      close.forEach((l) => l(new Error('EIO')));
    },
    writeStarted,
  };
}

/** Sends `command` from the host end and resolves with the SW3 of the answer it gets. */
function ask(host: SerialLink, command: Uint8Array): Promise<number> {
  const parser = new FrameParser();
  return new Promise((resolve, reject) => {
    host.onData((chunk) => {
      for (const event of parser.push(chunk)) {
        if (event.kind !== 'frame') continue;
        const answer = decodeAnswer(event.body);
        if (answer.ok) resolve(answer.value.sw3);
        else reject(new Error(answer.error));
      }
    });
    void host.write(command);
  });
}

describe('SAM simulator: reattached after an unplug mid-answer', () => {
  it.each(['unplugged (link closed)', 'detached without a close'] as const)(
    'answers on the new link and lets go of the hung write when %s',
    async (how) => {
      const logger = capturingLogger();
      const simulator = new SamSimulator({
        baudRate: 115200,
        cards: [syntheticCard({ kind: 'resident', seed: 1 })],
        logger,
      });
      const old = vanishingLink();
      simulator.attach(old);
      old.send(encodeNamedCommand('samStatus'));
      await old.writeStarted;
      if (how === 'unplugged (link closed)') old.unplug();
      else simulator.detach();

      const [host, sam] = createLinkedPair();
      simulator.attach(sam);
      expect(await ask(host, encodeNamedCommand('samStatus'))).toBe(SW3.SUCCESS);
      simulator.placeCard(0);
      expect(await ask(host, encodeNamedCommand('findCard'))).toBe(SW3.FIND_SUCCESS);

      // The answer that was in flight ended instead of hanging on the old link.
      await expect
        .poll(() => logger.lines.map((l) => l.fields['event']))
        .toContain('id-card-simulator.answer-abandoned');
      await host.close();
    },
  );
});
