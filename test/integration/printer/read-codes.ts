/**
 * Reads barcodes back from a rendered receipt picture with zxing-wasm, loading its WebAssembly
 * from node_modules (no network).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { prepareZXingModule, readBarcodes } from 'zxing-wasm/reader';

let prepared: Promise<unknown> | null = null;

function prepare(): Promise<unknown> {
  if (!prepared) {
    // The package exports no package.json; resolve its reader entry and walk up to dist/.
    const require = createRequire(import.meta.url);
    const readerEntry = require.resolve('zxing-wasm/reader');
    const distDir = join(dirname(readerEntry), '..', '..');
    const wasmBinary = readFileSync(join(distDir, 'reader/zxing_reader.wasm'));
    prepared = Promise.resolve(
      prepareZXingModule({
        overrides: {
          wasmBinary: wasmBinary.buffer.slice(
            wasmBinary.byteOffset,
            wasmBinary.byteOffset + wasmBinary.byteLength,
          ) as ArrayBuffer,
        },
        fireImmediately: true,
      }),
    );
  }
  return prepared;
}

export interface ReadCode {
  readonly format: string;
  readonly text: string;
}

/** Every QR code and barcode zxing finds in a PNG. */
export async function readCodesFromPng(png: Uint8Array): Promise<ReadCode[]> {
  await prepare();
  const results = await readBarcodes(png, { formats: ['QRCode', 'Code128'], tryHarder: true });
  return results.filter((r) => r.isValid).map((r) => ({ format: r.format, text: r.text }));
}
