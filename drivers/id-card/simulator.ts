/**
 * A SAM reader simulator that speaks the real protocol over a SerialLink (one end of a pty
 * pair in tests, an in-memory pair in the demo). It holds a deck of synthetic cards, one of
 * which may lie on the reader, and models the card's ISO 14443-B states as the SAM sees them:
 *
 * - a card placed on the reader is idle and answers find (`20 01`) with SW3 9F;
 * - select (`20 02`) activates a found card and answers with its 8-byte serial;
 * - read (`30 01` / `30 10`) needs a selected card; afterwards the card stays active, so find
 *   answers 80 until it is taken away and placed again (the behaviour readers show in the
 *   field); select still answers for an active card, which is how the driver tells "still
 *   lying" from "taken away".
 *
 * It paces every byte it sends at the configured baud rate (a pty ignores the baud rate), and
 * treats a command as received only after its own wire time, so timings are those of a UART.
 * Scriptable faults cover what the driver must survive; see `SimulatorFault`.
 */
import { sleep } from '../common/backoff.js';
import { TypedEmitter } from '../common/emitter.js';
import { silentLogger, type Logger } from '../common/logger.js';
import {
  commandName,
  decodeCommand,
  encodeAnswer,
  encodeCardData,
  FRAME_HEADER_BYTES,
  FrameParser,
  wireTimeMs,
  type CommandName,
} from './codec.js';
import type { SerialLink } from './serial-link.js';
import { SW3 } from './status.js';
import type { SimulatedCard } from './synthetic-cards.js';
import { encodeTextBlock } from './text.js';

/** Health of the simulated SAM: fine, failed its self-test, or not authorised. */
export type SamHealth = 'ok' | 'self-test-failed' | 'unauthorised';

export type SimulatorFault =
  /** The next answer goes out with a wrong checksum. */
  | { readonly kind: 'bad-checksum' }
  /** Junk bytes before the next answer's preamble (default `AA 00`, seen in the field). */
  | { readonly kind: 'junk-before-preamble'; readonly bytes?: readonly number[] }
  /** The next answer arrives in `pieces` parts with `gapMs` of silence between them. */
  | { readonly kind: 'split-frames'; readonly pieces?: number; readonly gapMs?: number }
  /** The card is taken away while the SAM reads it: the read fails (SW3 41). */
  | { readonly kind: 'remove-mid-read' }
  /** The next answer is held back for `delayMs`. */
  | { readonly kind: 'slow-answer'; readonly delayMs: number };

interface QueuedFault {
  readonly fault: SimulatorFault;
  /** Only an answer to this command consumes the fault; any command when absent. */
  readonly command?: CommandName;
}

type CardPhase = 'idle' | 'found' | 'active';

export type SamSimulatorEvents = {
  /** A command was received (name, or `unknown`); for tests and the dev dock. */
  command: { readonly name: CommandName | 'unknown' };
  /** The card deck or the placed card changed. */
  changed: { readonly placed: number | null };
};

export interface SamSimulatorOptions {
  /** Baud rate whose wire time the simulator reproduces (8N1). */
  readonly baudRate: number;
  readonly cards: readonly SimulatedCard[];
  /**
   * SAM processing time per command before it answers, milliseconds; default 0 (answers
   * after wire time only). Real modules take tens to hundreds of ms to read a card.
   */
  readonly processingMs?: Partial<Record<CommandName, number>>;
  /**
   * Quirk of some readers: a card still lying on the reader after a read answers find again.
   * The driver must then recognise it by its serial and not read it twice.
   */
  readonly refindLyingCard?: boolean;
  readonly logger?: Logger;
}

