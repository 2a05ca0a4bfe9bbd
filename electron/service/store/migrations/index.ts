/**
 * Numbered schema migrations, applied in order inside one transaction each. Never edit a
 * migration that has shipped; add the next number. Each domain adds its file here and one
 * line to the list below (numbers must be unique; `openStore` refuses duplicates).
 */
import type { Migration } from '../db.js';
import { m001Init } from './001-init.js';
import { m002KeptReceipts } from './002-kept-receipts.js';
import { m010Outbox } from './010-outbox.js';
import { m011Catalogue } from './011-catalogue.js';
import { m012OutboxHolders } from './012-outbox-holders.js';
import { m020AuditLog } from './020-audit-log.js';
import { m021StaffLockout } from './021-staff-lockout.js';

export const MIGRATIONS: readonly Migration[] = [
  m001Init,
  m002KeptReceipts,
  m010Outbox,
  m011Catalogue,
  m012OutboxHolders,
  m020AuditLog,
  m021StaffLockout,
];
