/**
 * A fake ESC/POS receipt printer that speaks the real wire protocol, for demo mode, the dev
 * dock and tests. `FakePrinter` is the printer itself: it decodes every byte it receives into
 * receipts (text in both encodings, QR payloads, barcodes, joined raster bands, cuts), answers
 * `DLE EOT n` from a scriptable state, and can run out of paper mid-job, have its cover opened,
 * stop answering, or drop the connection. `FakePrinterTcpServer` and `FakePrinterSerialPort`
 * put it behind a real transport (a loopback socket, one end of a pty pair).
 */
import { createServer, type Server, type Socket } from 'node:net';
import { SerialPort } from 'serialport';
import { TypedEmitter } from '../common/emitter.js';
import { silentLogger, type Logger } from '../common/logger.js';
import { DLE, EOT, QR_FN_PRINT } from './escpos-bytes.js';
import {
  EscPosTokenizer,
  LINE_HEIGHT_DOTS,
  ReceiptAssembler,
  type DecodedReceipt,
  type EscPosToken,
} from './escpos-decoder.js';
import { renderReceiptPng } from './receipt-picture.js';
import { encodeStatusReplies, IDLE_STATUS_FLAGS, type PrinterStatusFlags } from './status.js';

/** One receipt the fake printer produced. */
export interface SimulatedReceipt {
  /** 1-based count since the simulator started. */
  readonly number: number;
  readonly receipt: DecodedReceipt;
  /** True when paper ran out, the cover opened or the connection dropped during the job. */
  readonly interrupted: boolean;
  readonly at: string;
}

export type FakePrinterEvents = {
  receipt: SimulatedReceipt;
  /** Asks the transport front ends to drop their connections (a cable pulled, power cut). */
  drop: undefined;
  state: PrinterStatusFlags;
};

export interface FakePrinterOptions {
  /** Printable width in dots for pictures: 384 (58 mm) or 576 (80 mm). Default 576. */
  readonly paperDots?: number;
  /** Paper left on the roll, in dots; `null` = endless. Default endless. */
  readonly paperRemainingDots?: number | null;
  readonly logger?: Logger;
}

/** Paper left (in dots) below which the near-end sensor trips: about 10 lines. */
const NEAR_END_DOTS = 10 * LINE_HEIGHT_DOTS;
/** Rough paper use of a QR code when its size is not known yet. */
const QR_ESTIMATE_DOTS = 200;
/** Rough paper use of a barcode with its text. */
const BARCODE_ESTIMATE_DOTS = 90;

/** Dots of paper a command uses (approximate for QR codes and barcodes). */
function paperUse(token: EscPosToken): number {
  switch (token.kind) {
    case 'lf':
      return LINE_HEIGHT_DOTS;
    case 'raster':
      return token.rows;
    case 'feed':
      return token.unit === 'lines' ? token.amount * LINE_HEIGHT_DOTS : token.amount;
    case 'barcode':
      return BARCODE_ESTIMATE_DOTS;
    case 'symbol':
      return token.fn === QR_FN_PRINT ? QR_ESTIMATE_DOTS : 0;
    default:
      return 0;
  }
}

/** Tokens that move paper (and so need paper, a closed cover and an online printer). */
const PRINTING_TOKENS = new Set<EscPosToken['kind']>([
  'text',
  'lf',
  'feed',
  'raster',
  'barcode',
  'cut',
  'symbol',
]);

/** Printed receipts the simulator keeps for the dev dock's pictures. */
export const KEPT_RECEIPTS = 50;

