/**
 * Electron main entry (built to out/main/index.js). Everything happens in `startKioskShell`;
 * this file only supplies where the build lives and the logger.
 */
import { createMainLogger } from './logger.js';
import { startKioskShell } from './shell.js';

startKioskShell({ mainDir: import.meta.dirname, logger: createMainLogger() });
