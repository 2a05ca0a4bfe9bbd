/**
 * A decoder for the ESC/POS subset receipts use, for the simulator and tests. Pure, no I/O.
 *
 * Two stages: `EscPosTokenizer` splits a byte stream (in chunks of any size, as TCP or serial
 * deliver it) into commands; `ReceiptAssembler` plays those commands like a printer would
 * and yields one `DecodedReceipt` per cut: text lines (single-byte code tables and GB18030 in
 * two-byte mode), QR payloads, barcodes, raster images (consecutive bands joined) and feeds.
 * Command lengths follow the Epson ESC/POS command reference.
 */
import iconv from 'iconv-lite';
import {
  CR,
  DLE,
  ESC,
  FS,
  GS,
  HT,
  LF,
  QR_CN,
  QR_FN_ERROR_LEVEL,
  QR_FN_MODEL,
  QR_FN_MODULE_SIZE,
  QR_FN_PRINT,
  QR_FN_STORE,
} from './escpos-bytes.js';

export type EscPosToken =
  | { readonly kind: 'text'; readonly bytes: Uint8Array }
  | { readonly kind: 'lf' }
  | { readonly kind: 'init' }
  | { readonly kind: 'two-byte'; readonly on: boolean }
  | { readonly kind: 'code-table'; readonly table: number }
  | { readonly kind: 'bold'; readonly on: boolean }
  /** `ESC !`: bit 3 emphasised, bit 4 double height, bit 5 double width. */
  | { readonly kind: 'print-mode'; readonly value: number }
  /** `GS !`: width and height multipliers for single-byte text. */
  | { readonly kind: 'size'; readonly width: number; readonly height: number }
  /** `FS !`: double width / height for two-byte text. */
  | { readonly kind: 'kanji-size'; readonly width: number; readonly height: number }
  | { readonly kind: 'align'; readonly align: 'left' | 'center' | 'right' }
  | { readonly kind: 'feed'; readonly unit: 'lines' | 'dots'; readonly amount: number }
  /** `ESC 3 n` (dots) or `ESC 2` (`null`: back to the default): paper fed by each LF. */
  | { readonly kind: 'line-spacing'; readonly dots: number | null }
  /** `GS ( k`: a 2D symbol function; cn 49 is QR, 48 PDF417. */
  | {
      readonly kind: 'symbol';
      readonly cn: number;
      readonly fn: number;
      readonly params: Uint8Array;
    }
  | {
      readonly kind: 'barcode-setting';
      readonly setting: 'height' | 'module-width' | 'hri-position' | 'hri-font';
      readonly value: number;
    }
  | { readonly kind: 'barcode'; readonly symbology: number; readonly data: Uint8Array }
  | {
      readonly kind: 'raster';
      readonly mode: number;
      readonly widthBytes: number;
      readonly rows: number;
      readonly data: Uint8Array;
      /** Offset of the first data byte in the whole stream pushed so far. */
      readonly dataOffset: number;
    }
  | { readonly kind: 'cut'; readonly partial: boolean }
  | { readonly kind: 'status-request'; readonly n: number }
  /** A recognised command with no effect on the receipt's picture (e.g. `ESC M`, `GS P`). */
  | { readonly kind: 'setting'; readonly command: string }
  /** A byte that starts no known command; skipped. */
  | { readonly kind: 'unknown'; readonly byte: number };

type Parsed = { token: EscPosToken; length: number } | 'need-more';

const NEED_MORE = 'need-more' as const;

