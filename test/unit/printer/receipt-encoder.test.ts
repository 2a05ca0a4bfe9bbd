import { describe, expect, it } from 'vitest';
import { decodeEscPos, receiptLines } from '../../../drivers/printer/escpos-decoder.js';
import {
  encodeReceipt,
  neutraliseRealtimeSequences,
  paperColumns,
} from '../../../drivers/printer/receipt-encoder.js';

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

describe('receipt encoder', () => {
  it('wraps Chinese text as GB18030 inside FS & ... FS .', async () => {
    const bytes = await encodeReceipt(
      { blocks: [{ kind: 'text', text: '中文 OK' }, { kind: 'cut' }] },
      { model: 'epson-tm-t88vi', paperWidthMm: 80 },
    );
    // FS & + GB18030 "中文" (D6D0 CEC4) + FS .
    expect(hex(bytes)).toContain('1c26d6d0cec41c2e');
    expect(receiptLines(decodeEscPos(bytes).receipts[0]!)[0]).toBe('中文 OK');
  });

  it('prints a line holding a character the font lacks as a raster image, nothing as "?"', async () => {
    const bytes = await encodeReceipt(
      { blocks: [{ kind: 'text', text: '申请人 王䶮' }, { kind: 'cut' }] },
      { model: 'epson-tm-t88vi', paperWidthMm: 58 },
    );
    const [receipt] = decodeEscPos(bytes).receipts;
    const raster = receipt!.items.find((i) => i.kind === 'raster');
    expect(raster).toMatchObject({ width: 384, height: 24 });
    if (raster?.kind === 'raster') expect(raster.dots.some((d) => d === 1)).toBe(true);
    expect(receiptLines(receipt!).join('')).not.toContain('?');
  });

  it('routes GBK-only characters to raster for a GB2312 font', async () => {
    const doc = { blocks: [{ kind: 'text' as const, text: '龘' }, { kind: 'cut' as const }] };
    const gbk = decodeEscPos(await encodeReceipt(doc, { model: 'pos-5890', paperWidthMm: 58 }));
    expect(receiptLines(gbk.receipts[0]!)[0]).toBe('龘');
    const gb2312 = decodeEscPos(
      await encodeReceipt(doc, { model: 'pos-5890', paperWidthMm: 58, fontCoverage: 'gb2312' }),
    );
    expect(gb2312.receipts[0]!.items.some((i) => i.kind === 'raster')).toBe(true);
  });

  it('aligns and wraps to 32 columns on 58 mm and 48 on 80 mm', async () => {
    expect(paperColumns(58)).toBe(32);
    expect(paperColumns(80)).toBe(48);
    for (const paperWidthMm of [58, 80] as const) {
      const bytes = await encodeReceipt(
        {
          blocks: [
            { kind: 'pair', label: '受理编号', value: 'SL-2026-000123' },
            { kind: 'rule' },
            { kind: 'cut' },
          ],
        },
        { model: 'epson-tm-t88vi', paperWidthMm },
      );
      const [pair, rule] = receiptLines(decodeEscPos(bytes).receipts[0]!);
      expect(pair?.startsWith('受理编号')).toBe(true);
      expect(pair?.endsWith('SL-2026-000123')).toBe(true);
      // 4 wide characters + spaces + 14 = the column count exactly.
      expect(8 + (pair?.length ?? 0) - 4).toBe(paperColumns(paperWidthMm));
      expect(rule).toBe('-'.repeat(paperColumns(paperWidthMm)));
    }
  });

  it('names the problem for an unknown model or paper width', async () => {
    await expect(
      encodeReceipt({ blocks: [] }, { model: 'star-tsp650', paperWidthMm: 80 }),
    ).rejects.toThrow(/printer model "star-tsp650" is unknown/);
    await expect(
      encodeReceipt({ blocks: [] }, { model: 'pos-5890', paperWidthMm: 76 as never }),
    ).rejects.toThrow(/paperWidthMm must be 58 or 80/);
  });

  it('clears DLE EOT sequences inside raster data only', () => {
    // GS v 0, 1 byte wide, 3 rows: the data 10 04 01 would make a printer answer a status.
    const job = Uint8Array.from([
      0x10, 0x04, 0x01, 0x1d, 0x76, 0x30, 0, 1, 0, 3, 0, 0x10, 0x04, 0x01,
    ]);
    const out = neutraliseRealtimeSequences(job.slice());
    expect([...out]).toEqual([0x10, 0x04, 0x01, 0x1d, 0x76, 0x30, 0, 1, 0, 3, 0, 0x10, 0x00, 0x01]);
  });
});
