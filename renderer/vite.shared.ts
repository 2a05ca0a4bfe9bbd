/** Renderer build options shared by electron.vite.config.ts and renderer/vite.config.ts. */
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import type { UserConfig } from 'vite';

export const rendererRoot = fileURLToPath(new URL('.', import.meta.url));
export const rendererOutDir = fileURLToPath(new URL('../out/renderer', import.meta.url));

export const rendererOptions: UserConfig = {
  root: rendererRoot,
  base: './',
  plugins: [react()],
  build: {
    outDir: rendererOutDir,
    emptyOutDir: true,
    target: 'chrome120',
    minify: true,
    // The CSP forbids inline scripts; keep every asset a file.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
  },
};
