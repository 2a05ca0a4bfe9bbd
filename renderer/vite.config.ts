import { defineConfig } from 'vite';
import { rendererOptions } from './vite.shared.ts';

// Browser-only build and dev server for the renderer (the browser host and e2e tests use it);
// electron-vite builds the same options for the Electron shell.
export default defineConfig(rendererOptions);