/** Fixed argument counts of commands that only change settings. */
const ESC_SETTING_ARGS: Readonly<Record<number, number>> = {
  0x2d: 1, // ESC - underline
  0x4d: 1, // ESC M font
  0x52: 1, // ESC R international set
  0x47: 1, // ESC G double strike
  0x7b: 1, // ESC { upside down
  0x56: 1, // ESC V rotate
  0x70: 3, // ESC p drawer pulse
  0x24: 2, // ESC $ absolute position
  0x5c: 2, // ESC \ relative position
  0x20: 1, // ESC SP right spacing
  0x3d: 1, // ESC = peripheral
  0x63: 2, // ESC c 3/4/5 n panel and sensors
  0x4c: 0, // ESC L page mode
  0x53: 0, // ESC S standard mode
  0x54: 1, // ESC T print direction
  0x57: 8, // ESC W print area
  0x55: 1, // ESC U unidirectional
  0x72: 1, // ESC r colour
  0x34: 1, // ESC 4 italic (some models)
};
const GS_SETTING_ARGS: Readonly<Record<number, number>> = {
  0x42: 1, // GS B reverse
  0x4c: 2, // GS L left margin
  0x57: 2, // GS W print area width
  0x50: 2, // GS P motion units
  0x61: 1, // GS a automatic status back
  0x72: 1, // GS r transmit status
  0x62: 1, // GS b smoothing
  0x49: 1, // GS I printer id
  0x54: 1, // GS T line start
  0x24: 2, // GS $ vertical position
  0x5c: 2, // GS \ relative vertical position
  0x3a: 0, // GS : macro
};
const FS_SETTING_ARGS: Readonly<Record<number, number>> = {
  0x2d: 1, // FS - kanji underline
  0x43: 1, // FS C code system
  0x53: 2, // FS S kanji spacing
  0x57: 1, // FS W kanji quadruple
  0x70: 2, // FS p NV bit image
};

const ALIGNS = ['left', 'center', 'right'] as const;

function setting(command: string, length: number): Parsed {
  return { token: { kind: 'setting', command }, length };
}

function concat(chunks: readonly Uint8Array[], length: number): Uint8Array {
  const out = new Uint8Array(length);
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.length;
  }
  return out;
}

function hex(byte: number): string {
  return byte.toString(16).padStart(2, '0');
}

/** Streaming tokenizer: keeps an incomplete command until the rest of it arrives. */
export class EscPosTokenizer {
  /** Chunks of an incomplete command, joined only once enough bytes are there. */
  private pending: Uint8Array[] = [];
  private pendingLength = 0;
  /**
   * Bytes the incomplete command needs in all, when its header told (an image band, a QR
   * store): a slow serial line delivers an 8 KiB band in hundreds of chunks, and re-parsing
   * after each one would copy the band hundreds of times.
   */
  private needed = 0;
  /** Set by `parse` when it knows the full length of a command it cannot finish yet. */
  private hint = 0;
  /** Stream offset of the first pending byte. */
  private base = 0;

  push(chunk: Uint8Array): EscPosToken[] {
    this.pending.push(chunk);
    this.pendingLength += chunk.length;
    if (this.pendingLength < this.needed) return [];

    const buffer = this.pending.length === 1 ? chunk : concat(this.pending, this.pendingLength);
    const tokens: EscPosToken[] = [];
    let pos = 0;
    this.needed = 0;
    while (pos < buffer.length) {
      this.hint = 0;
      const parsed = this.parse(buffer, pos);
      if (parsed === NEED_MORE) {
        this.needed = this.hint;
        break;
      }
      tokens.push(parsed.token);
      pos += parsed.length;
    }
    const rest = buffer.slice(pos);
    this.pending = rest.length > 0 ? [rest] : [];
    this.pendingLength = rest.length;
    this.base += pos;
    return tokens;
  }

  /** Bytes waiting for the rest of a command. */
  get pendingBytes(): number {
    return this.pendingLength;
  }

  /** NEED_MORE for a command whose total length (from `pos`) is already known. */
  private needTotal(length: number): typeof NEED_MORE {
    this.hint = length;
    return NEED_MORE;
  }

  private parse(b: Uint8Array, pos: number): Parsed {
    const byte = b[pos] ?? 0;
    if (byte >= 0x20) {
      let end = pos;
      while (end < b.length && (b[end] ?? 0) >= 0x20) end++;
      return { token: { kind: 'text', bytes: b.slice(pos, end) }, length: end - pos };
    }
    switch (byte) {
      case LF:
        return { token: { kind: 'lf' }, length: 1 };
      case CR:
        return setting('CR', 1);
      case HT:
        return { token: { kind: 'text', bytes: Uint8Array.of(0x20) }, length: 1 };
      case ESC:
        return this.parseEsc(b, pos);
      case GS:
        return this.parseGs(b, pos);
      case FS:
        return this.parseFs(b, pos);
      case DLE:
        return this.parseDle(b, pos);
      default:
        return { token: { kind: 'unknown', byte }, length: 1 };
    }
  }

