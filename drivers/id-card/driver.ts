/**
 * SAM ID-card reader driver. Polls the reader over a SerialLink: SAM status, find, select,
 * read (with or without fingerprint); emits a typed identity document per card, a removal
 * event when the card leaves the reader, and errors carrying the SAM status meaning. A lost
 * port is reported as `disconnected` and reopened with backoff until it returns.
 */
import { Backoff, sleep, type BackoffOptions } from '../common/backoff.js';
import { DeviceStatusTracker, type Device, type DeviceStatus } from '../common/device.js';
import { TypedEmitter } from '../common/emitter.js';
import { silentLogger, type Logger } from '../common/logger.js';
import { maskIdentifier } from '../common/mask.js';
import type { DeviceError } from '../common/result.js';
import {
  decodeAnswer,
  decodeCardData,
  encodeNamedCommand,
  formatSamId,
  FrameParser,
  wireTimeMs,
  type Answer,
  type CommandName,
} from './codec.js';
import type { IdentityDocument } from './document.js';
import type { SerialLink } from './serial-link.js';
import { describeSw3, SW3 } from './status.js';
import { decodeTextBlock } from './text.js';

/** One successful card read. */
export interface IdCardRead {
  readonly document: IdentityDocument;
  /** WLT photo bytes, opaque (see photo.ts). */
  readonly photo: Uint8Array;
  /** 1024 bytes of fingerprint templates when read with fingerprint from a card holding them. */
  readonly fingerprint?: Uint8Array;
  /** ISO time of the read. */
  readonly readAt: string;
}

/** A driver error: stable code, technician message, and the SAM status when there was one. */
export interface IdCardError extends DeviceError {
  readonly code: IdCardErrorCode;
  /** SW3 as two hex digits, when the SAM answered with a failure status. */
  readonly sw3?: string;
}

export type IdCardErrorCode =
  /** The port could not be opened or went away. */
  | 'id-card.disconnected'
  /** The reader did not answer a command in time. */
  | 'id-card.timeout'
  /** An answer with a bad checksum, impossible length or shape. */
  | 'id-card.bad-frame'
  /** The SAM cannot work: self-test failed, not authorised, unauthorised operation. */
  | 'id-card.sam-fault'
  /** The card could not be read (taken away mid-read, authentication failed, ...). */
  | 'id-card.read-failed'
  /** The card was read but its data is inconsistent (bad number, bad date, unknown variant). */
  | 'id-card.invalid-data';

export type IdCardReaderEvents = {
  card: IdCardRead;
  removed: { readonly at: string };
  error: IdCardError;
};

/** What the service sees of an ID-card reader, whatever its transport. */
export interface IdCardReader extends Device {
  on<K extends keyof IdCardReaderEvents>(
    event: K,
    listener: (payload: IdCardReaderEvents[K]) => void,
  ): () => void;
}

/** Base answer timeouts from public host code (YinanSoft SerialReader), milliseconds. */
export const COMMAND_TIMEOUT_MS: Readonly<Record<CommandName, number>> = {
  resetSam: 300,
  samStatus: 300,
  readSamId: 300,
  findCard: 100,
  selectCard: 100,
  readText: 2000,
  readAppendedAddress: 1500,
  readTextWithFingerprint: 3000,
};

/** Largest answer per command, bytes, so the timeout can add its wire time. */
const MAX_ANSWER_BYTES: Readonly<Record<CommandName, number>> = {
  resetSam: 11,
  samStatus: 11,
  readSamId: 27,
  findCard: 15,
  selectCard: 19,
  readText: 1295,
  readAppendedAddress: 81,
  readTextWithFingerprint: 2321,
};

/** Every plain command frame is 10 bytes on the wire. */
const COMMAND_FRAME_BYTES = 10;
/** The protocol notes ask for at least this much time between polls. */
export const MIN_POLL_INTERVAL_MS = 300;
/** Consecutive unanswered commands after which the reader counts as not answering. */
const SILENT_COMMANDS_BEFORE_NOT_ANSWERING = 3;
/** Reads of one card before the applicant is asked to place it again. */
const READ_ATTEMPTS = 3;
const DEFAULT_BACKOFF: BackoffOptions = { initialMs: 500, maxMs: 10_000 };

