/**
 * Finds every barcode on an image (a scanned page, a photographed receipt) with zxing-wasm in a
 * worker thread, so a 300-dpi page never blocks the service's event loop. The service calls
 * this to find codes on scanned pages; drivers do not combine devices.
 *
 * ```ts
 * const decoder = createImageDecoder();
 * const symbols = await decoder.decode(pngBuffer, { formats: ['qr'] });
 * await decoder.close();
 * ```
 *
 * Inputs: an encoded PNG/JPEG (`Uint8Array`/`Buffer`), or raw pixels `{ data, width, height }`
 * with 1 (gray), 3 (RGB) or 4 (RGBA) channels; gray is fastest (no conversion at all).
 */
import { Worker } from 'node:worker_threads';
import { classifyCode, type ClassifiedCode } from '../common/codes.js';
import { parseGs1Hri, type Gs1Element } from '../common/gs1.js';
import { silentLogger, type Logger } from '../common/logger.js';
import { describeAimIdentifier, type SymbologyName } from './aim.js';
import { decodePayload } from './text-encoding.js';

/** Formats the kiosk asks for by name; zxing-wasm's names are mapped below. */
export type ImageCodeFormat =
  | 'qr'
  | 'micro-qr'
  | 'pdf417'
  | 'code128'
  | 'code39'
  | 'datamatrix'
  | 'aztec'
  | 'ean-13'
  | 'ean-8'
  | 'itf'
  | 'gs1-databar';

const ZXING_FORMATS: Readonly<Record<ImageCodeFormat, string>> = {
  qr: 'QRCode',
  'micro-qr': 'MicroQRCode',
  pdf417: 'PDF417',
  code128: 'Code128',
  code39: 'Code39',
  datamatrix: 'DataMatrix',
  aztec: 'Aztec',
  'ean-13': 'EAN13',
  'ean-8': 'EAN8',
  itf: 'ITF',
  'gs1-databar': 'DataBar',
};

export const IMAGE_CODE_FORMATS = Object.keys(ZXING_FORMATS) as readonly ImageCodeFormat[];

export interface RawImage {
  readonly data: Uint8Array | Uint8ClampedArray;
  readonly width: number;
  readonly height: number;
  /** Bytes per pixel; default: `data.length / (width * height)`. */
  readonly channels?: 1 | 3 | 4;
}

export interface DecodeHints {
  /** Only look for these (much faster); default: every format. GS1-128 is `code128`. */
  readonly formats?: readonly ImageCodeFormat[];
  /**
   * Light-on-dark codes. `fallback` (default): search the negative only when the page as it is
   * has no code, which halves the time of ordinary pages; `always`: search both (a page mixing
   * dark and light codes); `false`: never.
   */
  readonly tryInvert?: 'fallback' | 'always' | false;
  /** Spend more time on hard images (rotation, small modules); default true. */
  readonly tryHarder?: boolean;
  /** Stop after this many symbols; default 255. */
  readonly maxSymbols?: number;
}

export interface Point {
  readonly x: number;
  readonly y: number;
}

export interface DecodedSymbol {
  /** zxing-wasm's format name, e.g. `QRCode`, `DataMatrix`. */
  readonly format: string;
  readonly symbology: SymbologyName;
  /** AIM identifier of the symbol, e.g. `]Q1`, `]d2`. */
  readonly symbologyIdentifier: string;
  /** Text; GS1 content in the bracketed form `(01)…(10)…`. */
  readonly text: string;
  readonly gs1?: readonly Gs1Element[];
  readonly code: ClassifiedCode;
  /** Corners in image pixels, in the symbol's reading orientation. */
  readonly position: {
    readonly topLeft: Point;
    readonly topRight: Point;
    readonly bottomRight: Point;
    readonly bottomLeft: Point;
  };
  /** Axis-aligned box around the corners, in image pixels. */
  readonly box: {
    readonly x: number;
    readonly y: number;
    readonly width: number;
    readonly height: number;
  };
  /** Rotation of the symbol, degrees. */
  readonly orientation: number;
  /** Light modules on a dark background. */
  readonly inverted: boolean;
}