  private parseEsc(b: Uint8Array, pos: number): Parsed {
    if (pos + 1 >= b.length) return NEED_MORE;
    const c = b[pos + 1] ?? 0;
    const arg = (i: number): number | undefined => b[pos + 2 + i];
    switch (c) {
      case 0x40: // ESC @
        return { token: { kind: 'init' }, length: 2 };
      case 0x32: // ESC 2: default line spacing
        return { token: { kind: 'line-spacing', dots: null }, length: 2 };
      case 0x69: // ESC i: partial cut (legacy)
      case 0x6d: // ESC m: partial cut (legacy)
        return { token: { kind: 'cut', partial: true }, length: 2 };
      case 0x44: {
        // ESC D n1..nk NUL: tab stops
        for (let i = pos + 2; i < b.length; i++) {
          if (b[i] === 0) return setting('ESC D', i - pos + 1);
        }
        return NEED_MORE;
      }
      case 0x2a: {
        // ESC * m nL nH d…: column image; 8-dot modes send n bytes, 24-dot modes 3n.
        if (pos + 4 >= b.length) return NEED_MORE;
        const m = arg(0) ?? 0;
        const n = (arg(1) ?? 0) + (arg(2) ?? 0) * 256;
        const length = 5 + (m >= 32 ? 3 * n : n);
        return pos + length <= b.length ? setting('ESC *', length) : NEED_MORE;
      }
    }
    const single: Record<number, (v: number) => EscPosToken> = {
      0x45: (v) => ({ kind: 'bold', on: (v & 1) === 1 }),
      0x21: (v) => ({ kind: 'print-mode', value: v }),
      0x74: (v) => ({ kind: 'code-table', table: v }),
      0x61: (v) => ({ kind: 'align', align: ALIGNS[v % 48] ?? 'left' }),
      0x64: (v) => ({ kind: 'feed', unit: 'lines', amount: v }),
      0x4a: (v) => ({ kind: 'feed', unit: 'dots', amount: v }),
      0x33: (v) => ({ kind: 'line-spacing', dots: v }),
    };
    const make = single[c];
    if (make) {
      const v = arg(0);
      return v === undefined ? NEED_MORE : { token: make(v), length: 3 };
    }
    const args = ESC_SETTING_ARGS[c];
    if (args !== undefined) {
      return pos + 2 + args <= b.length
        ? setting(`ESC ${String.fromCharCode(c)}`, 2 + args)
        : NEED_MORE;
    }
    return { token: { kind: 'unknown', byte: ESC }, length: 1 };
  }

