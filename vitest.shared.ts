import { fileURLToPath } from 'node:url';

/** `electron` resolves to a stub that throws: only electron/main and electron/preload may use it. */
export const electronStubAlias = {
  electron: fileURLToPath(new URL('./test/support/electron-stub.ts', import.meta.url)),
};
