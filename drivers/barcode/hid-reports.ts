/**
 * HID POS input reports of the two vendor layouts the kiosk supports (HID usage page 0x8C,
 * "Bar Code Scanner", HID POS Usage Tables 1.02). Both vendors send numbered 64-byte reports,
 * report ID first, as node-hid delivers them on Linux (hidraw keeps the ID of numbered
 * reports):
 *
 * | byte   | honeywell ("HID POS" mode)            | newland (FM430 "HID-POS")       |
 * | ------ | ------------------------------------- | ------------------------------- |
 * | 0      | report ID `0x02`                      | report ID `0x02`                |
 * | 1      | data length in this report (≤ 56)     | data length in this report (≤ 56) |
 * | 2–4    | AIM identifier, e.g. `]Q1`            | data                            |
 * | 5–60   | data                                  | data (2–57), reserved (58–61)   |
 * | 61     | Honeywell code ID                     | reserved                        |
 * | 62     | reserved                              | Newland symbology ID            |
 * | 63     | `1` if more reports follow, else `0`  | –                               |
 *
 * Sources: Honeywell HID POS layout as driven by HenkVanAsselt/python_hon_usbhid; Newland
 * FM430 integration guide. Codes longer than 56 bytes span several reports: Honeywell says so
 * in byte 63; Newland does not, so a full report (56 bytes) means "maybe more" and a short
 * one or a pause ends the code.
 */
import { err, ok, type Result } from '../common/result.js';
import { MAX_FRAME_BYTES } from './serial-framing.js';

export type HidReportLayout = 'honeywell' | 'newland';

/** HID POS usage page "Bar Code Scanner". */
export const HID_POS_USAGE_PAGE = 0x8c;
/** Both layouts: input report 2 carries scanned data. */
export const SCANNED_DATA_REPORT_ID = 0x02;
export const REPORT_BYTES = 64;
/** Data bytes one report can carry in either layout. */
export const DATA_BYTES_PER_REPORT = 56;

interface LayoutOffsets {
  readonly data: number;
  readonly aim?: number;
  readonly vendorSymbology: number;
  readonly more?: number;
}

const LAYOUTS: Readonly<Record<HidReportLayout, LayoutOffsets>> = {
  honeywell: { aim: 2, data: 5, vendorSymbology: 61, more: 63 },
  newland: { data: 2, vendorSymbology: 62 },
};

const LENGTH_OFFSET = 1;
const AIM_BYTES = 3;

export interface HidFragment {
  readonly data: Uint8Array;
  /** The AIM identifier (Honeywell only), e.g. `]Q1`; undefined if the bytes are zero. */
  readonly symbologyIdentifier?: string;
  /** The vendor's own symbology code (Honeywell code ID or Newland ID); 0 when unset. */
  readonly vendorSymbologyId: number;
  /** `yes`/`no` from Honeywell's flag; `maybe` for a full Newland report. */
  readonly more: 'yes' | 'no' | 'maybe';
}

/** Reads one input report. Reports other than scanned data (e.g. trigger) are an `err`. */
export function parseHidReport(
  layout: HidReportLayout,
  report: Uint8Array,
): Result<HidFragment, string> {
  if (report.length !== REPORT_BYTES) {
    return err(
      `${layout} report must be ${REPORT_BYTES} bytes with its report ID, got ${report.length}`,
    );
  }
  if (report[0] !== SCANNED_DATA_REPORT_ID) {
    return err(`report ID 0x${report[0]!.toString(16)} is not a scanned-data report`);
  }
  const offsets = LAYOUTS[layout];
  const length = report[LENGTH_OFFSET]!;
  if (length > DATA_BYTES_PER_REPORT) {
    return err(
      `${layout} report claims ${length} data bytes, at most ${DATA_BYTES_PER_REPORT} fit`,
    );
  }

  const data = report.slice(offsets.data, offsets.data + length);
  const vendorSymbologyId = report[offsets.vendorSymbology]!;
  if (offsets.aim === undefined) {
    return ok({ data, vendorSymbologyId, more: length === DATA_BYTES_PER_REPORT ? 'maybe' : 'no' });
  }
  const aimBytes = report.subarray(offsets.aim, offsets.aim + AIM_BYTES);
  const aim = aimBytes.every((b) => b === 0) ? undefined : String.fromCharCode(...aimBytes);
  return ok({
    data,
    ...(aim === undefined ? {} : { symbologyIdentifier: aim }),
    vendorSymbologyId,
    more: report[offsets.more!] === 1 ? 'yes' : 'no',
  });
}

export interface HidScanInput {
  readonly data: Uint8Array;
  /** Honeywell only; ignored by the Newland layout, which has no AIM field. */
  readonly symbologyIdentifier?: string;
  readonly vendorSymbologyId?: number;
}