/** Pacing slice: bytes go out in chunks of about this many milliseconds of wire time. */
const PACING_SLICE_MS = 4;
/** The SAM ID the simulator reports (16 bytes, formatted by formatSamId). */
export const SIMULATED_SAM_ID = Uint8Array.of(
  0x05,
  0x00,
  0x01,
  0x00,
  0x39,
  0x30,
  0x00,
  0x00,
  0x15,
  0xcd,
  0x5b,
  0x07,
  0xb1,
  0x68,
  0xde,
  0x3a,
);
/** Find answers carry 4 bytes; public samples show zeros. */
const FIND_DATA = new Uint8Array(4);
const DEFAULT_JUNK = [0xaa, 0x00] as const;

export class SamSimulator extends TypedEmitter<SamSimulatorEvents> {
  private link: SerialLink | null = null;
  private readonly parser = new FrameParser();
  private placed: { index: number; phase: CardPhase } | null = null;
  private health: SamHealth = 'ok';
  private readonly faults: QueuedFault[] = [];
  private deck: SimulatedCard[];
  /**
   * Commands are answered one at a time, as a half-duplex SAM does. One queue per attached
   * link: `attach` starts a fresh one, so nothing left of an old link can hold answers back.
   */
  private queue: Promise<void> = Promise.resolve();
  /** Settles when the attached link closes or is left (detach, another attach). */
  private leftLink: Promise<'left'> = new Promise<'left'>(() => undefined);
  private leaveLink: () => void = () => undefined;
  private frameStartedAt = 0;
  private readonly logger: Logger;

  constructor(private readonly options: SamSimulatorOptions) {
    super();
    if (!Number.isInteger(options.baudRate) || options.baudRate <= 0) {
      throw new TypeError(`SamSimulator: baudRate must be a positive integer`);
    }
    this.deck = [...options.cards];
    this.logger = (options.logger ?? silentLogger).child({ component: 'id-card-simulator' });
  }

  // ---- Script ------------------------------------------------------------------------

  get cards(): readonly SimulatedCard[] {
    return this.deck;
  }

  /** Index of the card on the reader, or null. */
  get placedIndex(): number | null {
    return this.placed?.index ?? null;
  }

  get samHealth(): SamHealth {
    return this.health;
  }

  /** Places the deck's card `index` (replacing any card lying there) as a fresh, idle card. */
  placeCard(index: number): void {
    if (!Number.isInteger(index) || index < 0 || index >= this.deck.length) {
      throw new RangeError(`placeCard: no card ${index}; the deck has ${this.deck.length}`);
    }
    this.placed = { index, phase: 'idle' };
    this.emit('changed', { placed: index });
  }

  /** Adds a card to the deck and returns its index. */
  addCard(card: SimulatedCard): number {
    this.deck.push(card);
    return this.deck.length - 1;
  }

  removeCard(): void {
    this.placed = null;
    this.emit('changed', { placed: null });
  }

  setSamHealth(health: SamHealth): void {
    this.health = health;
  }

  /** Queues a one-shot fault for the next answer (to `command`, when given). */
  queueFault(fault: SimulatorFault, command?: CommandName): void {
    this.faults.push(command === undefined ? { fault } : { fault, command });
  }

  get pendingFaults(): number {
    return this.faults.length;
  }

  // ---- Wire --------------------------------------------------------------------------

  /** Serves the protocol on `link` until it closes or another link is attached. */
  attach(link: SerialLink): void {
    this.detach();
    this.link = link;
    this.parser.reset();
    // A write to the old link can hang forever once it was unplugged mid-answer (serialport
    // need not call back for a pty that vanished): answers on the new link must not queue
    // behind it, and the old answer lets go of it (see writePaced).
    this.queue = Promise.resolve();
    this.leftLink = new Promise<'left'>((resolve) => {
      this.leaveLink = () => resolve('left');
    });
    const leave = this.leaveLink;
    link.onData((chunk) => {
      if (this.link !== link) return;
      if (this.parser.bufferedBytes === 0) this.frameStartedAt = performance.now();
      for (const event of this.parser.push(chunk)) {
        if (event.kind === 'frame') {
          const receivedAt = this.frameStartedAt;
          const length = FRAME_HEADER_BYTES + event.body.length + 1;
          this.enqueue(link, () => this.answerFrame(link, event.body, receivedAt, length));
        } else if (event.kind === 'bad-checksum') {
          this.enqueue(link, () => this.send(link, encodeAnswer(SW3.COMMAND_CHECKSUM_ERROR), null));
        } else if (event.kind === 'bad-length') {
          this.enqueue(link, () => this.send(link, encodeAnswer(SW3.COMMAND_LENGTH_ERROR), null));
        }
      }
      if (this.parser.bufferedBytes === 0) this.frameStartedAt = performance.now();
    });
    link.onClose(() => {
      leave();
      if (this.link === link) this.link = null;
    });
  }

