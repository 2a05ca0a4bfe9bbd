/** `npm run devices -- printer ...` commands; added by the printer issue. */
import type { CliCommand } from './types.js';

export const printerCommands: readonly CliCommand[] = [];
