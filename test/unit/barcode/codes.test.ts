import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_STATUS_BASE_URL,
  classifyCode,
  encodeAppIdentityCode,
  encodeBatchCode,
  encodeELicenseCode,
  encodePermitCode,
  encodeReceiptCode,
  isAppIdentityExpired,
  parsePermitCode,
  verifyPermitCode,
  type PermitFields,
} from '../../../drivers/common/codes.js';
import { buildELicenseIdentifier } from '../../../drivers/common/identifiers.js';
import { syntheticEnterprise } from '../../../drivers/common/synthetic.js';

const holder = syntheticEnterprise(1).creditCode;
const permit: PermitFields = {
  keyId: 'psb-2026',
  permitNumber: 'YHBZ-2026-000042',
  permitType: 'fireworks-road-transport',
  holderCreditCode: holder,
  validFrom: '20261201',
  validUntil: '20261203',
};
const issuer = generateKeyPairSync('ed25519');
const keys = new Map([['psb-2026', issuer.publicKey]]);

describe('receipt codes', () => {
  it('round-trips tracking number and terminal id through the status URL', () => {
    const text = encodeReceiptCode({ trackingNumber: 'SL-2026-000123', terminalId: 'hall-01' });
    expect(text).toBe(`${DEFAULT_STATUS_BASE_URL}/r/SL-2026-000123?t=hall-01`);
    expect(classifyCode(text)).toEqual({
      kind: 'receipt',
      trackingNumber: 'SL-2026-000123',
      terminalId: 'hall-01',
      origin: 'https://status.hall-kiosk.example',
    });
  });

  it('uses a configured status page and works without a terminal id', () => {
    const text = encodeReceiptCode({
      trackingNumber: 'ABC123',
      statusBaseUrl: 'https://zwfw.example.org/track/',
    });
    expect(text).toBe('https://zwfw.example.org/track/r/ABC123');
    expect(classifyCode(text)).toMatchObject({ kind: 'receipt', trackingNumber: 'ABC123' });
  });

  it('refuses to print a malformed tracking number', () => {
    expect(() => encodeReceiptCode({ trackingNumber: 'sl 1' })).toThrow(/tracking number/);
  });

  it('names the problem for a receipt URL with a bad tracking number', () => {
    expect(classifyCode('https://x.example/r/ab')).toEqual({
      kind: 'unknown',
      reason: 'receipt URL holds no valid tracking number',
      looksLike: 'receipt',
    });
  });
});

describe('permit codes', () => {
  it('signs, parses and verifies a permit', () => {
    const text = encodePermitCode(permit, issuer.privateKey);
    expect(
      text.startsWith(`HKP1|psb-2026|YHBZ-2026-000042|fireworks-road-transport|${holder}|`),
    ).toBe(true);
    const parsed = parsePermitCode(text);
    if (!parsed.ok) throw new Error(parsed.error);
    expect(parsed.value).toMatchObject({ kind: 'permit', ...permit });
    expect(verifyPermitCode(parsed.value, keys).ok).toBe(true);
  });

  it('rejects a permit whose fields were altered after signing', () => {
    const text = encodePermitCode(permit, issuer.privateKey).replace('20261203', '20261231');
    const parsed = parsePermitCode(text);
    if (!parsed.ok) throw new Error(parsed.error);
    expect(verifyPermitCode(parsed.value, keys)).toEqual({ ok: false, error: 'bad-signature' });
  });

  it('reports an unknown key id and a key of the wrong type without throwing', () => {
    const parsed = parsePermitCode(encodePermitCode(permit, issuer.privateKey));
    if (!parsed.ok) throw new Error(parsed.error);
    expect(verifyPermitCode(parsed.value, new Map())).toEqual({ ok: false, error: 'unknown-key' });
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey;
    expect(verifyPermitCode(parsed.value, new Map([['psb-2026', rsa]])).ok).toBe(false);
  });

  it('explains a permit with a broken holder credit code', () => {
    const text = encodePermitCode(permit, issuer.privateKey).replace(
      holder,
      holder.slice(0, 17) + (holder.endsWith('0') ? '1' : '0'),
    );
    expect(classifyCode(text)).toMatchObject({ kind: 'unknown', looksLike: 'permit' });
  });
});

