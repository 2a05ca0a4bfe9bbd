/**
 * The terminal request-signing scheme of the central approval API (docs/approval-api.md).
 * Shared by the kiosk's approval client (which signs) and the sandbox API (which verifies), so
 * both build the exact same canonical string.
 *
 * Canonical string (lines joined by "\n", no trailing newline):
 *   HK1-HMAC-SHA256
 *   <METHOD, upper case>
 *   <path and query exactly as sent on the wire>
 *   <timestamp: Unix time in milliseconds, decimal>
 *   <nonce>
 *   <SHA-256 of the body, lower-case hex; the digest of zero bytes when there is no body>
 * Signature: base64 of HMAC-SHA256(terminal key, canonical string).
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_ALGORITHM = 'HK1-HMAC-SHA256';

/** Header names, lower case as Node's HTTP server reports them. */
export const SIGNATURE_HEADERS = {
  authorization: 'authorization',
  timestamp: 'x-hk-timestamp',
  nonce: 'x-hk-nonce',
  contentSha256: 'x-hk-content-sha256',
} as const;

/** A request older or newer than this (milliseconds) is refused: five minutes. */
export const SIGNATURE_MAX_SKEW_MS = 5 * 60 * 1000;

/** Nonces are 16 to 64 characters of base64url alphabet. */
export const NONCE_PATTERN = /^[A-Za-z0-9_-]{16,64}$/;

export interface SignatureInput {
  readonly method: string;
  /** Path plus query string, as it appears in the request line. */
  readonly pathWithQuery: string;
  readonly timestampMs: number;
  readonly nonce: string;
  /** Lower-case hex SHA-256 of the body bytes. */
  readonly contentSha256: string;
}

export function sha256Hex(body: Uint8Array | string): string {
  return createHash('sha256').update(body).digest('hex');
}

export const EMPTY_BODY_SHA256 = sha256Hex(new Uint8Array(0));

export function canonicalRequest(input: SignatureInput): string {
  return [
    SIGNATURE_ALGORITHM,
    input.method.toUpperCase(),
    input.pathWithQuery,
    String(input.timestampMs),
    input.nonce,
    input.contentSha256,
  ].join('\n');
}

export function computeSignature(key: Uint8Array, input: SignatureInput): string {
  return createHmac('sha256', key).update(canonicalRequest(input)).digest('base64');
}

/** Constant-time comparison of two base64 signatures. */
export function signaturesEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, 'base64');
  const right = Buffer.from(b, 'base64');
  return left.length === right.length && left.length > 0 && timingSafeEqual(left, right);
}

/** `HK1-HMAC-SHA256 KeyId=<key id>, Signature=<base64>` */
export function formatAuthorization(keyId: string, signature: string): string {
  return `${SIGNATURE_ALGORITHM} KeyId=${keyId}, Signature=${signature}`;
}

const AUTHORIZATION_PATTERN = new RegExp(
  `^${SIGNATURE_ALGORITHM} KeyId=([A-Za-z0-9._-]{1,64}), Signature=([A-Za-z0-9+/=]{4,128})$`,
);

export function parseAuthorization(
  value: string | undefined,
): { keyId: string; signature: string } | undefined {
  const match = value === undefined ? null : AUTHORIZATION_PATTERN.exec(value.trim());
  if (!match) return undefined;
  return { keyId: match[1]!, signature: match[2]! };
}

/**
 * Parses a terminal key as written in a key file: 64 hex characters (32 bytes), surrounding
 * whitespace ignored. Throws a TypeError naming the problem otherwise.
 */
export function parseTerminalKeyHex(text: string): Uint8Array {
  const hex = text.trim();
  if (!/^[0-9a-fA-F]{64}$/.test(hex)) {
    throw new TypeError(
      `terminal key must be 64 hex characters (32 bytes); got ${hex.length} characters`,
    );
  }
  return Uint8Array.from(Buffer.from(hex, 'hex'));
}
