import { generateKeyPairSync } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  classifyCode,
  encodeAppIdentityCode,
  encodeBatchCode,
  encodePermitCode,
  encodeReceiptCode,
  parsePermitCode,
  verifyPermitCode,
} from '../../../drivers/common/codes.js';
import { gs1CheckDigit, parseGs1Hri, parseGs1Raw } from '../../../drivers/common/gs1.js';
import { syntheticEnterprise } from '../../../drivers/common/synthetic.js';
import { fuzzRuns } from '../../support/fuzz.js';

const runs = fuzzRuns();
const alnumUpper = fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789');
const trackingNumber = fc
  .tuple(
    alnumUpper,
    fc.array(fc.oneof(alnumUpper, fc.constant('-')), { minLength: 4, maxLength: 38 }),
    alnumUpper,
  )
  .map(([a, mid, b]) => a + mid.join('') + b);
const gtin = fc
  .array(fc.integer({ min: 0, max: 9 }), { minLength: 13, maxLength: 13 })
  .map((d) => d.join('') + gs1CheckDigit(d.join('')));
const charset82 = fc.constantFrom(
  ...'!"%&\')*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz',
);
const xValue = (max: number) =>
  fc.array(charset82, { minLength: 1, maxLength: max }).map((a) => a.join(''));
const yymmdd = fc
  .tuple(
    fc.integer({ min: 0, max: 99 }),
    fc.integer({ min: 1, max: 12 }),
    fc.integer({ min: 0, max: 28 }),
  )
  .map(([y, m, d]) => [y, m, d].map((n) => String(n).padStart(2, '0')).join(''));

describe('codes: properties', () => {
  it('classifyCode never throws and always answers a kind', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'binary', maxLength: 300 }),
          fc.string({
            unit: fc.constantFrom('H', 'K', 'P', 'A', '1', '|', '(', ')', '0', '\u001d', '.', '/'),
            maxLength: 80,
          }),
          fc.webUrl({ withQueryParameters: true }),
        ),
        fc.option(fc.constantFrom(']C1', ']d2', ']Q1', ']Q3', ']X0')),
        (text, sym) => {
          const result = classifyCode(text, sym === null ? {} : { symbologyIdentifier: sym });
          expect(typeof result.kind).toBe('string');
          if (result.kind === 'unknown') expect(result.reason.length).toBeGreaterThan(0);
        },
      ),
      { numRuns: runs },
    );
  });

  it('receipt codes round-trip', () => {
    fc.assert(
      fc.property(
        trackingNumber,
        fc.option(fc.constantFrom('hall-01', 'SL.kiosk_2')),
        (tn, tid) => {
          const text = encodeReceiptCode({
            trackingNumber: tn,
            ...(tid ? { terminalId: tid } : {}),
          });
          expect(classifyCode(text)).toMatchObject({
            kind: 'receipt',
            trackingNumber: tn,
            ...(tid ? { terminalId: tid } : {}),
          });
        },
      ),
      { numRuns: runs },
    );
  });

  it('batch codes round-trip in both forms', () => {
    fc.assert(
      fc.property(
        gtin,
        xValue(20),
        fc.option(yymmdd),
        fc.option(xValue(20)),
        fc.option(fc.integer({ min: 0, max: 99_999_999 })),
        fc.boolean(),
        (g, batch, expiry, serial, count, raw) => {
          const input = {
            gtin: g,
            batch,
            ...(expiry ? { expiryDate: expiry } : {}),
            ...(serial ? { serial } : {}),
            ...(count !== null ? { count } : {}),
          };
          const text = encodeBatchCode(input, raw ? 'raw' : 'hri');
          const code = classifyCode(text, raw ? { symbologyIdentifier: ']d2' } : {});
          expect(code).toMatchObject({
            kind: 'batch',
            gtin: g,
            batch,
            ...(serial ? { serial } : {}),
            ...(count !== null ? { count } : {}),
          });
        },
      ),
      { numRuns: runs },
    );
  });

  it('GS1 parsers never throw on arbitrary text', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(...'0123456789()\u001dAB-'), maxLength: 80 }),
        (text) => {
          const raw = parseGs1Raw(text);
          const hri = parseGs1Hri(text);
          if (!raw.ok) expect(raw.error.length).toBeGreaterThan(0);
          if (!hri.ok) expect(hri.error.length).toBeGreaterThan(0);
        },
      ),
      { numRuns: runs },
    );
  });

  it('app identity codes round-trip', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[a-z0-9][a-z0-9.-]{1,31}$/),
        fc.stringMatching(/^[A-Za-z0-9_-]{16,64}$/),
        fc.integer({ min: 1, max: 9_999_999_999 }),
        (appId, token, expiresAt) => {
          expect(classifyCode(encodeAppIdentityCode({ appId, token, expiresAt }))).toEqual({
            kind: 'app-identity',
            appId,
            token,
            expiresAt,
          });
        },
      ),
      { numRuns: runs },
    );
  });

  it('any single-character change to a signed permit is caught', () => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const text = encodePermitCode(
      {
        keyId: 'k1',
        permitNumber: 'YHBZ-0001',
        permitType: 'fireworks-road-transport',
        holderCreditCode: syntheticEnterprise(2).creditCode,
        validFrom: '20261201',
        validUntil: '20261202',
      },
      privateKey,
    );
    const keys = new Map([['k1', publicKey]]);
    fc.assert(
      fc.property(
        fc.nat({ max: text.length - 1 }),
        fc.constantFrom(...'0123456789ABCXYZ-_|a'),
        (at, ch) => {
          fc.pre(text[at] !== ch);
          const mutated = text.slice(0, at) + ch + text.slice(at + 1);
          const parsed = parsePermitCode(mutated);
          if (parsed.ok) expect(verifyPermitCode(parsed.value, keys).ok).toBe(false);
        },
      ),
      { numRuns: Math.min(runs, 2000) },
    );
  });
});
