/**
 * Every error a person can meet has a screen in both languages: the fault table maps device and
 * API codes to a kind, and both message catalogues carry the same keys (title, what happened,
 * what to do for every kind).
 */
import { describe, expect, it } from 'vitest';
import { FAULT_KINDS, faultKind, isFault } from '../../../renderer/src/flow/faults';
import en from '../../../renderer/src/i18n/en.json';
import zhCN from '../../../renderer/src/i18n/zh-CN.json';

function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

describe('fault screens', () => {
  it.each([
    ['E_IDCARD_TIMEOUT', 'idCard', 'cardUnreadable'],
    ['E_SOMETHING', 'idCard', 'cardUnreadable'],
    ['E_SCANNER_FEEDER_JAM', 'scanner', 'paperJam'],
    ['E_SCANNER_DOOR_OPEN', 'scanner', 'scannerCoverOpen'],
    ['E_SCANNER_FEEDER_EMPTY', 'scanner', 'scannerEmpty'],
    ['E_SCANNER_DEVICE_ERROR', 'scanner', 'scannerUnavailable'],
    ['paper-end', 'printer', 'printerOutOfPaper'],
    ['cover-open', 'printer', 'printerFault'],
    ['write-timeout', 'printer', 'printerFault'],
    ['E_APPLICATION_API_UNAVAILABLE', 'approval', 'centralApiDown'],
    ['E_APPLICATION_ITEM_UNAVAILABLE', 'approval', 'centralApiDown'],
    ['E_BARCODE_VERIFY_UNAVAILABLE', 'service', 'centralApiDown'],
    ['E_BARCODE_NO_API', 'service', 'centralApiDown'],
    ['E_BARCODE_SCAN_GONE', 'service', 'scanAgain'],
    ['E_APPLICATION_NOT_SAVED', 'approval', 'applicationNotSaved'],
    ['E_BARCODE_APP_CODE_EXPIRED', 'service', 'appCodeExpired'],
    ['E_BARCODE_APP_CODE_USED', 'service', 'appCodeUsed'],
    ['E_BARCODE_APP_CODE_UNKNOWN', 'service', 'appCodeUnknown'],
    ['E_METHOD', 'service', 'notAvailable'],
    ['E_TIMEOUT', 'service', 'serviceUnavailable'],
    ['E_WHATEVER', 'service', 'unknown'],
  ])('%s from %s shows %s', (code, source, kind) => {
    expect(faultKind(code, source)).toBe(kind);
  });

  it('says, for an application the full disk kept from being saved, to call staff and that the answers are kept', () => {
    const zh = (zhCN.fault as unknown as Record<string, Record<string, string>>)[
      'applicationNotSaved'
    ]!;
    const english = (en.fault as unknown as Record<string, Record<string, string>>)[
      'applicationNotSaved'
    ]!;
    expect(english['todo']).toMatch(/staff/);
    expect(english['what']).toMatch(/answers are kept/);
    expect(zh['todo']).toMatch(/工作人员/);
    expect(zh['what']).toMatch(/仍然保留/);
    // The kiosk says what to do, not that the application is saved: it is not.
    expect(english['what']).toMatch(/not saved/);
    expect(isFault('E_APPLICATION_NOT_SAVED')).toBe(true);
  });

  it('shows no fault screen when the person cancelled a scan', () => {
    expect(isFault('E_SCANNER_CANCELLED')).toBe(false);
    expect(isFault('E_SCANNER_FEEDER_JAM')).toBe(true);
  });

  it('explains each scan limit in both languages with its numbers', () => {
    for (const catalogue of [en, zhCN]) {
      const limits = (catalogue.materials as unknown as { scanLimit: Record<string, string> })
        .scanLimit;
      expect(limits['too-many-pages']).toContain('{{limitPages}}');
      expect(limits['too-many-pages']).toContain('{{keptPages}}');
      expect(limits['material-too-large']).toContain('{{keptPages}}');
      expect(limits['page-too-large']).toContain('{{page}}');
    }
  });

  it('has a title, what happened and what to do for every kind, in both languages', () => {
    for (const catalogue of [en, zhCN]) {
      const fault = catalogue.fault as unknown as Record<string, Record<string, string>>;
      for (const kind of FAULT_KINDS) {
        for (const part of ['title', 'what', 'todo']) {
          expect(fault[kind]?.[part], `${kind}.${part}`).toMatch(/\S/);
        }
      }
    }
  });

  it('has the same message keys in Chinese and English', () => {
    const plural = (k: string) => k.replace(/_(zero|one|other)$/, '');
    const zh = new Set(keys(zhCN).map(plural));
    const english = new Set(keys(en).map(plural));
    expect([...zh].filter((k) => !english.has(k))).toEqual([]);
    expect([...english].filter((k) => !zh.has(k))).toEqual([]);
  });
});