export interface SamReaderOptions {
  /** Device id in status reports; default `idCard`. */
  readonly id?: string;
  /** The config's driver name, reported in the status (`sam-serial` or `simulator`). */
  readonly driver: string;
  /** Opens the link; called again after every loss. */
  readonly open: () => Promise<SerialLink>;
  /** Technician detail such as `/dev/ttyUSB0 @ 115200`. */
  readonly detail: string;
  readonly baudRate: number;
  /** Read with fingerprint (`30 10`) instead of text+photo (`30 01`). */
  readonly readFingerprint?: boolean;
  /** Pause between polls, milliseconds, at least MIN_POLL_INTERVAL_MS; default 500. */
  readonly pollIntervalMs?: number;
  /**
   * Added to each command's base timeout and wire time: USB-serial latency and event-loop
   * delay on a busy kiosk. Default 200 ms.
   */
  readonly timeoutSlackMs?: number;
  readonly backoff?: BackoffOptions;
  readonly logger?: Logger;
}

type ExchangeResult =
  | { readonly ok: true; readonly answer: Answer }
  | { readonly ok: false; readonly error: IdCardError };

class LinkLost extends Error {}

export class SamReader implements IdCardReader {
  readonly id: string;
  readonly family = 'idCard' as const;
  readonly driver: string;

  private readonly tracker: DeviceStatusTracker;
  private readonly events = new TypedEmitter<IdCardReaderEvents>();
  private readonly logger: Logger;
  private readonly backoff: Backoff;
  private readonly pollIntervalMs: number;
  private readonly slackMs: number;
  private readonly parser = new FrameParser();

  private link: SerialLink | null = null;
  private abort: AbortController | null = null;
  private loop: Promise<void> | null = null;
  /** Waiter for the answer to the command in flight. */
  private waiter: ((event: ExchangeResult | LinkLost) => void) | null = null;
  private inFlight: CommandName | null = null;
  /** Serial of the card last read while it still lies on the reader. */
  private cardOnReader: string | null = null;
  /**
   * A card that was selected but whose read answer was lost or garbled on the line. The SAM
   * has already activated it, so find answers 80; it is selected and read again on the next
   * polls, up to READ_ATTEMPTS in all.
   */
  private unread: { serial: string; attempts: number } | null = null;
  private silentCommands = 0;
  private samId: string | undefined;
  private everConnected = false;

  constructor(private readonly options: SamReaderOptions) {
    if (!Number.isInteger(options.baudRate) || options.baudRate <= 0) {
      throw new TypeError('SamReader: baudRate must be a positive integer (bits per second)');
    }
    const poll = options.pollIntervalMs ?? 500;
    if (poll < MIN_POLL_INTERVAL_MS) {
      throw new TypeError(`SamReader: pollIntervalMs must be at least ${MIN_POLL_INTERVAL_MS}`);
    }
    this.id = options.id ?? 'idCard';
    this.driver = options.driver;
    this.pollIntervalMs = poll;
    this.slackMs = options.timeoutSlackMs ?? 200;
    this.backoff = new Backoff(options.backoff ?? DEFAULT_BACKOFF);
    this.logger = (options.logger ?? silentLogger).child({ device: this.id });
    this.tracker = new DeviceStatusTracker(this.id, 'idCard', this.driver);
  }

  on<K extends keyof IdCardReaderEvents>(
    event: K,
    listener: (payload: IdCardReaderEvents[K]) => void,
  ): () => void {
    return this.events.on(event, listener);
  }

  status(): DeviceStatus {
    return this.tracker.status;
  }

  onStatus(listener: (status: DeviceStatus) => void): () => void {
    return this.tracker.on('status', listener);
  }

  async start(): Promise<void> {
    if (this.loop) return;
    const abort = new AbortController();
    this.abort = abort;
    this.tracker.setState('connecting', this.options.detail);
    const firstAttempt = this.connect(abort.signal);
    this.loop = firstAttempt.then(() => this.run(abort.signal));
    await firstAttempt;
  }

  async stop(): Promise<void> {
    if (!this.abort) return;
    this.abort.abort(new Error('stopped'));
    this.abort = null;
    const link = this.link;
    this.link = null;
    this.failWaiter(new LinkLost('stopped'));
    await link?.close();
    await this.loop?.catch(() => undefined);
    this.loop = null;
  }

