import { describe, expect, it } from 'vitest';
import { barcodeReaderConfig } from '../../../kiosk-config/devices/barcode.js';
import { kioskConfigSchema } from '../../../kiosk-config/schema.js';

const base = {
  terminal: { id: 'HK-TEST-0001', hall: { 'zh-CN': '测试大厅', en: 'Test hall' } },
  approvalApi: { baseUrl: 'https://approval.example.org', keyId: 'k1', keyFile: 'terminal.key' },
};

describe('devices.barcode config', () => {
  it('fills the serial defaults (9600 baud, CR suffix, 50 ms gap)', () => {
    expect(barcodeReaderConfig.parse({ driver: 'serial', path: '/dev/ttyACM0' })).toEqual({
      driver: 'serial',
      path: '/dev/ttyACM0',
      baudRate: 9600,
      suffix: 'CR',
      interByteTimeoutMs: 50,
    });
  });

  it('takes USB ids as lsusb prints them and names a bad one', () => {
    const ok = { driver: 'hid-pos', vendorId: '0c2e', productId: '0CA1', reportLayout: 'newland' };
    expect(barcodeReaderConfig.parse(ok)).toEqual(ok);
    const bad = barcodeReaderConfig.safeParse({ ...ok, vendorId: 3118 });
    expect(bad.success).toBe(false);
    const wrong = barcodeReaderConfig.safeParse({ ...ok, vendorId: 'c2e' });
    expect(wrong.error?.issues[0]?.message).toBe(
      'four hex digits as lsusb prints them, e.g. "0c2e"',
    );
  });

  it('refuses keys it does not know (strict) and an unknown driver', () => {
    expect(
      barcodeReaderConfig.safeParse({ driver: 'serial', path: '/dev/x', parity: 'none' }).success,
    ).toBe(false);
    expect(barcodeReaderConfig.safeParse({ driver: 'keyboard-wedge' }).success).toBe(false);
  });

  it('allows several readers in demo and refuses a simulated one in production', () => {
    const barcode = [{ driver: 'serial', path: '/dev/ttyACM0' }, { driver: 'simulator' }];
    expect(
      kioskConfigSchema.safeParse({ ...base, mode: 'demo', devices: { barcode } }).success,
    ).toBe(true);
    const production = kioskConfigSchema.safeParse({
      ...base,
      mode: 'production',
      devices: { barcode },
    });
    expect(production.error?.issues.map((i) => i.path.join('.'))).toEqual([
      'devices.barcode.1.driver',
    ]);
  });
});