  private parseGs(b: Uint8Array, pos: number): Parsed {
    if (pos + 1 >= b.length) return NEED_MORE;
    const c = b[pos + 1] ?? 0;
    const arg = (i: number): number | undefined => b[pos + 2 + i];
    const need = (n: number): boolean => pos + 2 + n > b.length;
    switch (c) {
      case 0x21: {
        // GS ! n: bits 4-6 width - 1, bits 0-2 height - 1
        if (need(1)) return NEED_MORE;
        const v = arg(0) ?? 0;
        return {
          token: { kind: 'size', width: ((v >> 4) & 7) + 1, height: (v & 7) + 1 },
          length: 3,
        };
      }
      case 0x68:
      case 0x77:
      case 0x48:
      case 0x66: {
        if (need(1)) return NEED_MORE;
        const names = {
          0x68: 'height',
          0x77: 'module-width',
          0x48: 'hri-position',
          0x66: 'hri-font',
        } as const;
        return {
          token: { kind: 'barcode-setting', setting: names[c], value: arg(0) ?? 0 },
          length: 3,
        };
      }
      case 0x56: {
        // GS V m [n]: m 0/48 full, 1/49 partial; 65/66 and 97..104 take a feed amount
        if (need(1)) return NEED_MORE;
        const m = arg(0) ?? 0;
        const withFeed = m >= 65;
        if (withFeed && need(2)) return NEED_MORE;
        const partial = m === 1 || m === 49 || m === 66 || m === 98 || m === 104;
        return { token: { kind: 'cut', partial }, length: withFeed ? 4 : 3 };
      }
      case 0x6b: {
        // GS k m: format A (m 0..6) ends at NUL; format B (m 65..79) has a length byte
        if (need(1)) return NEED_MORE;
        const m = arg(0) ?? 0;
        if (m <= 6) {
          for (let i = pos + 3; i < b.length; i++) {
            if (b[i] === 0) {
              return {
                token: { kind: 'barcode', symbology: m, data: b.slice(pos + 3, i) },
                length: i - pos + 1,
              };
            }
          }
          return NEED_MORE;
        }
        if (need(2)) return NEED_MORE;
        const n = arg(1) ?? 0;
        if (need(2 + n)) return NEED_MORE;
        return {
          token: { kind: 'barcode', symbology: m, data: b.slice(pos + 4, pos + 4 + n) },
          length: 4 + n,
        };
      }
      case 0x28: {
        // GS ( X pL pH …: every GS ( function carries its own length
        if (need(3)) return NEED_MORE;
        const fnLetter = arg(0) ?? 0;
        const p = (arg(1) ?? 0) + (arg(2) ?? 0) * 256;
        if (need(3 + p)) return this.needTotal(5 + p);
        const body = b.slice(pos + 5, pos + 5 + p);
        if (fnLetter === 0x6b && p >= 2) {
          return {
            token: { kind: 'symbol', cn: body[0] ?? 0, fn: body[1] ?? 0, params: body.slice(2) },
            length: 5 + p,
          };
        }
        return setting(`GS ( ${String.fromCharCode(fnLetter)}`, 5 + p);
      }
      case 0x38: {
        // GS 8 L p1..p4 …: long-form graphics, 4-byte length
        if (need(5)) return NEED_MORE;
        const p =
          (arg(1) ?? 0) +
          (arg(2) ?? 0) * 0x100 +
          (arg(3) ?? 0) * 0x10000 +
          (arg(4) ?? 0) * 0x1000000;
        return need(5 + p) ? NEED_MORE : setting('GS 8 L', 7 + p);
      }
      case 0x76: {
        // GS v 0 m xL xH yL yH d…: raster band, x bytes wide, y rows
        if (need(6)) return NEED_MORE;
        const mode = arg(1) ?? 0;
        const widthBytes = (arg(2) ?? 0) + (arg(3) ?? 0) * 256;
        const rows = (arg(4) ?? 0) + (arg(5) ?? 0) * 256;
        const size = widthBytes * rows;
        if (need(6 + size)) return this.needTotal(8 + size);
        const dataStart = pos + 8;
        return {
          token: {
            kind: 'raster',
            mode,
            widthBytes,
            rows,
            data: b.slice(dataStart, dataStart + size),
            dataOffset: this.base + dataStart,
          },
          length: 8 + size,
        };
      }
    }
    const args = GS_SETTING_ARGS[c];
    if (args !== undefined) {
      return need(args) ? NEED_MORE : setting(`GS ${String.fromCharCode(c)}`, 2 + args);
    }
    return { token: { kind: 'unknown', byte: GS }, length: 1 };
  }

  private parseFs(b: Uint8Array, pos: number): Parsed {
    if (pos + 1 >= b.length) return NEED_MORE;
    const c = b[pos + 1] ?? 0;
    if (c === 0x26) return { token: { kind: 'two-byte', on: true }, length: 2 };
    if (c === 0x2e) return { token: { kind: 'two-byte', on: false }, length: 2 };
    if (c === 0x21) {
      if (pos + 2 >= b.length) return NEED_MORE;
      const v = b[pos + 2] ?? 0;
      return {
        token: { kind: 'kanji-size', width: v & 0x04 ? 2 : 1, height: v & 0x08 ? 2 : 1 },
        length: 3,
      };
    }
    const args = FS_SETTING_ARGS[c];
    if (args !== undefined) {
      return pos + 2 + args <= b.length
        ? setting(`FS ${String.fromCharCode(c)}`, 2 + args)
        : NEED_MORE;
    }
    return { token: { kind: 'unknown', byte: FS }, length: 1 };
  }

  private parseDle(b: Uint8Array, pos: number): Parsed {
    if (pos + 2 >= b.length) return NEED_MORE;
    const c = b[pos + 1] ?? 0;
    const n = b[pos + 2] ?? 0;
    if (c === 0x04) return { token: { kind: 'status-request', n }, length: 3 };
    if (c === 0x05) return setting('DLE ENQ', 3);
    if (c === 0x14) {
      // DLE DC4 fn m t: real-time pulse / power-off; three argument bytes
      return pos + 5 <= b.length ? setting('DLE DC4', 5) : NEED_MORE;
    }
    return { token: { kind: 'unknown', byte: DLE }, length: 1 };
  }
}

