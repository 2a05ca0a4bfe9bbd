/**
 * The receipt says where the result goes ("结果领取方式 / Result delivery"), in the applicant's
 * language, with the option's detail and a posted result's address masked — read back from the
 * ESC/POS bytes by the decoder, as the printer receives them.
 */
import { describe, expect, it } from 'vitest';
import { decodeEscPos, receiptLines } from '../../../drivers/printer/escpos-decoder.js';
import { encodeReceipt } from '../../../drivers/printer/receipt-encoder.js';
import { layoutReceipt, type ReceiptContent } from '../../../drivers/printer/receipt-layout.js';
import { SAMPLE_RECEIPT } from '../../support/receipts.js';

const ADDRESS = '江西省萍乡市上栗县示例路12号';

async function printedText(c: ReceiptContent, paperWidthMm: 58 | 80 = 80): Promise<string> {
  const bytes = await encodeReceipt(layoutReceipt(c, paperWidthMm), {
    model: 'epson-tm-t88vi',
    paperWidthMm,
  });
  const [receipt] = decodeEscPos(bytes).receipts;
  if (!receipt) throw new Error('no receipt decoded');
  return receiptLines(receipt)
    .map((l) => l.trim())
    .join('\n');
}

describe('receipt: where the result goes', () => {
  it('prints the chosen way and its detail in Chinese', async () => {
    const text = await printedText({
      ...SAMPLE_RECEIPT,
      delivery: {
        kind: 'PICK_UP',
        detail: { 'zh-CN': '公安窗口领取加盖公章的打印件', en: 'Stamped copy at the counter' },
      },
    });
    expect(text).toMatch(/结果领取方式\s+窗口领取/);
    expect(text).toContain('公安窗口领取加盖公章的打印件');
    expect(text).not.toContain('Stamped copy');
  });

  it('prints a posted result with the address masked, in English, on 58 mm paper too', async () => {
    for (const width of [58, 80] as const) {
      const text = await printedText(
        { ...SAMPLE_RECEIPT, language: 'en', delivery: { kind: 'POST', address: ADDRESS } },
        width,
      );
      expect(text).toMatch(/Result delivery\s+by post/);
      expect(text).toContain('江西省萍乡市上栗县****');
      expect(text).not.toContain('示例路');
      expect(text).not.toContain('12号');
    }
  });

  it('prints no delivery line for a receipt that has none (kept from before the choice existed)', async () => {
    const text = await printedText(SAMPLE_RECEIPT);
    expect(text).not.toContain('结果领取方式');
  });
});
