import { describe, expect, it } from 'vitest';
import {
  installedConfigPath,
  readFlag,
  resolveLaunchOptions,
  type LaunchInputs,
} from '../../../electron/main/launch-options.js';

const base: LaunchInputs = {
  argv: ['/usr/lib/hall-kiosk/electron', '.'],
  env: {},
  cwd: '/srv/kiosk',
  isPackaged: false,
  appPath: '/srv/kiosk',
  userDataPath: '/home/kiosk/.config/hall-kiosk',
  platform: 'linux',
};

describe('launch options for the service', () => {
  it('uses the demo config and the user data dir in a source checkout', () => {
    const options = resolveLaunchOptions(base);
    expect(options.configPath).toBe('/srv/kiosk/kiosk-config/default.json');
    expect(options.dataDir).toBe('/home/kiosk/.config/hall-kiosk/data');
    expect(options.serviceArgs).toEqual([
      '--config',
      '/srv/kiosk/kiosk-config/default.json',
      '--data-dir',
      '/home/kiosk/.config/hall-kiosk/data',
    ]);
  });

  it('honours KIOSK_CONFIG', () => {
    const options = resolveLaunchOptions({ ...base, env: { KIOSK_CONFIG: '/etc/hall/a.json' } });
    expect(options.configPath).toBe('/etc/hall/a.json');
  });

  it('prefers --config over KIOSK_CONFIG and resolves relative paths against the cwd', () => {
    const options = resolveLaunchOptions({
      ...base,
      argv: [...base.argv, '--config', 'halls/east.json', '--data-dir=/var/lib/kiosk'],
      env: { KIOSK_CONFIG: '/etc/hall/a.json' },
    });
    expect(options.configPath).toBe('/srv/kiosk/halls/east.json');
    expect(options.dataDir).toBe('/var/lib/kiosk');
  });

  it('never falls back to the demo config in an installed build', () => {
    const options = resolveLaunchOptions({ ...base, isPackaged: true, appPath: '/opt/x/app.asar' });
    expect(options.configPath).toBe('/etc/hall-kiosk/config.json');
    expect(installedConfigPath('win32', { PROGRAMDATA: 'D:\\Data' })).toBe(
      'D:\\Data\\HallKiosk\\config.json',
    );
  });

  it('reads flags in both spellings, the last one winning, and ignores a missing value', () => {
    expect(readFlag(['--config', 'a', '--config=b'], 'config')).toBe('b');
    expect(readFlag(['--config'], 'config')).toBeUndefined();
    expect(readFlag(['--config', '--data-dir', 'x'], 'config')).toBeUndefined();
    expect(readFlag(['--configure=1'], 'config')).toBeUndefined();
    expect(readFlag(['--config='], 'config')).toBeUndefined();
  });
});
