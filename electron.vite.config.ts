/**
 * electron-vite build of the Electron shell (`npm run build`, works without the Electron
 * binary). Outputs:
 * - out/main/index.js    Electron main (ESM, dependencies external: they ship in node_modules)
 * - out/main/service.js  the kiosk service's utility-process entry (electron/host/utility.ts)
 * - out/preload/index.cjs  the sandboxed preload (CommonJS, every import bundled)
 * - out/renderer/        the React app, with the same options as renderer/vite.config.ts
 */
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'electron-vite';
import { rendererOptions } from './renderer/vite.shared.ts';

const here = (relative: string): string => fileURLToPath(new URL(relative, import.meta.url));

const pkg = JSON.parse(readFileSync(here('./package.json'), 'utf8')) as { version: string };

/**
 * The barcode image decoder runs zxing-wasm in a worker thread loaded by URL from beside the
 * bundle (`new URL('./image-decoder.worker.mjs', import.meta.url)`); the bundler does not see
 * that file, so it is copied next to out/main/service.js.
 */
const copyBarcodeWorker = {
  name: 'copy-barcode-worker',
  writeBundle() {
    mkdirSync(here('./out/main'), { recursive: true });
    copyFileSync(
      here('./drivers/barcode/image-decoder.worker.mjs'),
      here('./out/main/image-decoder.worker.mjs'),
    );
  },
};

export default defineConfig({
  main: {
    plugins: [copyBarcodeWorker],
    build: {
      outDir: here('./out/main'),
      lib: {
        entry: {
          index: here('./electron/main/index.ts'),
          service: here('./electron/host/utility.ts'),
        },
        formats: ['es'],
      },
      rolldownOptions: {
        output: { entryFileNames: '[name].js' },
      },
    },
  },
  preload: {
    // Sandboxed preloads can only require('electron'): bundle everything else.
    build: {
      outDir: here('./out/preload'),
      externalizeDeps: false,
      lib: {
        entry: { index: here('./electron/preload/index.ts') },
        formats: ['cjs'],
      },
      rolldownOptions: {
        // `.cjs`: package.json says "type": "module", and the preload is CommonJS.
        output: { entryFileNames: '[name].cjs' },
      },
    },
    define: {
      __KIOSK_VERSION__: JSON.stringify(pkg.version),
    },
  },
  renderer: {
    ...rendererOptions,
    build: {
      ...rendererOptions.build,
      rolldownOptions: {
        input: here('./renderer/index.html'),
      },
    },
  },
});
