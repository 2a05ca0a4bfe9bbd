/** `npm run devices -- scanner ...` commands; added by the scanner issue. */
import type { CliCommand } from './types.js';

export const scannerCommands: readonly CliCommand[] = [];
