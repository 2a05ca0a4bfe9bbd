/**
 * What a receipt says, as data: the applicant's receipt after submission and the provisional
 * receipt for an application still waiting in the outbox, in the applicant's language, for 58
 * and 80 mm paper. Produces a `ReceiptDocument`; knows no printer bytes. Personal data is
 * masked here (one masking rule, drivers/common/mask.ts) before it reaches paper.
 */
import { encodeReceiptCode, TRACKING_NUMBER_PATTERN } from '../common/codes.js';
import { maskAddress, maskIdentifier, maskName } from '../common/mask.js';
import type { PaperWidthMm, ReceiptBlock, ReceiptDocument } from './receipt-document.js';

export type ReceiptLanguage = 'zh-CN' | 'en';
export type Bilingual = Readonly<Record<ReceiptLanguage, string>>;

/** How a material was received. */
export type MaterialSource = 'license' | 'scan' | 'commitment' | 'form';

/** How the result reaches the applicant (结果送达方式). */
export type ResultDeliveryKind = 'PICK_UP' | 'POST' | 'E_LICENSE';

export interface ReceiptDelivery {
  readonly kind: ResultDeliveryKind;
  /** The item's detail of that option (the hall counter, who pays the postage...). */
  readonly detail?: Bilingual;
  /** POST only: masked by the layout (drivers/common/mask.ts `maskAddress`). */
  readonly address?: string;
}

export interface ReceiptMaterial {
  readonly name: Bilingual;
  readonly source: MaterialSource;
}

export interface ReceiptContent {
  /** `final`: the central API accepted it; `provisional`: still in the kiosk's outbox. */
  readonly kind: 'final' | 'provisional';
  readonly language: ReceiptLanguage;
  readonly hall: Bilingual;
  readonly item: Bilingual;
  /**
   * Masked by the layout; values the outbox kept already masked are fine too (masking twice
   * changes nothing). `identifier`: ID number or credit code.
   */
  readonly applicant: { readonly name: string; readonly identifier?: string };
  /**
   * `final`: the tracking number the central API issued. `provisional`: the kiosk's local
   * reference for the outbox entry; both match the tracking number pattern of docs/codes.md.
   */
  readonly reference: string;
  readonly terminalId: string;
  /** Status page base for the QR code (docs/codes.md); default the demo base. */
  readonly statusBaseUrl?: string;
  /** ISO 8601 time of submission (or of queuing, for a provisional receipt). */
  readonly submittedAt: string;
  readonly materials: readonly ReceiptMaterial[];
  /** Promised time limit of the item, working days. */
  readonly timeLimitWorkingDays: number;
  /** Where the result goes, as the applicant chose it; absent on receipts from before. */
  readonly delivery?: ReceiptDelivery;
  readonly nextSteps: Bilingual;
  /** IANA time zone for printed times; default `Asia/Shanghai`. */
  readonly timeZone?: string;
}

/** Every fixed text of a receipt, per language (data, not branches). */
export const RECEIPT_TEXT: Readonly<
  Record<
    ReceiptLanguage,
    {
      readonly title: string;
      readonly provisionalTitle: string;
      readonly item: string;
      readonly applicant: string;
      readonly identifier: string;
      readonly trackingNumber: string;
      readonly localReference: string;
      readonly submittedAt: string;
      readonly queuedAt: string;
      readonly materials: string;
      readonly timeLimit: (days: number) => string;
      readonly timeLimitLabel: string;
      readonly delivery: string;
      readonly deliveryKinds: Readonly<Record<ResultDeliveryKind, string>>;
      readonly deliveryAddress: string;
      readonly nextSteps: string;
      readonly provisionalNote: string;
      readonly scanHint: string;
      readonly provisionalScanHint: string;
      readonly terminal: string;
      readonly sources: Readonly<Record<MaterialSource, string>>;
    }
  >