describe('batch codes', () => {
  const input = { gtin: '09506000134352', batch: 'ABC123', expiryDate: '261231' };

  it('reads the HRI form zxing-wasm returns', () => {
    expect(encodeBatchCode(input)).toBe('(01)09506000134352(17)261231(10)ABC123');
    expect(classifyCode('(01)09506000134352(17)261231(10)ABC123')).toMatchObject({
      kind: 'batch',
      gtin: '09506000134352',
      batch: 'ABC123',
      expiryDate: '2026-12-31',
    });
  });

  it('reads the raw form with GS separators that serial readers send', () => {
    const raw = encodeBatchCode({ ...input, serial: 'S1', count: 12 }, 'raw');
    expect(raw).toBe('010950600013435217261231' + '10ABC123\u001d21S1\u001d3712');
    expect(classifyCode(raw, { symbologyIdentifier: ']C1' })).toMatchObject({
      kind: 'batch',
      serial: 'S1',
      count: 12,
    });
  });

  it('reads a GS1 string without any GS when the reader announced GS1', () => {
    expect(
      classifyCode('0109506000134352' + '10LOT7', { symbologyIdentifier: ']d2' }),
    ).toMatchObject({ kind: 'batch', batch: 'LOT7' });
    // Without the announcement those are just digits.
    expect(classifyCode('010950600013435210LOT7').kind).toBe('unknown');
  });

  it('says why GS1 data is not a batch code', () => {
    expect(classifyCode('(01)09506000134353(10)A')).toMatchObject({
      kind: 'unknown',
      reason: 'AI (01) GTIN has a wrong check digit',
      looksLike: 'batch',
    });
    expect(classifyCode('(00)106141411234567897')).toMatchObject({
      kind: 'unknown',
      looksLike: 'batch',
      reason: expect.stringContaining('not a goods batch code'),
    });
  });
});

describe('app identity codes', () => {
  it('round-trips and tells expiry', () => {
    const text = encodeAppIdentityCode({
      appId: 'gov-app',
      token: 'q3J8sZk1_-Xyz0123456789',
      expiresAt: 1_800_000_000,
    });
    const code = classifyCode(text);
    expect(code).toEqual({
      kind: 'app-identity',
      appId: 'gov-app',
      token: 'q3J8sZk1_-Xyz0123456789',
      expiresAt: 1_800_000_000,
    });
    if (code.kind !== 'app-identity') throw new Error('unreachable');
    expect(isAppIdentityExpired(code, new Date(1_799_999_999_000))).toBe(false);
    expect(isAppIdentityExpired(code, new Date(1_800_000_000_000))).toBe(true);
  });
});

describe('e-license codes', () => {
  const id = buildELicenseIdentifier({
    typeCode: '11100000000013338W032',
    issuerCreditCode: holder,
    serial: '2430599',
    version: '001',
  });

  it('reads the bare identifier and a verification URL', () => {
    expect(classifyCode(id)).toMatchObject({
      kind: 'e-license',
      identifier: id,
      serial: '2430599',
    });
    const url = encodeELicenseCode(id, 'https://zzfw.example.org/verify');
    expect(classifyCode(url)).toMatchObject({
      kind: 'e-license',
      identifier: id,
      origin: 'https://zzfw.example.org',
    });
  });

  it('recognises the published Jilin identifier', () => {
    expect(
      classifyCode('1.2.156.3005.2.11100000000013338W032.11220000013544541J.2430599.001.F'),
    ).toMatchObject({ kind: 'e-license' });
  });

  it('names a wrong check character', () => {
    const broken = id.slice(0, -1) + (id.endsWith('A') ? 'B' : 'A');
    expect(classifyCode(broken)).toEqual({
      kind: 'unknown',
      reason: 'e-license identifier has a wrong check character',
      looksLike: 'e-license',
    });
  });
});

describe('classifyCode on anything else', () => {
  it.each([
    ['', 'empty'],
    ['hello', 'not a code this kiosk knows'],
    ['(see page 2)', 'not a code this kiosk knows'],
    ['https://example.org/some/page', 'not a code this kiosk knows'],
    ['HKP1|only|three', 'permit code needs 8 fields, has 3'],
  ])('%j -> unknown: %s', (text, reason) => {
    expect(classifyCode(text)).toMatchObject({ kind: 'unknown', reason });
  });

  it('answers non-text and oversized input instead of throwing', () => {
    expect(classifyCode(undefined).kind).toBe('unknown');
    expect(classifyCode(42).kind).toBe('unknown');
    expect(classifyCode('9'.repeat(10_000))).toMatchObject({ kind: 'unknown' });
  });

  it('ignores a reader CR LF suffix', () => {
    expect(classifyCode(encodeReceiptCode({ trackingNumber: 'ABC123' }) + '\r\n').kind).toBe(
      'receipt',
    );
  });
});
