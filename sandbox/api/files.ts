/** File uploads: content-addressed per terminal, digest and type checked, size-limited. */
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { json, problem } from '../http.js';
import { type Handler, header, terminalOf } from './context.js';

/** Largest accepted file upload: 20 MiB (multi-page A4 scans at 300 dpi fit). */
export const FILE_MAX_BYTES = 20 * 1024 * 1024;
/** Unreferenced uploads are kept this long. */
const FILE_RETENTION_MS = 7 * 24 * 3_600_000;

/** Leading bytes of each accepted type: PDF (ISO 32000 "%PDF-"), JPEG SOI+marker, PNG signature. */
const MAGIC: Record<string, readonly number[]> = {
  'application/pdf': [0x25, 0x50, 0x44, 0x46, 0x2d],
  'image/jpeg': [0xff, 0xd8, 0xff],
  'image/png': [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
};

export const uploadFile: Handler = (ctx) => {
  const terminal = terminalOf(ctx);
  const declared = header(ctx, 'x-file-sha256');
  if (!declared || !/^[0-9a-f]{64}$/.test(declared)) {
    return problem({
      status: 400,
      code: 'file-digest-missing',
      title: 'X-File-SHA256 must be 64 lower-case hex characters',
    });
  }
  if (ctx.rawBody.length === 0) {
    return problem({ status: 400, code: 'file-empty', title: 'the file is empty' });
  }
  const actual = createHash('sha256').update(ctx.rawBody).digest('hex');
  if (actual !== declared) {
    return problem({
      status: 422,
      code: 'file-digest-mismatch',
      title: 'X-File-SHA256 does not match the bytes received',
    });
  }
  const magic = MAGIC[ctx.contentType]!;
  if (!magic.every((b, i) => ctx.rawBody[i] === b)) {
    return problem({
      status: 422,
      code: 'file-content-mismatch',
      title: `the bytes are not ${ctx.contentType}`,
    });
  }
  const existing = ctx.db
    .prepare('SELECT record FROM files WHERE terminal_id = ? AND sha256 = ?')
    .get(terminal.id, actual) as { record: string } | undefined;
  if (existing) return json(200, JSON.parse(existing.record));

  const dir = join(ctx.dataDir, 'files');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, actual), ctx.rawBody);
  let fileName: string | undefined;
  try {
    const raw = header(ctx, 'x-file-name');
    fileName = raw ? decodeURIComponent(raw) : undefined;
  } catch {
    fileName = undefined;
  }
  const record = {
    fileId: `f_${randomBytes(12).toString('base64url')}`,
    sha256: actual,
    size: ctx.rawBody.length,
    mediaType: ctx.contentType,
    ...(fileName ? { fileName } : {}),
    createdAt: ctx.now.toISOString(),
    expiresAt: new Date(ctx.now.getTime() + FILE_RETENTION_MS).toISOString(),
  };
  ctx.db
    .prepare('INSERT INTO files (file_id, terminal_id, sha256, record) VALUES (?, ?, ?, ?)')
    .run(record.fileId, terminal.id, actual, JSON.stringify(record));
  return json(201, record);
};