export class FakePrinter extends TypedEmitter<FakePrinterEvents> {
  readonly paperDots: number;
  private flags: PrinterStatusFlags = IDLE_STATUS_FLAGS;
  private paperRemaining: number | null;
  private answering = true;
  private dropAfter: number | null = null;
  private scheduledChange: { afterBytes: number; change: Partial<PrinterStatusFlags> } | null =
    null;
  private tokenizer = new EscPosTokenizer();
  private assembler = new ReceiptAssembler();
  private interrupted = false;
  /** Last two bytes of the previous chunk, so a `DLE EOT n` split across chunks is seen. */
  private realtimeTail: number[] = [];
  private readonly logger: Logger;
  /**
   * The receipts printed, oldest first: the last KEPT_RECEIPTS only, so a demo kiosk (or a soak)
   * that prints all day keeps a bounded amount; `number` keeps counting from the first.
   */
  readonly receipts: SimulatedReceipt[] = [];
  private printedCount = 0;
  /** Counters for tests and the dev dock. */
  readonly counters = { bytes: 0, statusRequests: 0, statusAnswered: 0, connections: 0 };

  constructor(options: FakePrinterOptions = {}) {
    super();
    this.paperDots = options.paperDots ?? 576;
    this.paperRemaining = options.paperRemainingDots ?? null;
    this.logger = options.logger ?? silentLogger;
  }

  // ---- scriptable state -------------------------------------------------------------------

  get state(): PrinterStatusFlags {
    return this.flags;
  }

  /** Paper left on the roll in dots; `null` for an endless roll. */
  get paperRemainingDots(): number | null {
    return this.paperRemaining;
  }

  get isAnswering(): boolean {
    return this.answering;
  }

  /** Sets any status flags directly (every bit of `DLE EOT 1..4` can be scripted). */
  setFlags(change: Partial<PrinterStatusFlags>): void {
    this.flags = { ...this.flags, ...change };
    this.logger.info({ event: 'printer-sim.state', ...change });
    this.emit('state', this.flags);
  }

  /** Opening the cover takes the printer offline until it is closed. */
  openCover(): void {
    this.setFlags({ coverOpen: true, offline: true });
  }

  closeCover(): void {
    this.setFlags({ coverOpen: false, offline: this.flags.paperEnd });
  }

  /** A new roll: `dots` of paper (default endless); clears paper end and near end. */
  loadPaper(dots: number | null = null): void {
    this.paperRemaining = dots;
    this.setFlags({
      paperEnd: false,
      stoppedByPaperEnd: false,
      paperNearEnd: dots !== null && dots <= NEAR_END_DOTS,
      offline: this.flags.coverOpen,
    });
  }

  /** The roll ends after this many more dots of printing (30 dots = one text line). */
  runOutOfPaperAfter(dots: number): void {
    this.paperRemaining = dots;
    if (dots <= NEAR_END_DOTS) this.setFlags({ paperNearEnd: true });
  }

  /** Stops (or resumes) answering status requests, like a one-way clone printer. */
  setAnswering(answering: boolean): void {
    this.answering = answering;
    this.logger.info({ event: 'printer-sim.answering', answering });
  }

  /** Drops every connection now. */
  dropConnection(): void {
    this.logger.info({ event: 'printer-sim.drop' });
    this.emit('drop', undefined);
  }

  /**
   * Changes status flags after `bytes` more bytes have arrived, e.g. the cover opened in the
   * middle of a job: `setFlagsAfter(100, { coverOpen: true, offline: true })`.
   */
  setFlagsAfter(bytes: number, change: Partial<PrinterStatusFlags>): void {
    this.scheduledChange = { afterBytes: bytes, change };
  }

  /** Drops the connection after `bytes` more bytes have arrived (mid-job). */
  dropConnectionAfter(bytes: number): void {
    this.dropAfter = bytes;
  }

  /** Everything printed since the last cut. */
  pending(): DecodedReceipt {
    return this.assembler.peek();
  }

  async receiptPng(receipt: SimulatedReceipt): Promise<Buffer> {
    return renderReceiptPng(receipt.receipt, this.paperDots);
  }

  // ---- the wire -----------------------------------------------------------------------------

  /** A transport front end reports a new connection. */
  connectionOpened(): void {
    this.counters.connections++;
  }

