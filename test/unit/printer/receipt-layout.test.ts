import { describe, expect, it } from 'vitest';
import { parseReceiptCode } from '../../../drivers/common/codes.js';
import {
  decodeEscPos,
  receiptLines,
  receiptQrPayloads,
} from '../../../drivers/printer/escpos-decoder.js';
import { encodeReceipt } from '../../../drivers/printer/receipt-encoder.js';
import {
  formatReceiptTime,
  layoutReceipt,
  layoutTestReceipt,
  type ReceiptContent,
} from '../../../drivers/printer/receipt-layout.js';
import { SAMPLE_RECEIPT } from '../../support/receipts.js';

const content: ReceiptContent = {
  ...SAMPLE_RECEIPT,
  applicant: { name: '王小明', identifier: '11010519491231002X' },
};

async function printed(c: ReceiptContent, paperWidthMm: 58 | 80) {
  const bytes = await encodeReceipt(layoutReceipt(c, paperWidthMm), {
    model: 'epson-tm-t88vi',
    paperWidthMm,
  });
  const [receipt] = decodeEscPos(bytes).receipts;
  if (!receipt) throw new Error('no receipt decoded');
  return { lines: receiptLines(receipt).map((l) => l.trim()), qr: receiptQrPayloads(receipt) };
}

describe('receipt layout', () => {
  it('prints every field in Chinese, masked, with a QR code that tracks the application', async () => {
    const { lines, qr } = await printed(content, 80);
    const text = lines.join('\n');
    for (const expected of [
      '浦江市政务服务中心',
      '受理回执',
      '烟花爆竹道路运输许可',
      '王**',
      '110***********002X',
      'SL-2026-000123',
      '2026-03-04 10:05',
      '5 个工作日',
      '1. 营业执照 (电子证照)',
      '2. 车辆行驶证 (扫描件)',
      '审批部门将在承诺时限内审核。',
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).not.toContain('王小明');
    expect(text).not.toContain('11010519491231002X');
    expect(qr).toHaveLength(1);
    const code = parseReceiptCode(qr[0]!);
    expect(code).toMatchObject({
      ok: true,
      value: { trackingNumber: 'SL-2026-000123', terminalId: 'KIOSK-01' },
    });
  });

  it('prints in English for an English-speaking applicant, on 58 mm paper', async () => {
    const { lines } = await printed({ ...content, language: 'en' }, 58);
    const text = lines.join('\n');
    expect(text).toContain('Application receipt');
    expect(text).toContain('Fireworks road transport');
    expect(text).toContain('1. Business licence (license');
    expect(text).toContain('5 working days');
    expect(text).not.toContain('受理回执');
  });

  it('marks a provisional receipt for an application still in the outbox', async () => {
    const { lines, qr } = await printed(
      { ...content, kind: 'provisional', reference: 'L20260304-7K4QMX' },
      80,
    );
    const text = lines.join('\n');
    expect(text).toContain('临时回执（尚未提交）');
    expect(text).toContain('临时编号');
    expect(text).toContain('L20260304-7K4QMX');
    expect(text).not.toContain('受理编号');
    expect(parseReceiptCode(qr[0]!)).toMatchObject({
      ok: true,
      value: { trackingNumber: 'L20260304-7K4QMX' },
    });
  });

  it('accepts values the outbox kept already masked (masking twice changes nothing)', async () => {
    const { lines } = await printed(
      { ...content, applicant: { name: '王**', identifier: '110***********002X' } },
      80,
    );
    expect(lines.join('\n')).toContain('110***********002X');
    expect(lines.some((l) => l.endsWith('王**'))).toBe(true);
  });

  it('rejects a reference that is not a tracking number and a bad time', () => {
    expect(() => layoutReceipt({ ...content, reference: 'x' }, 80)).toThrow(/must match/);
    expect(() => formatReceiptTime('yesterday')).toThrow(/not ISO 8601/);
  });

  it('builds a test receipt with Chinese, English, a rare character, a QR, a barcode and a cut', () => {
    const doc = layoutTestReceipt({ terminalId: 'KIOSK-01', paperWidthMm: 58, now: new Date(0) });
    const kinds = doc.blocks.map((b) => b.kind);
    expect(kinds).toContain('qr');
    expect(kinds).toContain('barcode');
    expect(kinds.at(-1)).toBe('cut');
  });
});