// ---------------------------------------------------------------------------------------------

export interface PrintedSegment {
  readonly text: string;
  /** Sent as GB18030 in two-byte mode (otherwise a single-byte code table). */
  readonly twoByte: boolean;
  readonly bold: boolean;
  readonly width: number;
  readonly height: number;
}

export type PrintedItem =
  | {
      readonly kind: 'line';
      readonly segments: readonly PrintedSegment[];
      readonly align: 'left' | 'center' | 'right';
    }
  | {
      readonly kind: 'qr';
      readonly payload: string;
      readonly moduleSize: number;
      readonly errorLevel: 'L' | 'M' | 'Q' | 'H';
      readonly align: 'left' | 'center' | 'right';
    }
  | {
      readonly kind: 'barcode';
      readonly symbology: string;
      /** Human-readable content (Code128 code-set prefixes removed). */
      readonly data: string;
      readonly heightDots: number;
      readonly moduleWidth: number;
      readonly textBelow: boolean;
      readonly align: 'left' | 'center' | 'right';
    }
  | {
      readonly kind: 'raster';
      readonly width: number;
      readonly height: number;
      /** One byte per dot, 1 = black, row-major; bands already joined. */
      readonly dots: Uint8Array;
      readonly bands: number;
      readonly align: 'left' | 'center' | 'right';
    }
  | { readonly kind: 'feed'; readonly dots: number };

export interface DecodedReceipt {
  readonly items: readonly PrintedItem[];
  /** How the receipt ended; `null` for bytes still waiting for a cut. */
  readonly cut: 'full' | 'partial' | null;
}

/** Text of each printed line, segments joined. */
export function receiptLines(receipt: DecodedReceipt): string[] {
  return receipt.items.flatMap((item) =>
    item.kind === 'line' ? [item.segments.map((s) => s.text).join('')] : [],
  );
}

export function receiptQrPayloads(receipt: DecodedReceipt): string[] {
  return receipt.items.flatMap((item) => (item.kind === 'qr' ? [item.payload] : []));
}

/** Epson `ESC t n` code tables the decoder reads, as iconv-lite encodings. */
const CODE_TABLES: Readonly<Record<number, string>> = {
  0: 'cp437',
  2: 'cp850',
  3: 'cp860',
  4: 'cp863',
  5: 'cp865',
  16: 'windows1252',
  17: 'cp866',
  18: 'cp852',
  19: 'cp858',
};

const BARCODE_NAMES: Readonly<Record<number, string>> = {
  0: 'upca',
  1: 'upce',
  2: 'ean13',
  3: 'ean8',
  4: 'code39',
  5: 'itf',
  6: 'codabar',
  65: 'upca',
  66: 'upce',
  67: 'ean13',
  68: 'ean8',
  69: 'code39',
  70: 'itf',
  71: 'codabar',
  72: 'code93',
  73: 'code128',
  74: 'gs1-128',
  75: 'gs1-databar-omni',
  76: 'gs1-databar-truncated',
  77: 'gs1-databar-limited',
  78: 'gs1-databar-expanded',
  79: 'code128-auto',
};

const QR_LEVELS = { 48: 'L', 49: 'M', 50: 'Q', 51: 'H' } as const;

/** Default line spacing: 1/6 inch at 180 dpi = 30 dots (Epson `ESC 2`). */
export const LINE_HEIGHT_DOTS = 30;

/** Code128 data as text: `{A`/`{B` switch code sets, `{C` digits come as one byte per pair. */
function code128Text(data: Uint8Array): string {
  let out = '';
  let set: 'A' | 'B' | 'C' = 'B';
  for (let i = 0; i < data.length; i++) {
    const byte = data[i] ?? 0;
    if (byte === 0x7b && i + 1 < data.length) {
      const next = String.fromCharCode(data[i + 1] ?? 0);
      if (next === 'A' || next === 'B' || next === 'C') {
        set = next;
        i++;
        continue;
      }
      if (next === '{') {
        out += '{';
        i++;
        continue;
      }
    }
    out += set === 'C' ? byte.toString().padStart(2, '0') : String.fromCharCode(byte);
  }
  return out;
}