> = {
  'zh-CN': {
    title: '受理回执',
    provisionalTitle: '临时回执（尚未提交）',
    item: '办理事项',
    applicant: '申请人',
    identifier: '证件号码',
    trackingNumber: '受理编号',
    localReference: '临时编号',
    submittedAt: '提交时间',
    queuedAt: '登记时间',
    materials: '已收材料',
    timeLimit: (days) => `${days} 个工作日`,
    timeLimitLabel: '承诺时限',
    delivery: '结果领取方式',
    deliveryKinds: { PICK_UP: '窗口领取', POST: '邮寄送达', E_LICENSE: '电子证照' },
    deliveryAddress: '邮寄地址',
    nextSteps: '后续事项',
    provisionalNote:
      '网络恢复后本机将自动提交申请，无需再次办理。提交后可扫码查询进度；如有疑问请咨询大厅工作人员。',
    scanHint: '微信或浏览器扫码查询办理进度',
    provisionalScanHint: '提交后扫码可查询办理进度',
    terminal: '终端',
    sources: { license: '电子证照', scan: '扫描件', commitment: '告知承诺', form: '在线表单' },
  },
  en: {
    title: 'Application receipt',
    provisionalTitle: 'Provisional receipt (not yet submitted)',
    item: 'Item',
    applicant: 'Applicant',
    identifier: 'ID number',
    trackingNumber: 'Tracking number',
    localReference: 'Reference',
    submittedAt: 'Submitted',
    queuedAt: 'Registered',
    materials: 'Materials received',
    timeLimit: (days) => `${days} working day${days === 1 ? '' : 's'}`,
    timeLimitLabel: 'Promised time limit',
    delivery: 'Result delivery',
    deliveryKinds: {
      PICK_UP: 'pick up at the hall',
      POST: 'by post',
      E_LICENSE: 'electronic license',
    },
    deliveryAddress: 'Postal address',
    nextSteps: 'What happens next',
    provisionalNote:
      'This kiosk submits your application by itself as soon as the connection is back; you do not need to apply again. Ask the hall staff if in doubt.',
    scanHint: 'Scan to see the status of your application',
    provisionalScanHint: 'Scan after submission to see the status',
    terminal: 'Terminal',
    sources: {
      license: 'license on file',
      scan: 'scanned',
      commitment: 'commitment',
      form: 'online form',
    },
  },
};

/** QR module size per paper width, dots: smaller on 58 mm so long URLs still fit. */
const QR_MODULE_DOTS: Readonly<Record<PaperWidthMm, number>> = { 58: 5, 80: 6 };

/** `YYYY-MM-DD HH:mm` in the given time zone. */
export function formatReceiptTime(iso: string, timeZone = 'Asia/Shanghai'): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) throw new TypeError(`receipt time is not ISO 8601: ${iso}`);
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(date)
      .map((p) => [p.type, p.value]),
  );
  return `${parts['year']}-${parts['month']}-${parts['day']} ${parts['hour']}:${parts['minute']}`;
}

/** The QR payload of a receipt: the receipt code of docs/codes.md. */
export function receiptQrPayload(content: ReceiptContent): string {
  return encodeReceiptCode({
    trackingNumber: content.reference,
    terminalId: content.terminalId,
    ...(content.statusBaseUrl === undefined ? {} : { statusBaseUrl: content.statusBaseUrl }),
  });
}

/** The "where the result goes" lines: the chosen way, its detail, the masked address. */
function deliveryBlocks(
  delivery: ReceiptDelivery | undefined,
  lang: ReceiptLanguage,
): ReceiptBlock[] {
  if (!delivery) return [];
  const t = RECEIPT_TEXT[lang];
  return [
    { kind: 'pair', label: t.delivery, value: t.deliveryKinds[delivery.kind] },
    ...(delivery.detail ? [{ kind: 'text' as const, text: delivery.detail[lang] }] : []),
    ...(delivery.address !== undefined
      ? [{ kind: 'pair' as const, label: t.deliveryAddress, value: maskAddress(delivery.address) }]
      : []),
  ];
}