  /** Leaves the attached link (the simulator stops answering on it); `attach` serves again. */
  detach(): void {
    this.leaveLink();
    this.link = null;
  }

  private enqueue(link: SerialLink, task: () => Promise<void>): void {
    this.queue = this.queue
      .then(() => (this.link === link ? task() : undefined))
      .catch((error: unknown) => {
        // The link went away mid-answer (unplug); the next attach starts clean.
        this.logger.debug({ event: 'id-card-simulator.write-failed', error: String(error) });
      });
  }

  private async answerFrame(
    link: SerialLink,
    body: Uint8Array,
    receivedAt: number,
    frameBytes: number,
  ): Promise<void> {
    // The command is only complete on a real UART after its own wire time.
    const arrival = receivedAt + wireTimeMs(frameBytes, this.options.baudRate);
    const wait = arrival - performance.now();
    if (wait > 0) await sleep(wait);

    const decoded = decodeCommand(body);
    if (!decoded.ok) return this.send(link, encodeAnswer(SW3.COMMAND_LENGTH_ERROR), null);
    const name = commandName(decoded.value.cmd, decoded.value.para);
    this.emit('command', { name: name ?? 'unknown' });
    if (name === undefined) return this.send(link, encodeAnswer(SW3.COMMAND_ERROR), null);

    const processing = this.options.processingMs?.[name] ?? 0;
    if (processing > 0) await sleep(processing);
    const fault = this.takeFault(name);
    if (fault?.kind === 'remove-mid-read' && isRead(name) && this.placed) {
      this.removeCard();
      return this.send(link, encodeAnswer(SW3.READ_FAILED), fault);
    }
    return this.send(link, this.answer(name), fault);
  }

  private takeFault(name: CommandName): SimulatorFault | undefined {
    const i = this.faults.findIndex((f) => f.command === undefined || f.command === name);
    if (i < 0) return undefined;
    const [queued] = this.faults.splice(i, 1);
    return queued?.fault;
  }

  /** The SAM's answer to a well-formed command, from its health and the card's state. */
  private answer(name: CommandName): Uint8Array {
    if (this.health === 'self-test-failed') return encodeAnswer(SW3.SAM_SELF_TEST_FAILED);
    if (this.health === 'unauthorised') return encodeAnswer(SW3.SAM_NOT_AUTHORISED);
    const placed = this.placed;
    const card = placed ? this.deck[placed.index] : undefined;

    switch (name) {
      case 'resetSam':
      case 'samStatus':
        return encodeAnswer(SW3.SUCCESS);
      case 'readSamId':
        return encodeAnswer(SW3.SUCCESS, SIMULATED_SAM_ID);
      case 'findCard':
        if (!placed) return encodeAnswer(SW3.FIND_FAILED);
        if (placed.phase === 'active' && !this.options.refindLyingCard) {
          return encodeAnswer(SW3.FIND_FAILED);
        }
        if (placed.phase === 'idle') placed.phase = 'found';
        return encodeAnswer(SW3.FIND_SUCCESS, FIND_DATA);
      case 'selectCard':
        if (!placed || !card || placed.phase === 'idle') return encodeAnswer(SW3.SELECT_FAILED);
        placed.phase = 'active';
        return encodeAnswer(SW3.SUCCESS, card.serial);
      case 'readText':
      case 'readTextWithFingerprint': {
        if (!placed || !card || placed.phase !== 'active') return encodeAnswer(SW3.READ_FAILED);
        const withFp = name === 'readTextWithFingerprint';
        const data = encodeCardData(
          {
            text: encodeTextBlock(card.document),
            photo: card.photo,
            ...(withFp && card.fingerprint ? { fingerprint: card.fingerprint } : {}),
          },
          withFp,
        );
        return encodeAnswer(SW3.SUCCESS, data);
      }
      case 'readAppendedAddress':
        // Synthetic cards carry no appended address.
        if (!placed || placed.phase !== 'active') return encodeAnswer(SW3.READ_FAILED);
        return encodeAnswer(SW3.NO_CONTENT);
      default: {
        const never: never = name;
        throw new TypeError(`SamSimulator: unhandled command ${String(never)}`);
      }
    }
  }

