import { describe, expect, it } from 'vitest';
import {
  EMPTY_BODY_SHA256,
  canonicalRequest,
  computeSignature,
  formatAuthorization,
  parseAuthorization,
  parseTerminalKeyHex,
  sha256Hex,
  signaturesEqual,
} from '../../../drivers/common/request-signature.js';
import { readFileSync } from 'node:fs';

const KEY = parseTerminalKeyHex('00'.repeat(31) + '01');
const INPUT = {
  method: 'post',
  pathWithQuery: '/v1/items?q=%E7%83%9F',
  timestampMs: 1796289230009,
  nonce: 'abcdefghijklmnop',
  contentSha256: EMPTY_BODY_SHA256,
};

describe('request signature scheme', () => {
  it('builds the documented canonical string', () => {
    expect(canonicalRequest(INPUT)).toBe(
      [
        'HK1-HMAC-SHA256',
        'POST',
        '/v1/items?q=%E7%83%9F',
        '1796289230009',
        'abcdefghijklmnop',
        'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
      ].join('\n'),
    );
  });

  it('signs deterministically and changes with every signed part', () => {
    const base = computeSignature(KEY, INPUT);
    expect(Buffer.from(base, 'base64')).toHaveLength(32);
    expect(computeSignature(KEY, INPUT)).toBe(base);
    for (const change of [
      { method: 'GET' },
      { pathWithQuery: '/v1/items' },
      { timestampMs: 1 },
      { nonce: 'bcdefghijklmnopq' },
      { contentSha256: '0'.repeat(64) },
    ]) {
      expect(computeSignature(KEY, { ...INPUT, ...change })).not.toBe(base);
    }
    expect(signaturesEqual(base, base)).toBe(true);
    expect(signaturesEqual(base, computeSignature(KEY, { ...INPUT, nonce: 'x'.repeat(16) }))).toBe(
      false,
    );
  });

  it('reproduces the worked example of docs/approval-api.md', () => {
    const key = parseTerminalKeyHex(
      '0bea1a5a586d65fdc41585afa4d6a022e47f4ce15af022c68243ea5d5ab38458',
    );
    const body = '{"code":"not a permit"}';
    expect(sha256Hex(body)).toBe(
      'd1c5c14aafaaad5daf8bbb7c99a95c032218c976e240165e516dde7a4b93a36d',
    );
    const signature = computeSignature(key, {
      method: 'POST',
      pathWithQuery: '/v1/permits/verify',
      timestampMs: 1796289230009,
      nonce: 'bm9uY2UtZXhhbXBsZS0x',
      contentSha256: sha256Hex(body),
    });
    expect(signature).toBe('AxzvZKVog4TeFPVftmpXYa7XCeXg4A4HYf/N7Xa18+c=');
  });

  it('round-trips the Authorization header and refuses other shapes', () => {
    const header = formatAuthorization('demo-key-1', 'c2lnbmF0dXJl');
    expect(parseAuthorization(header)).toEqual({ keyId: 'demo-key-1', signature: 'c2lnbmF0dXJl' });
    expect(parseAuthorization('Bearer token')).toBeUndefined();
    expect(parseAuthorization(undefined)).toBeUndefined();
  });

  it('reads the demo key file (hex) and names a bad one', () => {
    const text = readFileSync(
      new URL('../../../kiosk-config/demo-terminal.key', import.meta.url),
      'utf8',
    );
    expect(parseTerminalKeyHex(text)).toHaveLength(32);
    expect(() => parseTerminalKeyHex('abc')).toThrow(/64 hex characters/);
  });
});
