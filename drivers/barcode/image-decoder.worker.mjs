// Worker thread of the image decoder (image-decoder.ts): runs ZXing-C++ compiled to WASM
// (zxing-wasm) on one page at a time so the service's event loop stays free. Plain JavaScript
// on purpose: worker entry files are loaded by Node itself, and a .mjs runs unchanged under
// tsx, vitest and a bundled Electron build.
//
// Input pixels go to ZXing as 8-bit luminance through the module's `readBarcodesFromPixmap`,
// which is what zxing-wasm's own `readBarcodes(imageData)` calls after turning RGBA into gray;
// handing it gray directly spares a 35 MB RGBA copy per 300-dpi A4 page.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { parentPort, workerData } from 'node:worker_threads';
import sharp from 'sharp';
import {
  BINARIZERS,
  CHARACTER_SETS,
  CONTENT_TYPES,
  EAN_ADD_ON_SYMBOLS,
  TEXT_MODES,
  defaultReaderOptions,
  encodeFormats,
  prepareZXingModule,
} from 'zxing-wasm/reader';

const require = createRequire(import.meta.url);
// Offline: the .wasm comes from the installed package (or a path the host passes), never
// from zxing-wasm's default CDN.
const wasmPath = workerData?.wasmPath ?? require.resolve('zxing-wasm/reader/zxing_reader.wasm');

const modulePromise = prepareZXingModule({
  overrides: { wasmBinary: readFileSync(wasmPath).buffer },
  fireImmediately: true,
});
// A failed load is reported by each decode request; avoid an unhandled rejection meanwhile.
modulePromise.catch(() => undefined);

/** Kiosk hints (see image-decoder.ts) to the numeric options the WASM binding takes. */
function zxingOptions(hints) {
  const o = { ...defaultReaderOptions, ...hints.reader };
  return {
    ...o,
    formats: encodeFormats(o.formats),
    binarizer: BINARIZERS.indexOf(o.binarizer),
    eanAddOnSymbol: EAN_ADD_ON_SYMBOLS.indexOf(o.eanAddOnSymbol),
    textMode: TEXT_MODES.indexOf(o.textMode),
    characterSet: CHARACTER_SETS.indexOf(o.characterSet),
    tryCode39ExtendedMode: o.tryCode39ExtendedMode ?? true,
  };
}

/** ITU-R BT.601 luma in integers, as ZXing-C++ computes it for RGB input. */
function toGray(data, width, height, channels) {
  if (channels === 1) return data;
  const gray = new Uint8Array(width * height);
  for (let i = 0, p = 0; i < gray.length; i++, p += channels) {
    gray[i] = (306 * data[p] + 601 * data[p + 1] + 117 * data[p + 2] + 0x200) >> 10;
  }
  return gray;
}

async function toPixmap(image) {
  if (image.kind === 'pixels') {
    return {
      gray: toGray(image.data, image.width, image.height, image.channels),
      width: image.width,
      height: image.height,
    };
  }
  // Encoded PNG/JPEG: libvips decodes straight to one gray channel.
  const { data, info } = await sharp(image.bytes).greyscale().raw().toBuffer({
    resolveWithObject: true,
  });
  return {
    gray: new Uint8Array(data.buffer, data.byteOffset, data.length),
    width: info.width,
    height: info.height,
  };
}

function readPixmap(zxing, gray, width, height, options) {
  const pointer = zxing._malloc(gray.length);
  if (!pointer) throw new Error(`cannot allocate ${gray.length} bytes of WASM memory`);
  let results;
  try {
    zxing.HEAPU8.set(gray, pointer);
    results = zxing.readBarcodesFromPixmap(pointer, width, height, options);
  } finally {
    zxing._free(pointer);
  }
  try {
    const symbols = [];
    for (let i = 0; i < results.size(); i++) {
      const r = results.get(i);
      if (!r.isValid) continue;
      symbols.push({
        format: r.format,
        symbologyIdentifier: r.symbologyIdentifier,
        text: r.text,
        bytes: new Uint8Array(r.bytes),
        hasECI: r.hasECI,
        contentType: CONTENT_TYPES[r.contentType] ?? 'Text',
        position: r.position,
        orientation: r.rotation,
        inverted: r.isInverted,
      });
    }
    return symbols;
  } finally {
    results.delete();
  }
}

/**
 * `hints.invertFallback`: search the page as it is, and only when that finds nothing search
 * its negative. ZXing's own tryInvert always runs the second pass (it stops early only at
 * maxNumberOfSymbols), which doubles the time of every page that has its codes dark on light.
 */
async function decode(image, hints) {
  const zxing = await modulePromise;
  const { gray, width, height } = await toPixmap(image);
  const options = zxingOptions(hints);
  const symbols = readPixmap(zxing, gray, width, height, options);
  if (symbols.length > 0 || !hints.invertFallback) return { symbols, width, height };

  const negative = new Uint8Array(gray.length);
  for (let i = 0; i < gray.length; i++) negative[i] = 255 - gray[i];
  const inverted = readPixmap(zxing, negative, width, height, options);
  return { symbols: inverted.map((s) => ({ ...s, inverted: true })), width, height };
}

parentPort.on('message', async ({ id, image, hints }) => {
  const started = performance.now();
  try {
    const result = await decode(image, hints);
    parentPort.postMessage({ id, ok: true, ...result, ms: performance.now() - started });
  } catch (error) {
    parentPort.postMessage({
      id,
      ok: false,
      error: error instanceof Error ? error.message : String(error),
    });
  }
});
