/**
 * Verifies terminal request signatures (scheme in drivers/common/request-signature.ts and
 * docs/approval-api.md). Order matters: the nonce is recorded only after the signature holds,
 * so nobody can burn a terminal's nonces with unsigned requests.
 */
import {
  NONCE_PATTERN,
  SIGNATURE_HEADERS,
  SIGNATURE_MAX_SKEW_MS,
  computeSignature,
  parseAuthorization,
  parseTerminalKeyHex,
  sha256Hex,
  signaturesEqual,
} from '../drivers/common/request-signature.js';
import type { Db } from './db.js';
import { problem, type Reply } from './http.js';
import type { TerminalEntry } from './types.js';

export interface Terminal extends TerminalEntry {
  readonly keyBytes: Uint8Array;
}

export function loadTerminals(entries: readonly TerminalEntry[]): Map<string, Terminal> {
  const byKeyId = new Map<string, Terminal>();
  for (const entry of entries) {
    if (byKeyId.has(entry.keyId))
      throw new TypeError(`terminals: key id ${entry.keyId} listed twice`);
    byKeyId.set(entry.keyId, { ...entry, keyBytes: parseTerminalKeyHex(entry.key) });
  }
  return byKeyId;
}

const unauthorized = (code: string, title: string): Reply =>
  problem({ status: 401, code, title, headers: { 'WWW-Authenticate': 'HK1-HMAC-SHA256' } });

/**
 * Checks one request's signature. `realNowMs` is wall-clock time (never the movable review
 * clock). Returns the terminal or the 401 reply to send.
 */
export function verifyRequest(
  db: Db,
  terminals: ReadonlyMap<string, Terminal>,
  request: {
    method: string;
    pathWithQuery: string;
    headers: Record<string, string | string[] | undefined>;
    body: Buffer;
  },
  realNowMs: number,
): { terminal: Terminal } | { reply: Reply } {
  const header = (name: string): string | undefined => {
    const v = request.headers[name];
    return Array.isArray(v) ? v[0] : v;
  };
  const auth = parseAuthorization(header(SIGNATURE_HEADERS.authorization));
  if (!auth) {
    return {
      reply: unauthorized(
        'signature-missing',
        'Authorization must be "HK1-HMAC-SHA256 KeyId=<id>, Signature=<base64>"',
      ),
    };
  }
  const terminal = terminals.get(auth.keyId);
  if (!terminal) return { reply: unauthorized('unknown-key', `key id ${auth.keyId} is not known`) };

  const timestampText = header(SIGNATURE_HEADERS.timestamp) ?? '';
  if (!/^\d{1,15}$/.test(timestampText)) {
    return { reply: unauthorized('timestamp-missing', 'X-HK-Timestamp must be Unix milliseconds') };
  }
  const timestampMs = Number(timestampText);
  if (Math.abs(realNowMs - timestampMs) > SIGNATURE_MAX_SKEW_MS) {
    return {
      reply: unauthorized('timestamp-skew', 'X-HK-Timestamp is more than five minutes off'),
    };
  }
  const nonce = header(SIGNATURE_HEADERS.nonce) ?? '';
  if (!NONCE_PATTERN.test(nonce)) {
    return {
      reply: unauthorized('nonce-missing', 'X-HK-Nonce must be 16-64 base64url characters'),
    };
  }
  const digest = sha256Hex(request.body);
  if (header(SIGNATURE_HEADERS.contentSha256) !== digest) {
    return {
      reply: unauthorized('digest-mismatch', 'X-HK-Content-SHA256 does not match the body'),
    };
  }
  const expected = computeSignature(terminal.keyBytes, {
    method: request.method,
    pathWithQuery: request.pathWithQuery,
    timestampMs,
    nonce,
    contentSha256: digest,
  });
  if (!signaturesEqual(expected, auth.signature)) {
    return { reply: unauthorized('signature-invalid', 'the signature does not verify') };
  }

  // Nonces older than twice the window can never be replayed successfully: forget them.
  db.prepare('DELETE FROM nonces WHERE seen_at < ?').run(realNowMs - 2 * SIGNATURE_MAX_SKEW_MS);
  const inserted = db
    .prepare('INSERT OR IGNORE INTO nonces (key_id, nonce, seen_at) VALUES (?, ?, ?)')
    .run(auth.keyId, nonce, realNowMs);
  if (inserted.changes === 0) {
    return { reply: unauthorized('nonce-reused', 'this nonce was already used') };
  }
  return { terminal };
}