  /**
   * A connection ended: a half-received command is thrown away, as a printer does when its
   * interface buffer is reset, and a receipt cut short is kept as interrupted.
   */
  connectionClosed(): void {
    this.tokenizer = new EscPosTokenizer();
    this.realtimeTail = [];
    const partial = this.assembler.peek();
    // Blank lines after the last cut (the encoder ends jobs with LF) are not a receipt.
    const inked = partial.items.some(
      (i) => i.kind !== 'feed' && (i.kind !== 'line' || i.segments.some((s) => s.text.trim())),
    );
    if (inked) {
      this.interrupted = true;
      this.finishReceipt({ ...partial, cut: null });
    }
    this.assembler.discard();
  }

  /**
   * Takes bytes from the host, prints what can be printed and returns the status bytes to
   * send back. Returns `null` when the connection must drop now.
   */
  receive(chunk: Uint8Array): Uint8Array | null {
    const replies: number[] = [];
    let rest = chunk;
    for (;;) {
      // Scripted events fire between the exact bytes they were scheduled for.
      const dropIn = this.dropAfter ?? Infinity;
      const changeIn = this.scheduledChange?.afterBytes ?? Infinity;
      const next = Math.min(dropIn, changeIn);
      if (next > rest.length) {
        this.consume(rest, replies);
        if (this.dropAfter !== null) this.dropAfter -= rest.length;
        if (this.scheduledChange) this.scheduledChange.afterBytes -= rest.length;
        return Uint8Array.from(replies);
      }
      this.consume(rest.subarray(0, next), replies);
      rest = rest.subarray(next);
      if (this.dropAfter !== null) this.dropAfter -= next;
      if (this.scheduledChange) this.scheduledChange.afterBytes -= next;
      if (this.scheduledChange?.afterBytes === 0) {
        const { change } = this.scheduledChange;
        this.scheduledChange = null;
        this.setFlags(change);
      }
      if (this.dropAfter === 0) {
        this.dropAfter = null;
        this.dropConnection();
        return null;
      }
    }
  }

  private consume(data: Uint8Array, replies: number[]): void {
    if (data.length === 0) return;
    this.counters.bytes += data.length;
    for (const token of this.tokenizer.push(data)) this.play(token);
    replies.push(...this.realtimeReplies(data));
  }

  private play(token: EscPosToken): void {
    if (PRINTING_TOKENS.has(token.kind) && !this.canPrint()) {
      // Printing stopped; a real printer would wait, this one loses the rest of the job
      // (the kiosk reprints the whole receipt anyway). A lost blank feed loses nothing; a
      // cut still ends the receipt.
      if (token.kind !== 'lf' && token.kind !== 'feed') this.interrupted = true;
      if (token.kind === 'cut') {
        this.finishReceipt({ ...this.assembler.peek(), cut: null });
        this.assembler.discard();
      }
      return;
    }
    for (const receipt of this.assembler.play([token])) this.finishReceipt(receipt);
    this.usePaper(paperUse(token));
  }

  private canPrint(): boolean {
    const f = this.flags;
    return !(f.paperEnd || f.coverOpen || f.offline || f.cutterError || f.unrecoverableError);
  }

  private usePaper(dots: number): void {
    if (this.paperRemaining === null) return;
    this.paperRemaining -= dots;
    if (this.paperRemaining <= 0) {
      this.paperRemaining = 0;
      this.logger.info({ event: 'printer-sim.paper-end' });
      this.setFlags({ paperEnd: true, stoppedByPaperEnd: true, paperNearEnd: true, offline: true });
    } else if (this.paperRemaining <= NEAR_END_DOTS && !this.flags.paperNearEnd) {
      this.setFlags({ paperNearEnd: true });
    }
  }

  private finishReceipt(receipt: DecodedReceipt): void {
    const simulated: SimulatedReceipt = {
      number: ++this.printedCount,
      receipt,
      interrupted: this.interrupted,
      at: new Date().toISOString(),
    };
    this.interrupted = false;
    this.receipts.push(simulated);
    if (this.receipts.length > KEPT_RECEIPTS)
      this.receipts.splice(0, this.receipts.length - KEPT_RECEIPTS);
    this.logger.info({
      event: 'printer-sim.receipt',
      number: simulated.number,
      interrupted: simulated.interrupted,
      items: receipt.items.length,
    });
    this.emit('receipt', simulated);
  }

