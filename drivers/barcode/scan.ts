/**
 * One scanned code as every reader reports it, whatever the transport: symbology, text,
 * GS1 elements when the code carries them, and what the kiosk makes of it (`code`).
 */
import { classifyCode, type ClassifiedCode } from '../common/codes.js';
import { parseGs1Hri, parseGs1Raw, type Gs1Element } from '../common/gs1.js';
import { splitAimPrefix, type SymbologyName } from './aim.js';
import { decodePayload, type PayloadEncoding } from './text-encoding.js';

export interface BarcodeScan {
  /** Reader id from config, e.g. `barcode.0`. */
  readonly readerId: string;
  readonly symbology: SymbologyName;
  /** The AIM identifier (`]Q1`) when the reader sent one. */
  readonly symbologyIdentifier?: string;
  /** Payload as text; GS1 separators stay as GS (`\u001d`). */
  readonly text: string;
  readonly encoding: PayloadEncoding;
  /** Set when neither UTF-8 nor GB18030 decoded cleanly. */
  readonly lossy?: boolean;
  /** GS1 application identifiers, when the symbology says GS1 (or the text is GS1 HRI). */
  readonly gs1?: readonly Gs1Element[];
  /** What the kiosk makes of it (docs/codes.md). */
  readonly code: ClassifiedCode;
  /** ISO time the code was complete. */
  readonly at: string;
}

export interface InterpretOptions {
  readonly readerId: string;
  /** The AIM identifier when the transport delivers it apart from the data (HID POS). */
  readonly symbologyIdentifier?: string;
  readonly now?: Date;
}

/** Interprets the raw bytes of one complete scan (suffix already removed). */
export function interpretScan(bytes: Uint8Array, options: InterpretOptions): BarcodeScan {
  const inline = splitAimPrefix(bytes);
  // A reader that reports the identifier apart (Honeywell's AIM field) may also be set to
  // prefix it to the data; the same identifier is then not part of the text.
  const split = options.symbologyIdentifier
    ? {
        aim: describeOrUndefined(options.symbologyIdentifier),
        payload: inline.aim?.identifier === options.symbologyIdentifier ? inline.payload : bytes,
      }
    : inline;
  const decoded = decodePayload(split.payload);
  const now = options.now ?? new Date();
  const aim = split.aim;

  const gs1Parsed = aim?.gs1
    ? parseGs1Raw(decoded.text)
    : decoded.text.startsWith('(')
      ? parseGs1Hri(decoded.text)
      : undefined;

  return {
    readerId: options.readerId,
    symbology: aim?.symbology ?? 'unknown',
    ...(aim ? { symbologyIdentifier: aim.identifier } : {}),
    text: decoded.text,
    encoding: decoded.encoding,
    ...(decoded.lossy ? { lossy: true } : {}),
    ...(gs1Parsed?.ok ? { gs1: gs1Parsed.value } : {}),
    code: classifyCode(decoded.text, {
      ...(aim ? { symbologyIdentifier: aim.identifier } : {}),
      now,
    }),
    at: now.toISOString(),
  };
}

function describeOrUndefined(identifier: string): ReturnType<typeof splitAimPrefix>['aim'] {
  return splitAimPrefix(new TextEncoder().encode(identifier)).aim;
}

/** What a log line may say about a scan: never its text (it can hold personal data). */
export function scanLogFields(scan: BarcodeScan): Record<string, unknown> {
  return {
    readerId: scan.readerId,
    symbology: scan.symbology,
    encoding: scan.encoding,
    kind: scan.code.kind,
    length: scan.text.length,
  };
}