  /** Sends an answer with an optional fault applied, paced at the baud rate. */
  private async send(
    link: SerialLink,
    frame: Uint8Array,
    fault: SimulatorFault | null | undefined,
  ): Promise<void> {
    let bytes = frame;
    let pieces = 1;
    let gapMs = 0;
    switch (fault?.kind) {
      case 'bad-checksum':
        bytes = frame.slice();
        bytes[bytes.length - 1] = frame[frame.length - 1]! ^ 0xff;
        break;
      case 'junk-before-preamble': {
        const junk = Uint8Array.from(fault.bytes ?? DEFAULT_JUNK);
        bytes = new Uint8Array(junk.length + frame.length);
        bytes.set(junk, 0);
        bytes.set(frame, junk.length);
        break;
      }
      case 'split-frames':
        pieces = Math.max(2, fault.pieces ?? 3);
        gapMs = fault.gapMs ?? 30;
        break;
      case 'slow-answer':
        await sleep(fault.delayMs);
        break;
      case 'remove-mid-read':
      case undefined:
        break;
      default: {
        const never: never = fault;
        throw new TypeError(`SamSimulator: unhandled fault ${JSON.stringify(never)}`);
      }
    }

    const pieceLength = Math.ceil(bytes.length / pieces);
    for (let start = 0; start < bytes.length; start += pieceLength) {
      if (start > 0 && gapMs > 0) await sleep(gapMs);
      await this.writePaced(link, bytes.subarray(start, start + pieceLength));
    }
  }

  /**
   * Writes `bytes` so that each slice reaches the peer when its last byte would have been
   * fully clocked out of a UART: the whole answer takes its real wire time. Deadlines are
   * absolute, so a late timer is caught up rather than adding up.
   */
  private async writePaced(link: SerialLink, bytes: Uint8Array): Promise<void> {
    if (this.link !== link) return;
    const baud = this.options.baudRate;
    const left = this.leftLink;
    const sliceBytes = Math.max(1, Math.floor((baud / 10) * (PACING_SLICE_MS / 1000)));
    const startedAt = performance.now();
    for (let sent = 0; sent < bytes.length;) {
      const n = Math.min(sliceBytes, bytes.length - sent);
      const due = startedAt + wireTimeMs(sent + n, baud);
      const wait = due - performance.now();
      if (wait > 0) await sleep(wait);
      if (this.link !== link) return;
      // A write in flight when the link goes away may never settle: stop waiting for it then,
      // so this answer ends instead of hanging on a link nobody uses any more.
      const written = await Promise.race([
        link.write(bytes.subarray(sent, sent + n)).then(() => 'written' as const),
        left,
      ]);
      if (written === 'left') {
        this.logger.debug({ event: 'id-card-simulator.answer-abandoned', sentBytes: sent });
        return;
      }
      sent += n;
    }
  }
}

function isRead(name: CommandName): boolean {
  return name === 'readText' || name === 'readTextWithFingerprint';
}