/** Lays out an applicant's receipt (final or provisional) for the given paper. */
export function layoutReceipt(
  content: ReceiptContent,
  paperWidthMm: PaperWidthMm,
): ReceiptDocument {
  if (!TRACKING_NUMBER_PATTERN.test(content.reference)) {
    throw new TypeError(
      `receipt reference "${content.reference}" must match ${TRACKING_NUMBER_PATTERN.source}`,
    );
  }
  if (!Number.isInteger(content.timeLimitWorkingDays) || content.timeLimitWorkingDays < 0) {
    throw new TypeError('timeLimitWorkingDays must be a whole number of days (>= 0)');
  }
  const t = RECEIPT_TEXT[content.language];
  const lang = content.language;
  const provisional = content.kind === 'provisional';
  const when = formatReceiptTime(content.submittedAt, content.timeZone);

  const blocks: ReceiptBlock[] = [
    { kind: 'text', text: content.hall[lang], align: 'center', bold: true, large: true },
    { kind: 'text', text: provisional ? t.provisionalTitle : t.title, align: 'center', bold: true },
    { kind: 'rule' },
    { kind: 'text', text: t.item },
    { kind: 'text', text: content.item[lang], bold: true },
    { kind: 'pair', label: t.applicant, value: maskName(content.applicant.name) },
    ...(content.applicant.identifier === undefined
      ? []
      : [
          {
            kind: 'pair' as const,
            label: t.identifier,
            value: maskIdentifier(content.applicant.identifier),
          },
        ]),
    {
      kind: 'pair',
      label: provisional ? t.localReference : t.trackingNumber,
      value: content.reference,
    },
    { kind: 'pair', label: provisional ? t.queuedAt : t.submittedAt, value: when },
    { kind: 'pair', label: t.timeLimitLabel, value: t.timeLimit(content.timeLimitWorkingDays) },
    ...deliveryBlocks(content.delivery, lang),
    { kind: 'rule' },
    { kind: 'text', text: t.materials, bold: true },
    ...content.materials.map((m, i): ReceiptBlock => ({
      kind: 'text',
      text: `${i + 1}. ${m.name[lang]} (${t.sources[m.source]})`,
    })),
    { kind: 'rule' },
    { kind: 'text', text: t.nextSteps, bold: true },
    { kind: 'text', text: provisional ? t.provisionalNote : content.nextSteps[lang] },
    { kind: 'feed', lines: 1 },
    { kind: 'qr', payload: receiptQrPayload(content), moduleSize: QR_MODULE_DOTS[paperWidthMm] },
    { kind: 'text', text: provisional ? t.provisionalScanHint : t.scanHint, align: 'center' },
    { kind: 'text', text: `${t.terminal} ${content.terminalId}`, align: 'center' },
    { kind: 'cut' },
  ];
  return { blocks };
}

/** Tracking number printed on test receipts; never issued by the central API. */
export const TEST_RECEIPT_REFERENCE = 'TEST-000000';

/**
 * The technician's test page: Chinese and English lines, a rare character that must print as
 * an image, a QR code in the receipt code format, a Code128 barcode and a cut.
 */
export function layoutTestReceipt(options: {
  readonly terminalId: string;
  readonly paperWidthMm: PaperWidthMm;
  readonly now?: Date;
  readonly statusBaseUrl?: string;
}): ReceiptDocument {
  const now = (options.now ?? new Date()).toISOString();
  return {
    blocks: [
      { kind: 'text', text: '打印机测试 Printer test', align: 'center', bold: true, large: true },
      { kind: 'rule' },
      { kind: 'text', text: '中文：政务服务大厅自助终端' },
      { kind: 'text', text: 'English: Hall Kiosk self-service terminal' },
      { kind: 'text', text: '生僻字（图像打印）Rare characters as image: 䶮 㐀' },
      { kind: 'pair', label: 'Paper 纸宽', value: `${options.paperWidthMm} mm` },
      { kind: 'pair', label: 'Time 时间', value: formatReceiptTime(now) },
      { kind: 'rule' },
      {
        kind: 'qr',
        payload: encodeReceiptCode({
          trackingNumber: TEST_RECEIPT_REFERENCE,
          terminalId: options.terminalId,
          ...(options.statusBaseUrl === undefined ? {} : { statusBaseUrl: options.statusBaseUrl }),
        }),
        moduleSize: QR_MODULE_DOTS[options.paperWidthMm],
      },
      { kind: 'barcode', data: TEST_RECEIPT_REFERENCE },
      { kind: 'text', text: `${options.terminalId}`, align: 'center' },
      { kind: 'cut' },
    ],
  };
}