  // ---- Connection ------------------------------------------------------------------------

  /** One attempt to open the link and check the SAM; leaves `link` null on failure. */
  private async connect(signal: AbortSignal): Promise<void> {
    if (signal.aborted) return;
    let link: SerialLink;
    try {
      link = await this.options.open();
    } catch (error) {
      this.lose(`cannot open: ${errorText(error)}`);
      return;
    }
    if (signal.aborted) {
      await link.close();
      return;
    }
    this.link = link;
    this.parser.reset();
    link.onData((chunk) => this.onBytes(link, chunk));
    link.onClose((error) => {
      if (this.link !== link) return;
      this.link = null;
      this.failWaiter(new LinkLost(error ? errorText(error) : 'port closed'));
    });
    this.backoff.reset();
    this.logger.info({
      event: this.everConnected ? 'device.reconnected' : 'device.connected',
      detail: this.options.detail,
    });
    this.everConnected = true;
    this.tracker.setState('connecting', this.options.detail);
  }

  /** The port is gone (or never opened): report once per loss and drop the link. */
  private lose(reason: string): void {
    const wasDisconnected = this.tracker.status.state === 'disconnected';
    this.link = null;
    this.cardOnReader = null;
    this.unread = null;
    this.samId = undefined;
    if (wasDisconnected) return;
    const error: IdCardError = {
      code: 'id-card.disconnected',
      message: `ID-card reader ${this.options.detail}: ${reason}`,
    };
    this.logger.warn({ event: 'device.disconnected', detail: this.options.detail, reason });
    this.tracker.recordError({ code: error.code, message: error.message });
    this.tracker.setState('disconnected', `${this.options.detail}: ${reason}`);
    this.events.emit('error', error);
  }

  // ---- Poll loop ---------------------------------------------------------------------------