export interface DecodeResult {
  readonly symbols: DecodedSymbol[];
  /** Time spent in the worker (decoding included, queueing excluded), milliseconds. */
  readonly workerMs: number;
}

export interface ImageDecoder {
  /** Every symbol found on the image, in no particular order; empty if none. */
  decode(image: RawImage | Uint8Array, hints?: DecodeHints): Promise<DecodedSymbol[]>;
  /** Same, with the worker's timing, for benchmarks and logs. */
  decodeTimed(image: RawImage | Uint8Array, hints?: DecodeHints): Promise<DecodeResult>;
  /** Ends the worker; pending decodes fail. Safe to call twice. */
  close(): Promise<void>;
}

export interface ImageDecoderOptions {
  readonly logger?: Logger;
  /** Path of `zxing_reader.wasm` when the app ships it elsewhere (packaged Electron). */
  readonly wasmPath?: string;
  /**
   * Where `image-decoder.worker.mjs` is when a bundler moved this module away from it
   * (packaged Electron); default: next to this module.
   */
  readonly workerUrl?: URL | string;
  /** A decode that takes longer ends the worker (it is restarted); default 30 s. */
  readonly timeoutMs?: number;
}

const WORKER_URL = new URL('./image-decoder.worker.mjs', import.meta.url);
const DEFAULT_TIMEOUT_MS = 30_000;

type WorkerImage =
  | { kind: 'pixels'; data: Uint8Array; width: number; height: number; channels: number }
  | { kind: 'encoded'; bytes: Uint8Array };

interface WorkerSymbol {
  format: string;
  symbologyIdentifier: string;
  text: string;
  bytes: Uint8Array;
  hasECI: boolean;
  contentType: string;
  position: DecodedSymbol['position'];
  orientation: number;
  inverted: boolean;
}

type WorkerReply =
  | { id: number; ok: true; symbols: WorkerSymbol[]; ms: number }
  | { id: number; ok: false; error: string };

interface Pending {
  /** The worker the request went to: only its own crash or exit fails the request. */
  worker: Worker;
  resolve: (r: DecodeResult) => void;
  reject: (e: Error) => void;
  timer: NodeJS.Timeout;
}

/** Starts a decoder; the worker (and the WASM, ~25 ms) loads on the first decode. */
export function createImageDecoder(options: ImageDecoderOptions = {}): ImageDecoder {
  const logger = options.logger ?? silentLogger;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const pending = new Map<number, Pending>();
  let worker: Worker | undefined;
  let nextId = 1;
  let closed = false;

  const failAll = (error: Error, of?: Worker): void => {
    for (const [id, p] of pending) {
      if (of !== undefined && p.worker !== of) continue;
      clearTimeout(p.timer);
      p.reject(error);
      pending.delete(id);
    }
  };

  const ensureWorker = (): Worker => {
    if (worker) return worker;
    const w = new Worker(options.workerUrl ?? WORKER_URL, {
      workerData: options.wasmPath ? { wasmPath: options.wasmPath } : {},
    });
    w.on('message', (reply: WorkerReply) => {
      const p = pending.get(reply.id);
      if (!p) return;
      pending.delete(reply.id);
      clearTimeout(p.timer);
      if (reply.ok) p.resolve({ symbols: reply.symbols.map(toDecodedSymbol), workerMs: reply.ms });
      else p.reject(new Error(`barcode image decoding failed: ${reply.error}`));
    });
    w.on('error', (e) => {
      logger.error({ event: 'barcode.decoder-crashed', error: e.message });
      failAll(new Error(`barcode decoder worker crashed: ${e.message}`), w);
    });
    w.on('exit', () => {
      if (worker === w) worker = undefined;
      failAll(new Error('barcode decoder worker exited'), w);
    });
    worker = w;
    return w;
  };

  const decodeTimed = (
    image: RawImage | Uint8Array,
    hints: DecodeHints = {},
  ): Promise<DecodeResult> => {
    if (closed) return Promise.reject(new Error('image decoder is closed'));
    const workerImage = toWorkerImage(image);
    const w = ensureWorker();
    const id = nextId++;
    return new Promise<DecodeResult>((resolve, reject) => {
      const timer = setTimeout(() => {
        pending.delete(id);
        logger.warn({ event: 'barcode.decode-timeout', timeoutMs });
        reject(new Error(`barcode image decoding took longer than ${timeoutMs} ms`));
        // The next decode gets a fresh worker; this one is ended, its other requests fail.
        if (worker === w) worker = undefined;
        void w.terminate();
      }, timeoutMs);
      pending.set(id, { worker: w, resolve, reject, timer });
      w.postMessage({
        id,
        image: workerImage,
        hints: { reader: toReaderOptions(hints), invertFallback: invertMode(hints) === 'fallback' },
      });
    });
  };

  return {
    decodeTimed,
    decode: async (image, hints) => (await decodeTimed(image, hints)).symbols,
    close: async () => {
      closed = true;
      const w = worker;
      worker = undefined;
      failAll(new Error('image decoder is closed'));
      if (w) await w.terminate();
    },
  };
}

