/** `npm run devices -- barcode ...` commands; added by the barcode issue. */
import type { CliCommand } from './types.js';

export const barcodeCommands: readonly CliCommand[] = [];
