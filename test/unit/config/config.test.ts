import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  ConfigError,
  chooseConfigPath,
  loadConfig,
  parseConfig,
} from '../../../electron/service/config/load.js';
import { demoConfig } from '../../support/service.js';

function problemsOf(json: unknown): readonly string[] {
  try {
    parseConfig(json);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('kiosk config', () => {
  it('loads the shipped demo config', () => {
    const loaded = loadConfig(
      new URL('../../../kiosk-config/default.json', import.meta.url).pathname,
    );
    expect(loaded.config.mode).toBe('demo');
    expect(loaded.config.ui.devDock).toBe(true);
    expect(loaded.resolvePath('demo-terminal.key')).toMatch(/kiosk-config\/demo-terminal\.key$/);
  });

  it('fills defaults', () => {
    const { config } = parseConfig(demoConfig({ ui: undefined }));
    expect(config.ui).toEqual({
      defaultLanguage: 'zh-CN',
      idleTimeoutSeconds: 120,
      idleWarningSeconds: 30,
      devDock: false,
      privateAudio: false,
    });
    expect(config.devices).toEqual({ barcode: [] });
  });

  it('reports one problem per bad field with path, expectation and what was found', () => {
    const problems = problemsOf({
      ...demoConfig(),
      terminal: { id: 7, hall: { 'zh-CN': '大厅' } },
      ui: { idleWarningSeconds: 5, colour: 'red' },
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        'terminal.id: expected string, found 7',
        'terminal.hall.en: expected string, found nothing (missing)',
        expect.stringMatching(/^ui\.idleWarningSeconds: expected .*20.*, found 5$/),
        'ui: expected only the keys in docs/config.md, found unknown key "colour"',
      ]),
    );
    expect(problems).toHaveLength(4);
  });

  it('names an unknown driver', () => {
    const problems = problemsOf({ ...demoConfig(), devices: { printer: { driver: 'laser' } } });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^devices\.printer\.driver: expected .*found "laser"$/);
  });

  it('refuses the dev dock and the embedded API in production', () => {
    const problems = problemsOf({ ...demoConfig(), mode: 'production' });
    expect(problems).toEqual([
      'ui.devDock: expected the dev dock is for demo configs only; production needs false, found true',
      'approvalApi.baseUrl: expected the embedded sandbox API is for demo configs only; production needs the central API URL, found "embedded"',
    ]);
  });

  it('explains unreadable and non-JSON files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cfg-'));
    writeFileSync(join(dir, 'bad.json'), '{ "mode": ');
    expect(() => loadConfig(join(dir, 'bad.json'))).toThrow(/not valid JSON/);
    expect(() => loadConfig(join(dir, 'missing.json'))).toThrow(/cannot read the file: ENOENT/);
  });

  it('takes --config over KIOSK_CONFIG over the default', () => {
    expect(chooseConfigPath('a.json', { KIOSK_CONFIG: 'b.json' }, 'c.json')).toBe('a.json');
    expect(chooseConfigPath(undefined, { KIOSK_CONFIG: 'b.json' }, 'c.json')).toBe('b.json');
    expect(chooseConfigPath(undefined, {}, 'c.json')).toBe('c.json');
  });
});
