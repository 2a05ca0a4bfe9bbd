/**
 * Numbered schema migrations, applied in order inside one transaction each. Never edit a
 * migration that has shipped; add the next number. Each domain adds its file here and one
 * line to the list below (numbers must be unique; `openStore` refuses duplicates).
 */
import type { Migration } from '../db.js';
import { m001Init } from './001-init.js';

export const MIGRATIONS: readonly Migration[] = [m001Init];