  /**
   * Real-time commands run the moment their bytes arrive, wherever they are, even inside
   * image data (Epson TM-T88 specification). The simulator does the same, so a driver that
   * lets `10 04 n` slip into raster data gets the stray replies a real printer would send.
   */
  private realtimeReplies(data: Uint8Array): Uint8Array {
    const bytes = [...this.realtimeTail, ...data];
    const replies: number[] = [];
    let consumed = 0;
    for (let i = 0; i + 2 < bytes.length; i++) {
      const n = bytes[i + 2] ?? 0;
      if (bytes[i] !== DLE || bytes[i + 1] !== EOT || n < 1 || n > 4) continue;
      this.counters.statusRequests++;
      if (this.answering) {
        replies.push(encodeStatusReplies(this.flags)[n - 1] ?? 0);
        this.counters.statusAnswered++;
      }
      i += 2;
      consumed = i + 1;
    }
    // Keep up to two unconsumed bytes: the start of a request split across chunks.
    this.realtimeTail = bytes.slice(Math.max(consumed, bytes.length - 2));
    return Uint8Array.from(replies);
  }
}

// ---- transport front ends ---------------------------------------------------------------------

/** The fake printer on a TCP port (raw 9100-style socket), 127.0.0.1 and a free port by default. */
export class FakePrinterTcpServer {
  private readonly sockets = new Set<Socket>();
  private readonly server: Server;
  private readonly unsubscribe: () => void;
  private boundPort = 0;

  private constructor(readonly printer: FakePrinter) {
    this.server = createServer((socket) => this.accept(socket));
    this.unsubscribe = printer.on('drop', () => {
      for (const socket of this.sockets) socket.destroy();
    });
  }

  static async listen(
    printer: FakePrinter,
    options: { host?: string; port?: number } = {},
  ): Promise<FakePrinterTcpServer> {
    const front = new FakePrinterTcpServer(printer);
    await new Promise<void>((resolve, reject) => {
      front.server.once('error', reject);
      front.server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
    });
    const address = front.server.address();
    front.boundPort = typeof address === 'object' && address ? address.port : 0;
    return front;
  }

  get port(): number {
    return this.boundPort;
  }

  private accept(socket: Socket): void {
    this.sockets.add(socket);
    this.printer.connectionOpened();
    socket.on('data', (chunk: Buffer) => {
      const reply = this.printer.receive(chunk);
      if (reply !== null && reply.length > 0 && !socket.destroyed) socket.write(reply);
    });
    socket.on('error', () => socket.destroy());
    socket.on('close', () => {
      this.sockets.delete(socket);
      this.printer.connectionClosed();
    });
  }

  async close(): Promise<void> {
    this.unsubscribe();
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** The fake printer on a serial line: opens the simulator end of a pty pair. */
export class FakePrinterSerialPort {
  private readonly unsubscribe: () => void;

  private constructor(
    readonly printer: FakePrinter,
    private readonly port: SerialPort,
  ) {
    this.unsubscribe = printer.on('drop', () => {
      if (this.port.isOpen) this.port.close();
    });
  }

  static async open(
    printer: FakePrinter,
    path: string,
    baudRate = 115200,
  ): Promise<FakePrinterSerialPort> {
    const port = new SerialPort({ path, baudRate, autoOpen: false });
    await new Promise<void>((resolve, reject) =>
      port.open((error) => (error ? reject(error) : resolve())),
    );
    printer.connectionOpened();
    port.on('data', (chunk: Buffer) => {
      const reply = printer.receive(chunk);
      if (reply && reply.length > 0 && port.isOpen) port.write(Buffer.from(reply));
    });
    port.on('close', () => printer.connectionClosed());
    return new FakePrinterSerialPort(printer, port);
  }

  async close(): Promise<void> {
    this.unsubscribe();
    if (!this.port.isOpen) return;
    await new Promise<void>((resolve) => this.port.close(() => resolve()));
  }
}
