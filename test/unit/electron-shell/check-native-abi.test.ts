import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  checkAddonAbi,
  findAbiMarkers,
  installedElectronAbi,
} from '../../../scripts/check-native-abi.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const BETTER_SQLITE3 = `${root}node_modules/better-sqlite3/build/Release/better_sqlite3.node`;
const NODE_HID_NAPI = `${root}node_modules/node-hid/prebuilds/HID-linux-x64/node-napi-v4.node`;

const bytes = (text: string): Uint8Array => Buffer.from(`\x7fELF\0\0${text}\0\0`, 'latin1');

describe('native addon ABI check', () => {
  it('reads the ABI of the better-sqlite3 build on this machine (Node ABI)', () => {
    const check = checkAddonAbi(BETTER_SQLITE3, readFileSync(BETTER_SQLITE3), 150);
    // Built here for the running Node (115 on Node 20), not for Electron 45 (150).
    expect(check.found).toEqual([Number(process.versions.modules)]);
    expect(check.ok).toBe(false);
    expect(check.message).toContain('expected 150');
    expect(check.message).toContain('rebuild');
  });

  it('passes when the marker matches', () => {
    const check = checkAddonAbi('x.node', bytes('node_register_module_v150'), 150);
    expect(check).toMatchObject({ ok: true, found: [150] });
  });

  it('fails when the file carries markers for two ABIs', () => {
    const check = checkAddonAbi(
      'x.node',
      bytes('node_register_module_v150\0node_register_module_v115'),
      150,
    );
    expect(check).toMatchObject({ ok: false, found: [115, 150] });
  });

  it('does not read a longer number as a shorter ABI', () => {
    expect(findAbiMarkers(bytes('node_register_module_v1150')).nodeAbis).toEqual([1150]);
  });

  it('recognises an N-API addon (node-hid prebuild) as needing no rebuild', () => {
    const check = checkAddonAbi(NODE_HID_NAPI, readFileSync(NODE_HID_NAPI), 150);
    expect(check).toMatchObject({ ok: false, found: [], napi: true });
    expect(check.message).toContain('needs no rebuild');
  });

  it('reports a file without any marker', () => {
    const check = checkAddonAbi('notes.txt', bytes('hello'), 150);
    expect(check).toMatchObject({ ok: false, napi: false });
    expect(check.message).toContain('no node_register_module_v<N> marker');
  });

  it('takes the expected ABI from the installed electron package (45 -> 150)', () => {
    expect(installedElectronAbi(root)).toBe(150);
    expect(installedElectronAbi('/nonexistent')).toBeUndefined();
  });
});