/**
 * Plays tokens like a printer and collects printed items; each cut completes a receipt.
 * Keeps state across pushes, as a printer keeps its mode between jobs.
 */
export class ReceiptAssembler {
  private items: PrintedItem[] = [];
  private segments: PrintedSegment[] = [];
  private textBytes: number[] = [];
  private twoByte = false;
  private codeTable = 0;
  private bold = false;
  private size = { width: 1, height: 1 };
  private kanjiSize = { width: 1, height: 1 };
  private align: 'left' | 'center' | 'right' = 'left';
  /** Dots an LF feeds; `null` = the default (one text line). */
  private lineSpacing: number | null = null;
  private barcode = { height: 162, moduleWidth: 3, hri: 0 };
  private qr = { data: new Uint8Array(0), moduleSize: 3, level: 'L' as 'L' | 'M' | 'Q' | 'H' };
  private rasterOpen = false;

  /** Plays tokens; returns the receipts completed by cuts among them. */
  play(tokens: readonly EscPosToken[]): DecodedReceipt[] {
    const done: DecodedReceipt[] = [];
    for (const token of tokens) {
      const receipt = this.playOne(token);
      if (receipt) done.push(receipt);
    }
    return done;
  }

  /** What has printed since the last cut (for a job stopped before its cut). */
  peek(): DecodedReceipt {
    this.flushSegment();
    const pendingLine =
      this.segments.length > 0
        ? [{ kind: 'line' as const, segments: [...this.segments], align: this.align }]
        : [];
    return { items: [...this.items, ...pendingLine], cut: null };
  }

  /** Drops everything printed since the last cut (paper torn off without a cut). */
  discard(): void {
    this.items = [];
    this.segments = [];
    this.textBytes = [];
  }

  private playOne(token: EscPosToken): DecodedReceipt | null {
    if (token.kind !== 'raster' && token.kind !== 'setting') this.rasterOpen = false;
    switch (token.kind) {
      case 'text':
        for (const byte of token.bytes) this.textBytes.push(byte);
        return null;
      case 'lf':
        this.endLine();
        return null;
      case 'line-spacing':
        this.lineSpacing = token.dots;
        return null;
      case 'init':
        this.flushSegment();
        this.lineSpacing = null;
        this.twoByte = false;
        this.codeTable = 0;
        this.bold = false;
        this.size = { width: 1, height: 1 };
        this.kanjiSize = { width: 1, height: 1 };
        this.align = 'left';
        return null;
      case 'two-byte':
        this.flushSegment();
        this.twoByte = token.on;
        return null;
      case 'code-table':
        this.flushSegment();
        this.codeTable = token.table;
        return null;
      case 'bold':
        this.flushSegment();
        this.bold = token.on;
        return null;
      case 'print-mode':
        this.flushSegment();
        this.bold = (token.value & 0x08) !== 0;
        this.size = {
          width: token.value & 0x20 ? 2 : 1,
          height: token.value & 0x10 ? 2 : 1,
        };
        return null;
      case 'size':
        this.flushSegment();
        this.size = { width: token.width, height: token.height };
        return null;
      case 'kanji-size':
        this.flushSegment();
        this.kanjiSize = { width: token.width, height: token.height };
        return null;
      case 'align':
        this.align = token.align;
        return null;
      case 'feed':
        this.endLineIfAny();
        this.items.push({
          kind: 'feed',
          dots: token.unit === 'lines' ? token.amount * LINE_HEIGHT_DOTS : token.amount,
        });
        return null;
      case 'symbol':
        this.playSymbol(token.cn, token.fn, token.params);
        return null;
      case 'barcode-setting':
        if (token.setting === 'height') this.barcode.height = token.value;
        if (token.setting === 'module-width') this.barcode.moduleWidth = token.value;
        if (token.setting === 'hri-position') this.barcode.hri = token.value;
        return null;
      case 'barcode': {
        this.endLineIfAny();
        const symbology = BARCODE_NAMES[token.symbology] ?? `unknown-${token.symbology}`;
        const isCode128 = token.symbology === 73;
        this.items.push({
          kind: 'barcode',
          symbology,
          data: isCode128 ? code128Text(token.data) : Buffer.from(token.data).toString('latin1'),
          heightDots: this.barcode.height,
          moduleWidth: this.barcode.moduleWidth,
          textBelow: this.barcode.hri === 2 || this.barcode.hri === 3 || this.barcode.hri === 50,
          align: this.align,
        });
        return null;
      }
      case 'raster':
        this.playRaster(token);
        return null;
      case 'cut': {
        this.endLineIfAny();
        const receipt: DecodedReceipt = {
          items: this.items,
          cut: token.partial ? 'partial' : 'full',
        };
        this.items = [];
        return receipt;
      }
      case 'status-request':
      case 'setting':
      case 'unknown':
        return null;
      default: {
        const never: never = token;
        throw new TypeError(`unhandled token ${JSON.stringify(never)}`);
      }
    }
  }

