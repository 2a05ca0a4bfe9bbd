/**
 * Exports the kiosk's logs and audit trail to a folder a technician chose (a USB drive's mount
 * point) as one tar archive plus a detached signature file:
 *
 *   hall-kiosk-<terminal>-<UTC time>.tar       manifest.json, audit/audit.jsonl,
 *                                              audit/verify.json, logs/<each log file>
 *   hall-kiosk-<terminal>-<UTC time>.tar.sig   JSON: HMAC-SHA256 over the archive bytes
 *
 * The signing key is derived from the terminal's HMAC key (approvalApi.keyFile) with HKDF, so
 * the central office, which holds every terminal's key, can check an archive, while the key
 * used to sign API requests is never used for anything else (docs/staff.md: verification).
 * The folder must lie under one of `maintenance.exportRoots` after resolving symlinks.
 */
import { createHash, createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import {
  closeSync,
  fsyncSync,
  openSync,
  readdirSync,
  readFileSync,
  realpathSync,
  statSync,
  writeSync,
} from 'node:fs';
import { join, sep } from 'node:path';
import { err, ok, type Result } from '../../../drivers/common/result.js';
import type { AuditLog } from '../audit/audit-log.js';
import { createTar, type TarEntry } from './tar.js';

export const EXPORT_FORMAT = 'hall-kiosk-export/1';
export const SIGNATURE_FORMAT = 'hall-kiosk-export-signature/1';
/** HKDF `info` that separates the export key from the request-signing key. */
export const EXPORT_KEY_INFO = 'hall-kiosk export v1';
/** Log files larger than this are cut to their last bytes (the newest lines). */
const MAX_LOG_FILE_BYTES = 32 * 1024 * 1024;
/** All logs together; older files are left out beyond this. */
const MAX_LOG_TOTAL_BYTES = 128 * 1024 * 1024;

export interface ExportOptions {
  readonly folder: string;
  readonly exportRoots: readonly string[];
  readonly logDir: string | undefined;
  readonly audit: AuditLog;
  readonly terminalId: string;
  readonly version: string;
  readonly keyId: string;
  /** The terminal's 32-byte HMAC key. */
  readonly terminalKey: Uint8Array;
  readonly now?: () => Date;
}

export interface ExportReport {
  readonly archive: string;
  readonly signature: string;
  readonly bytes: number;
  readonly sha256: string;
  readonly files: string[];
  readonly auditHeadHash: string;
}

export type ExportError = {
  readonly code: 'E_EXPORT_FOLDER' | 'E_EXPORT_WRITE';
  readonly message: string;
};

export interface ExportSignature {
  readonly format: typeof SIGNATURE_FORMAT;
  readonly algorithm: 'HMAC-SHA256';
  readonly keyId: string;
  readonly keyDerivation: string;
  readonly archive: string;
  readonly bytes: number;
  readonly sha256: string;
  readonly signature: string;
}

export function exportKey(terminalKey: Uint8Array): Buffer {
  return Buffer.from(hkdfSync('sha256', terminalKey, Buffer.alloc(0), EXPORT_KEY_INFO, 32));
}

export function signArchive(terminalKey: Uint8Array, archive: Uint8Array): string {
  return createHmac('sha256', exportKey(terminalKey)).update(archive).digest('hex');
}

/** Checks an archive against its signature file; names the first problem found. */
export function verifyArchive(
  terminalKey: Uint8Array,
  archive: Uint8Array,
  signatureJson: string,
): Result<ExportSignature, string> {
  let sig: ExportSignature;
  try {
    sig = JSON.parse(signatureJson) as ExportSignature;
  } catch {
    return err('the signature file is not JSON');
  }
  if (sig.format !== SIGNATURE_FORMAT || sig.algorithm !== 'HMAC-SHA256') {
    return err(`unknown signature format ${String(sig.format)} / ${String(sig.algorithm)}`);
  }
  const sha256 = createHash('sha256').update(archive).digest('hex');
  if (sha256 !== sig.sha256)
    return err('the archive is not the one that was signed (SHA-256 differs)');
  const expected = Buffer.from(signArchive(terminalKey, archive), 'hex');
  const given = Buffer.from(String(sig.signature), 'hex');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return err('the signature does not match: wrong terminal key or a changed archive');
  }
  return ok(sig);
}

/** Resolves the folder and checks it lies under an allowed root; names the problem. */
export function checkExportFolder(
  folder: string,
  roots: readonly string[],
): Result<string, string> {
  let real: string;
  try {
    real = realpathSync(folder);
  } catch {
    return err(`the folder ${folder} does not exist (is the USB drive mounted?)`);
  }
  if (!statSync(real).isDirectory()) return err(`${folder} is not a folder`);
  const allowed = roots.some((root) => {
    let realRoot: string;
    try {
      realRoot = realpathSync(root);
    } catch {
      return false;
    }
    return real === realRoot || real.startsWith(realRoot.endsWith(sep) ? realRoot : realRoot + sep);
  });
  if (!allowed) {
    return err(
      `exports may only go under ${roots.join(', ')} (maintenance.exportRoots); ${folder} is not`,
    );
  }
  return ok(real);
}

/** Most folders offered as export targets. */
const MAX_TARGETS = 20;