  private async run(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      try {
        if (!this.link) {
          await sleep(this.backoff.next(), signal);
          await this.connect(signal);
          continue;
        }
        await this.poll();
        await sleep(this.pollIntervalMs, signal);
      } catch (error) {
        if (signal.aborted) return;
        if (error instanceof LinkLost) {
          this.lose(error.message);
          continue;
        }
        throw error;
      }
    }
  }

  /** One poll: SAM status, then find; on a new card select and read. */
  private async poll(): Promise<void> {
    const status = await this.exchange('samStatus');
    if (!status) return;
    if (status.sw3 !== SW3.SUCCESS) return this.samFault(status.sw3);
    if (this.samId === undefined) await this.readSamId();
    if (this.tracker.status.state !== 'ready') this.tracker.setState('ready', this.readyDetail());

    const find = await this.exchange('findCard');
    if (!find) return;
    if (find.sw3 === SW3.FIND_FAILED) {
      if (this.unread) return this.readAgain(this.unread.serial);
      return this.checkStillPresent();
    }
    if (find.sw3 !== SW3.FIND_SUCCESS) return this.failed('findCard', find.sw3);
    this.unread = null;

    const select = await this.exchange('selectCard');
    if (!select) return;
    if (select.sw3 !== SW3.SUCCESS) return this.failed('selectCard', select.sw3);
    const serial = hex(select.data);
    // Some readers re-find a card that was read and never left; reading it again would start
    // a second session for the same person.
    if (this.cardOnReader !== null && serial === this.cardOnReader) return;
    if (this.cardOnReader !== null) this.announceRemoved();

    await this.read(serial);
  }

  /** Selects the card whose answer was lost and, if it is still there, reads it again. */
  private async readAgain(serial: string): Promise<void> {
    const select = await this.exchange('selectCard');
    if (!select) return;
    if (select.sw3 !== SW3.SUCCESS || hex(select.data) !== serial) {
      this.unread = null;
      return;
    }
    await this.read(serial);
  }

  /**
   * After a read the SAM answers find with 80 while the card still lies there, exactly as
   * when it is gone. Select tells them apart: it still answers for the card in the field.
   */
  private async checkStillPresent(): Promise<void> {
    if (this.cardOnReader === null) return;
    const select = await this.exchange('selectCard');
    if (!select) return;
    if (select.sw3 === SW3.SUCCESS && hex(select.data) === this.cardOnReader) return;
    this.announceRemoved();
  }

  private announceRemoved(): void {
    this.cardOnReader = null;
    this.logger.info({ event: 'id-card.removed' });
    this.events.emit('removed', { at: new Date().toISOString() });
  }

  /** Port and SAM ID, for the technician screen. */
  private readyDetail(): string {
    return `${this.options.detail}${this.samId ? `, SAM ${this.samId}` : ''}`;
  }

  private async readSamId(): Promise<void> {
    const answer = await this.exchange('readSamId');
    if (!answer || answer.sw3 !== SW3.SUCCESS) return;
    const formatted = formatSamId(answer.data);
    if (formatted.ok) this.samId = formatted.value;
  }

  private async read(serial: string): Promise<void> {
    this.tracker.setState('busy', this.readyDetail());
    try {
      const command: CommandName = this.options.readFingerprint
        ? 'readTextWithFingerprint'
        : 'readText';
      const answer = await this.exchange(command);
      if (!answer) return this.lineFailedDuringRead(serial);
      this.unread = null;
      if (answer.sw3 !== SW3.SUCCESS) return this.failed(command, answer.sw3);

      const data = decodeCardData(answer.data, command === 'readTextWithFingerprint');
      if (!data.ok) return this.report({ code: 'id-card.bad-frame', message: data.error });
      const document = decodeTextBlock(data.value.text);
      if (!document.ok) {
        // The field name helps the technician; the value is never logged (personal data).
        return this.report({
          code: 'id-card.invalid-data',
          message: `card data rejected: ${document.error.field}: ${document.error.message}`,
        });
      }

      this.cardOnReader = serial;
      this.logger.info({
        event: 'id-card.read',
        documentType: document.value.documentType,
        idNumberMasked: maskIdentifier(document.value.idNumber),
      });
      this.events.emit('card', {
        document: document.value,
        photo: data.value.photo,
        ...(data.value.fingerprint ? { fingerprint: data.value.fingerprint } : {}),
        readAt: new Date().toISOString(),
      });
    } finally {
      if (this.tracker.status.state === 'busy') this.tracker.setState('ready', this.readyDetail());
    }
  }

  /** The read answer was lost or garbled (already reported): try again next poll, or give up. */
  private lineFailedDuringRead(serial: string): void {
    const attempts = (this.unread?.serial === serial ? this.unread.attempts : 0) + 1;
    if (attempts < READ_ATTEMPTS) {
      this.unread = { serial, attempts };
      return;
    }
    this.unread = null;
    this.report({
      code: 'id-card.read-failed',
      message: `no usable answer after ${READ_ATTEMPTS} reads; the card must be placed again`,
    });
  }

  private samFault(sw3: number): void {
    const info = describeSw3(sw3);
    if (this.tracker.status.state === 'fault') return;
    const error: IdCardError = {
      code: 'id-card.sam-fault',
      message: `SAM: ${info.meaning} (SW3 ${info.hex})`,
      sw3: info.hex,
    };
    this.logger.error({ event: 'id-card.sam-fault', sw3: info.hex, meaning: info.meaning });
    this.tracker.recordError({ code: error.code, message: error.message });
    this.tracker.setState('fault', error.message);
    this.events.emit('error', error);
  }

  private failed(command: CommandName, sw3: number): void {
    const info = describeSw3(sw3);
    if (info.category === 'sam') return this.samFault(sw3);
    this.report({
      code: info.category === 'card' ? 'id-card.read-failed' : 'id-card.bad-frame',
      message: `${command}: ${info.meaning} (SW3 ${info.hex})`,
      sw3: info.hex,
    });
  }

  private report(error: IdCardError): void {
    this.logger.warn({ event: 'id-card.read-failed', code: error.code, reason: error.message });
    this.tracker.recordError({ code: error.code, message: error.message });
    this.events.emit('error', error);
  }

  // ---- One command -------------------------------------------------------------------------

  /**
   * Sends a command and waits for its answer. Returns null when there was none worth using
   * (timeout, bad frame; already reported), throws LinkLost when the port went away.
   */
  private async exchange(name: CommandName): Promise<Answer | null> {
    const link = this.link;
    if (!link) throw new LinkLost('port closed');
    const timeoutMs =
      COMMAND_TIMEOUT_MS[name] +
      wireTimeMs(COMMAND_FRAME_BYTES + MAX_ANSWER_BYTES[name], this.options.baudRate) +
      this.slackMs;

    const outcome = await new Promise<ExchangeResult | LinkLost>((resolve) => {
      const timer = setTimeout(() => {
        this.waiter = null;
        this.inFlight = null;
        resolve({
          ok: false,
          error: {
            code: 'id-card.timeout',
            message: `${name}: no answer in ${Math.round(timeoutMs)} ms`,
          },
        });
      }, timeoutMs);
      this.inFlight = name;
      this.waiter = (event) => {
        clearTimeout(timer);
        this.waiter = null;
        this.inFlight = null;
        resolve(event);
      };
      link.write(encodeNamedCommand(name)).catch((error: unknown) => {
        this.failWaiter(new LinkLost(`write failed: ${errorText(error)}`));
      });
    });

    if (outcome instanceof LinkLost) throw outcome;
    if (outcome.ok) {
      this.silentCommands = 0;
      return outcome.answer;
    }

    this.parser.reset();
    if (outcome.error.code === 'id-card.timeout') {
      this.silentCommands++;
      if (this.silentCommands === SILENT_COMMANDS_BEFORE_NOT_ANSWERING) {
        this.logger.warn({ event: 'id-card.not-answering', detail: this.options.detail });
        this.tracker.recordError({ code: outcome.error.code, message: outcome.error.message });
        this.tracker.setState('connecting', `${this.options.detail}: reader not answering`);
        this.events.emit('error', outcome.error);
      }
      // Single timeouts during a read matter to the applicant; while idle they are noise.
      if (name === 'readText' || name === 'readTextWithFingerprint') this.report(outcome.error);
      return null;
    }
    this.report(outcome.error);
    return null;
  }

  private onBytes(link: SerialLink, chunk: Uint8Array): void {
    if (this.link !== link) return;
    for (const event of this.parser.push(chunk)) {
      if (!this.waiter || this.inFlight === null) continue; // Late answer: nobody waits.
      if (event.kind === 'frame') {
        const answer = decodeAnswer(event.body);
        if (!answer.ok) {
          this.waiter({ ok: false, error: { code: 'id-card.bad-frame', message: answer.error } });
        } else if (answerFits(this.inFlight, answer.value)) {
          this.waiter({ ok: true, answer: answer.value });
        }
        // An answer that cannot belong to the command in flight is the late answer to one
        // that timed out; it is dropped and the real answer is still awaited.
      } else if (event.kind === 'bad-checksum') {
        this.waiter({
          ok: false,
          error: { code: 'id-card.bad-frame', message: 'answer failed its XOR checksum' },
        });
      }
      // Junk and impossible lengths are skipped; the parser resynchronises on the preamble.
    }
  }

  private failWaiter(event: LinkLost): void {
    this.waiter?.(event);
  }
}

/**
 * Whether an answer can be the answer to `command`. SAM answers do not echo the command, so
 * a late answer to a timed-out command is recognised by its shape: failures carry no data;
 * successes carry 4 bytes (find), 8 (select), 16 (SAM ID), none (status, reset), or more
 * than any of those (card data, appended address).
 */
function answerFits(command: CommandName, answer: Answer): boolean {
  const n = answer.data.length;
  switch (answer.sw3) {
    case SW3.FIND_SUCCESS:
      return command === 'findCard' && n === 4;
    case SW3.NO_CONTENT:
      return command === 'readAppendedAddress' && n === 0;
    case SW3.SUCCESS:
      switch (command) {
        case 'resetSam':
        case 'samStatus':
          return n === 0;
        case 'readSamId':
          return n === 16;
        case 'selectCard':
          return n === 8;
        case 'findCard':
          return false;
        case 'readText':
        case 'readTextWithFingerprint':
        case 'readAppendedAddress':
          return n > 16;
        default: {
          const never: never = command;
          return never;
        }
      }
    default:
      return n === 0;
  }
}

function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex');
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