  private playSymbol(cn: number, fn: number, params: Uint8Array): void {
    if (cn !== QR_CN) return;
    switch (fn) {
      case QR_FN_MODEL:
        return;
      case QR_FN_MODULE_SIZE:
        this.qr.moduleSize = params[0] ?? 3;
        return;
      case QR_FN_ERROR_LEVEL:
        this.qr.level = QR_LEVELS[(params[0] ?? 48) as 48 | 49 | 50 | 51] ?? 'L';
        return;
      case QR_FN_STORE:
        // params: m (0x30), then the data
        this.qr.data = params.slice(1);
        return;
      case QR_FN_PRINT:
        this.endLineIfAny();
        this.items.push({
          kind: 'qr',
          payload: Buffer.from(this.qr.data).toString('utf8'),
          moduleSize: this.qr.moduleSize,
          errorLevel: this.qr.level,
          align: this.align,
        });
        return;
    }
  }

  private playRaster(token: Extract<EscPosToken, { kind: 'raster' }>): void {
    this.endLineIfAny();
    const width = token.widthBytes * 8;
    const dots = new Uint8Array(width * token.rows);
    for (let i = 0; i < dots.length; i++) {
      const byte = token.data[i >> 3] ?? 0;
      // MSB is the leftmost dot; 1 = black.
      dots[i] = (byte >> (7 - (i & 7))) & 1;
    }
    const last = this.items[this.items.length - 1];
    if (this.rasterOpen && last?.kind === 'raster' && last.width === width) {
      const joined = new Uint8Array(last.dots.length + dots.length);
      joined.set(last.dots, 0);
      joined.set(dots, last.dots.length);
      this.items[this.items.length - 1] = {
        ...last,
        height: last.height + token.rows,
        dots: joined,
        bands: last.bands + 1,
      };
    } else {
      this.items.push({
        kind: 'raster',
        width,
        height: token.rows,
        dots,
        bands: 1,
        align: this.align,
      });
    }
    this.rasterOpen = true;
  }

  private flushSegment(): void {
    if (this.textBytes.length === 0) return;
    const bytes = Buffer.from(this.textBytes);
    this.textBytes = [];
    const size = this.twoByte ? this.kanjiSize : this.size;
    const text = this.twoByte
      ? iconv.decode(bytes, 'gb18030')
      : iconv.decode(bytes, CODE_TABLES[this.codeTable] ?? 'cp437');
    this.segments.push({
      text,
      twoByte: this.twoByte,
      bold: this.bold,
      width: size.width,
      height: size.height,
    });
  }

  private endLine(): void {
    this.flushSegment();
    if (this.segments.length === 0 && this.lineSpacing !== null) {
      // A bare LF under `ESC 3 n` feeds n dots (0 after an image: no blank line).
      if (this.lineSpacing > 0) this.items.push({ kind: 'feed', dots: this.lineSpacing });
      return;
    }
    this.items.push({ kind: 'line', segments: this.segments, align: this.align });
    this.segments = [];
  }

  private endLineIfAny(): void {
    this.flushSegment();
    if (this.segments.length > 0) this.endLine();
  }
}

/** Decodes a complete byte stream in one go (tests, CLI dumps). */
export function decodeEscPos(bytes: Uint8Array): {
  receipts: DecodedReceipt[];
  trailing: DecodedReceipt;
  tokens: EscPosToken[];
} {
  const tokenizer = new EscPosTokenizer();
  const assembler = new ReceiptAssembler();
  const tokens = tokenizer.push(bytes);
  const receipts = assembler.play(tokens);
  return { receipts, trailing: assembler.peek(), tokens };
}

export { hex as byteHex };