/**
 * Folders a technician can pick: the folders one and two levels below each export root
 * (`/media/<user>/<label>` is where Debian's automounter puts a USB drive).
 */
export function exportTargets(roots: readonly string[]): string[] {
  const found: string[] = [];
  const subfolders = (dir: string): string[] => {
    try {
      return readdirSync(dir, { withFileTypes: true })
        .filter((e) => e.isDirectory() && !e.name.startsWith('.'))
        .map((e) => join(dir, e.name))
        .sort();
    } catch {
      return [];
    }
  };
  for (const root of roots) {
    for (const first of subfolders(root)) {
      found.push(first);
      found.push(...subfolders(first));
    }
  }
  return found.slice(0, MAX_TARGETS);
}

function logEntries(
  logDir: string | undefined,
  mtime: number,
): { entries: TarEntry[]; skipped: string[] } {
  if (!logDir) return { entries: [], skipped: [] };
  let names: string[];
  try {
    names = readdirSync(logDir);
  } catch {
    return { entries: [], skipped: [`${logDir} (cannot be read)`] };
  }
  const files = names
    .map((name) => ({ name, path: join(logDir, name) }))
    .filter((f) => /^[A-Za-z0-9._-]{1,90}$/.test(f.name))
    .map((f) => ({ ...f, stat: statSync(f.path) }))
    .filter((f) => f.stat.isFile())
    .sort((a, b) => b.stat.mtimeMs - a.stat.mtimeMs);
  const entries: TarEntry[] = [];
  const skipped: string[] = [];
  let total = 0;
  for (const file of files) {
    let data = readFileSync(file.path);
    if (data.length > MAX_LOG_FILE_BYTES) data = data.subarray(data.length - MAX_LOG_FILE_BYTES);
    if (total + data.length > MAX_LOG_TOTAL_BYTES) {
      skipped.push(file.name);
      continue;
    }
    total += data.length;
    entries.push({
      name: `logs/${file.name}`,
      data,
      mtime: Math.floor(file.stat.mtimeMs / 1000) || mtime,
    });
  }
  return { entries, skipped };
}

function writeDurably(path: string, data: Uint8Array | string): void {
  // 'wx': never overwrite; fsync so pulling the USB drive right after does not lose it.
  const fd = openSync(path, 'wx', 0o644);
  try {
    writeSync(fd, typeof data === 'string' ? Buffer.from(data) : data);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

export function writeExport(options: ExportOptions): Result<ExportReport, ExportError> {
  const folder = checkExportFolder(options.folder, options.exportRoots);
  if (!folder.ok) return err({ code: 'E_EXPORT_FOLDER', message: folder.error });

  const now = (options.now ?? (() => new Date()))();
  const mtime = Math.floor(now.getTime() / 1000);
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  const name = `hall-kiosk-${options.terminalId}-${stamp}.tar`;

  const auditLines = [...options.audit.all()].map((e) => JSON.stringify(e)).join('\n');
  const verification = options.audit.verify();
  const logs = logEntries(options.logDir, mtime);
  const content: TarEntry[] = [
    { name: 'audit/audit.jsonl', data: Buffer.from(auditLines ? `${auditLines}\n` : ''), mtime },
    {
      name: 'audit/verify.json',
      data: Buffer.from(`${JSON.stringify(verification, null, 2)}\n`),
      mtime,
    },
    ...logs.entries,
  ];
  const manifest = {
    format: EXPORT_FORMAT,
    terminalId: options.terminalId,
    softwareVersion: options.version,
    createdAt: now.toISOString(),
    auditEntries: verification.entries,
    auditHeadHash: verification.headHash,
    auditChainOk: verification.ok,
    logsSkipped: logs.skipped,
    files: content.map((e) => ({
      name: e.name,
      bytes: e.data.length,
      sha256: createHash('sha256').update(e.data).digest('hex'),
    })),
  };
  const archive = createTar([
    { name: 'manifest.json', data: Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`), mtime },
    ...content,
  ]);
  const sha256 = createHash('sha256').update(archive).digest('hex');
  const signature: ExportSignature = {
    format: SIGNATURE_FORMAT,
    algorithm: 'HMAC-SHA256',
    keyId: options.keyId,
    keyDerivation: `HKDF-SHA256(terminal key, salt = empty, info = "${EXPORT_KEY_INFO}", 32 bytes)`,
    archive: name,
    bytes: archive.length,
    sha256,
    signature: signArchive(options.terminalKey, archive),
  };

  const archivePath = join(folder.value, name);
  const signaturePath = `${archivePath}.sig`;
  try {
    writeDurably(archivePath, archive);
    writeDurably(signaturePath, `${JSON.stringify(signature, null, 2)}\n`);
    const dirFd = openSync(folder.value, 'r');
    try {
      fsyncSync(dirFd);
    } finally {
      closeSync(dirFd);
    }
  } catch (error) {
    return err({
      code: 'E_EXPORT_WRITE',
      message: `cannot write to ${folder.value}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
    });
  }
  return ok({
    archive: archivePath,
    signature: signaturePath,
    bytes: archive.length,
    sha256,
    files: ['manifest.json', ...content.map((e) => e.name)],
    auditHeadHash: verification.headHash,
  });
}