function toWorkerImage(image: RawImage | Uint8Array): WorkerImage {
  if (image instanceof Uint8Array) {
    if (image.length === 0) throw new TypeError('decode: the encoded image is empty');
    return { kind: 'encoded', bytes: image };
  }
  const { width, height } = image;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width <= 0 || height <= 0) {
    throw new TypeError(
      `decode: width and height must be positive integers, got ${width}×${height}`,
    );
  }
  const channels = image.channels ?? image.data.length / (width * height);
  if (channels !== 1 && channels !== 3 && channels !== 4) {
    throw new TypeError(
      `decode: ${image.data.length} bytes is not 1, 3 or 4 channels of ${width}×${height}`,
    );
  }
  if (image.data.length !== width * height * channels) {
    throw new TypeError(
      `decode: expected ${width * height * channels} bytes for ${width}×${height}×${channels}`,
    );
  }
  const data = new Uint8Array(image.data.buffer, image.data.byteOffset, image.data.length);
  return { kind: 'pixels', data, width, height, channels };
}

function toReaderOptions(hints: DecodeHints): Record<string, unknown> {
  return {
    formats: (hints.formats ?? []).map((f) => ZXING_FORMATS[f]),
    tryInvert: invertMode(hints) === 'always',
    tryHarder: hints.tryHarder ?? true,
    maxNumberOfSymbols: hints.maxSymbols ?? 255,
    // HRI: GS1 content comes back as "(01)…(10)…", the form classifyCode reads.
    textMode: 'HRI',
  };
}

function invertMode(hints: DecodeHints): 'fallback' | 'always' | false {
  return hints.tryInvert ?? 'fallback';
}

function toDecodedSymbol(s: WorkerSymbol): DecodedSymbol {
  const aim = describeAimIdentifier(s.symbologyIdentifier);
  // Without an ECI, ZXing guesses the character set; the kiosk's own UTF-8/GBK detection is
  // the same one the readers use, so a code reads alike on paper and in a reader.
  const text =
    !s.hasECI && s.contentType === 'Text' && s.bytes.some((b) => b >= 0x80)
      ? decodePayload(s.bytes).text
      : s.text;
  const gs1 = s.contentType === 'GS1' ? parseGs1Hri(text) : undefined;
  const xs = [
    s.position.topLeft.x,
    s.position.topRight.x,
    s.position.bottomRight.x,
    s.position.bottomLeft.x,
  ];
  const ys = [
    s.position.topLeft.y,
    s.position.topRight.y,
    s.position.bottomRight.y,
    s.position.bottomLeft.y,
  ];
  const x = Math.min(...xs);
  const y = Math.min(...ys);
  return {
    format: s.format,
    symbology: aim?.symbology ?? 'unknown',
    symbologyIdentifier: s.symbologyIdentifier,
    text,
    ...(gs1?.ok ? { gs1: gs1.value } : {}),
    code: classifyCode(text, { symbologyIdentifier: s.symbologyIdentifier }),
    position: s.position,
    box: { x, y, width: Math.max(...xs) - x, height: Math.max(...ys) - y },
    orientation: s.orientation,
    inverted: s.inverted,
  };
}
