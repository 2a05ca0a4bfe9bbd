import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  EscPosTokenizer,
  ReceiptAssembler,
  decodeEscPos,
  receiptLines,
  receiptQrPayloads,
  type DecodedReceipt,
} from '../../../drivers/printer/escpos-decoder.js';
import type { ReceiptBlock } from '../../../drivers/printer/receipt-document.js';
import { encodeReceipt } from '../../../drivers/printer/receipt-encoder.js';
import { fuzzRuns } from '../../support/fuzz.js';

/** Common GB2312 hanzi: every printer font has them, so they travel as two-byte codes. */
const HANZI = [...'市民服务中心政务大厅申请人事项材料受理回执编号时间提交审核许可证照'];
const ASCII = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789 -.:/()'];

const lineArb = fc
  .array(fc.oneof(fc.constantFrom(...HANZI), fc.constantFrom(...ASCII)), {
    minLength: 1,
    maxLength: 16,
  })
  .map((chars) => chars.join('').trim())
  .filter((text) => text.length > 0);

const blockArb: fc.Arbitrary<ReceiptBlock> = fc.oneof(
  lineArb.map((text): ReceiptBlock => ({ kind: 'text', text })),
  fc
    .string({ unit: fc.constantFrom(...ASCII), minLength: 1, maxLength: 120 })
    .map((payload): ReceiptBlock => ({ kind: 'qr', payload })),
  fc
    .string({ unit: fc.constantFrom(...'ABCDEFGHIJ0123456789-'), minLength: 1, maxLength: 20 })
    .map((data): ReceiptBlock => ({ kind: 'barcode', data })),
);

function decodeInChunks(bytes: Uint8Array, sizes: number[]): DecodedReceipt[] {
  const tokenizer = new EscPosTokenizer();
  const assembler = new ReceiptAssembler();
  const out: DecodedReceipt[] = [];
  let pos = 0;
  let i = 0;
  while (pos < bytes.length) {
    const size = sizes[i++ % sizes.length] ?? 1;
    out.push(...assembler.play(tokenizer.push(bytes.subarray(pos, pos + size))));
    pos += size;
  }
  return out;
}

describe('ESC/POS decoder properties', () => {
  it('reads back every text line, QR payload and barcode the encoder wrote, in any chunking', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(blockArb, { minLength: 1, maxLength: 8 }),
        fc.constantFrom(58, 80) as fc.Arbitrary<58 | 80>,
        fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 5 }),
        async (blocks, paperWidthMm, chunkSizes) => {
          const bytes = await encodeReceipt(
            { blocks: [...blocks, { kind: 'cut' }] },
            { model: 'epson-tm-t88vi', paperWidthMm },
          );
          const receipts = decodeInChunks(bytes, chunkSizes);
          expect(receipts).toHaveLength(1);
          const receipt = receipts[0] as DecodedReceipt;

          const texts = blocks.flatMap((b) => (b.kind === 'text' ? [b.text] : []));
          expect(receiptLines(receipt).filter((l) => l !== '')).toEqual(texts);
          expect(receiptQrPayloads(receipt)).toEqual(
            blocks.flatMap((b) => (b.kind === 'qr' ? [b.payload] : [])),
          );
          expect(receipt.items.flatMap((i) => (i.kind === 'barcode' ? [i.data] : []))).toEqual(
            blocks.flatMap((b) => (b.kind === 'barcode' ? [b.data] : [])),
          );
          expect(receipt.cut).toBe('partial');
        },
      ),
      { numRuns: fuzzRuns() },
    );
  });

  it('never throws on arbitrary bytes and does not depend on how they are chunked', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 300 }),
        fc.array(fc.integer({ min: 1, max: 50 }), { minLength: 1, maxLength: 5 }),
        (bytes, chunkSizes) => {
          const whole = decodeEscPos(bytes);
          const chunked = decodeInChunks(bytes, chunkSizes);
          expect(chunked).toEqual(whole.receipts);
        },
      ),
      { numRuns: fuzzRuns() },
    );
  });
});