/** The reports a reader of this layout sends for one code: for simulators and tests. */
export function encodeHidReports(layout: HidReportLayout, scan: HidScanInput): Uint8Array[] {
  const offsets = LAYOUTS[layout];
  const reports: Uint8Array[] = [];
  const chunkCount = Math.max(1, Math.ceil(scan.data.length / DATA_BYTES_PER_REPORT));
  for (let i = 0; i < chunkCount; i++) {
    const chunk = scan.data.subarray(i * DATA_BYTES_PER_REPORT, (i + 1) * DATA_BYTES_PER_REPORT);
    const report = new Uint8Array(REPORT_BYTES);
    report[0] = SCANNED_DATA_REPORT_ID;
    report[LENGTH_OFFSET] = chunk.length;
    report.set(chunk, offsets.data);
    report[offsets.vendorSymbology] = scan.vendorSymbologyId ?? 0;
    if (offsets.aim !== undefined && scan.symbologyIdentifier !== undefined) {
      report.set(
        new TextEncoder().encode(scan.symbologyIdentifier).subarray(0, AIM_BYTES),
        offsets.aim,
      );
    }
    if (offsets.more !== undefined) report[offsets.more] = i < chunkCount - 1 ? 1 : 0;
    reports.push(report);
  }
  return reports;
}

export interface ReassembledScan {
  readonly data: Uint8Array;
  readonly symbologyIdentifier?: string;
  readonly vendorSymbologyId: number;
}

/**
 * Largest code the reassembler collects, bytes: the serial framer's limit, so a code too long
 * for one transport is too long for the other. A QR code holds at most 2,953 bytes; a reader
 * that keeps announcing "more" past this is faulty (or streams garbage), and its code is
 * dropped instead of growing memory without bound.
 */
export const MAX_REASSEMBLED_BYTES = MAX_FRAME_BYTES;

/** A code dropped for growing past MAX_REASSEMBLED_BYTES. */
export interface DroppedCode {
  /** Reports of the code received up to and including the one that crossed the cap. */
  readonly reports: number;
  /** Data bytes those reports carried. */
  readonly bytes: number;
}

/**
 * Joins the reports of one code. Feed every fragment; a complete code comes back when the
 * layout says it is complete. After a pause the driver calls `flush()`: a "maybe more"
 * Newland code is then complete, an unfinished Honeywell code is incomplete and dropped.
 *
 * A code that grows past MAX_REASSEMBLED_BYTES is dropped (`takeDropped()` tells, once) and
 * the rest of its reports are discarded up to its end (a last report, or the pause), so its
 * tail never comes out as a code of its own and the next code is reassembled as usual. At
 * most MAX_REASSEMBLED_BYTES data bytes are ever held.
 */
export class HidReassembler {
  private parts: HidFragment[] = [];
  private bytes = 0;
  /** True from a cap overflow until the dropped code's end. */
  private discarding = false;
  private dropped: DroppedCode | undefined;

  /** A code is under way (or being discarded): the driver should flush after a pause. */
  get pending(): boolean {
    return this.parts.length > 0 || this.discarding;
  }

  /** Data bytes held for the code under way; never more than MAX_REASSEMBLED_BYTES. */
  get heldBytes(): number {
    return this.bytes;
  }

  push(fragment: HidFragment): ReassembledScan | undefined {
    if (this.discarding) {
      // The tail of a dropped code: its last report ends it, nothing comes out.
      if (fragment.more === 'no') this.discarding = false;
      return undefined;
    }
    if (this.bytes + fragment.data.length > MAX_REASSEMBLED_BYTES) {
      this.dropped = {
        reports: this.parts.length + 1,
        bytes: this.bytes + fragment.data.length,
      };
      this.parts = [];
      this.bytes = 0;
      this.discarding = fragment.more !== 'no';
      return undefined;
    }
    this.parts.push(fragment);
    this.bytes += fragment.data.length;
    return fragment.more === 'no' ? this.take() : undefined;
  }

  /** The code dropped for its length since the last call, if any. */
  takeDropped(): DroppedCode | undefined {
    const dropped = this.dropped;
    this.dropped = undefined;
    return dropped;
  }

  flush(): { complete: ReassembledScan } | { incomplete: number } | undefined {
    // A pause ends a dropped code (already told by takeDropped()).
    this.discarding = false;
    const last = this.parts.at(-1);
    if (!last) return undefined;
    if (last.more === 'maybe') return { complete: this.take() };
    const count = this.parts.length;
    this.parts = [];
    this.bytes = 0;
    return { incomplete: count };
  }

  private take(): ReassembledScan {
    const parts = this.parts;
    this.parts = [];
    this.bytes = 0;
    const data = new Uint8Array(parts.reduce((n, p) => n + p.data.length, 0));
    let at = 0;
    for (const p of parts) {
      data.set(p.data, at);
      at += p.data.length;
    }
    const first = parts[0]!;
    return {
      data,
      ...(first.symbologyIdentifier === undefined
        ? {}
        : { symbologyIdentifier: first.symbologyIdentifier }),
      vendorSymbologyId: first.vendorSymbologyId,
    };
  }
}
