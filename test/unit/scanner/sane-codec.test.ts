import { describe, expect, it } from 'vitest';
import {
  exitCodeError,
  parseDeviceList,
  parseOptions,
  MAX_PROGRESS_REST_CHARS,
  parseProgress,
  saneGreyMode,
  saneResolution,
  saneSourceName,
} from '../../../drivers/scanner/sane-codec.js';

/** Part of `scanimage -d test -A` (sane-backends 1.2.1, test.conf with geometry_max 300). */
const TEST_BACKEND_OPTIONS = `
All options specific to device \`test':
  Scan Mode:
    --mode Gray|Color [Gray]
        Selects the scan mode (e.g., lineart, monochrome, or color).
    --depth 1|8|16 [8]
        Number of bits per sample, typical values are 1 for "line-art" and 8
        for multibit scans.
    --hand-scanner[=(yes|no)] [no]
        Simulate a hand-scanner.
    --resolution 1..1200dpi (in steps of 1) [0.000762939]
        Sets the resolution of the scanned image.
    --source Flatbed|Automatic Document Feeder [Flatbed]
        If Automatic Document Feeder is selected, the feeder will be 'empty'
        after 10 scans.
  Geometry:
    -l 0..300mm (in steps of 1) [0]
        Top-left x position of scan area.
    -t 0..300mm (in steps of 1) [0]
        Top-left y position of scan area.
    -x 0..300mm (in steps of 1) [80]
        Width of scan-area.
    -y 0..300mm (in steps of 1) [100]
        Height of scan-area.
`;

/** How a typical USB document scanner backend lists its options. */
const LIST_STYLE_OPTIONS = `
  Scan mode:
    --source Flatbed|ADF Front|ADF Duplex [ADF Front]
    --mode Lineart|Halftone|Gray|Color [Lineart]
    --resolution 50|75|150|200|300|600dpi [300]
    -l 0..215.9mm [0]
    -t 0..355.6mm [0]
    -x 0..215.9mm [215.9]
    -y 0..355.6mm [279.4]
`;

describe('scanimage option listing', () => {
  it('reads the test backend: range resolution, sources, 300 mm geometry', () => {
    const options = parseOptions(TEST_BACKEND_OPTIONS);
    expect(options.modes).toEqual(['Gray', 'Color']);
    expect(options.resolutions).toEqual({ kind: 'range', min: 1, max: 1200, step: 1 });
    expect(options.sources).toEqual(['Flatbed', 'Automatic Document Feeder']);
    expect(options.maxWidthMm).toBe(300);
    expect(options.maxHeightMm).toBe(300);
    expect(saneSourceName(options, 'feeder')).toBe('Automatic Document Feeder');
    expect(saneSourceName(options, 'platen')).toBe('Flatbed');
    expect(saneGreyMode(options)).toBe('Gray');
  });

  it('reads a list-style backend and prefers the simplex feeder', () => {
    const options = parseOptions(LIST_STYLE_OPTIONS);
    expect(options.resolutions).toEqual({ kind: 'list', values: [50, 75, 150, 200, 300, 600] });
    expect(options.maxWidthMm).toBe(215.9);
    expect(options.maxHeightMm).toBe(355.6);
    expect(saneSourceName(options, 'feeder')).toBe('ADF Front');
    expect(saneGreyMode(options)).toBe('Gray');
  });

  it('reports a missing source as undefined; a device without --source is a flatbed', () => {
    const feederOnly = parseOptions('    --source ADF [ADF]\n');
    expect(saneSourceName(feederOnly, 'platen')).toBeUndefined();
    const noSource = parseOptions('    --mode Gray [Gray]\n');
    expect(saneSourceName(noSource, 'platen')).toBe('');
    expect(saneSourceName(noSource, 'feeder')).toBeUndefined();
  });

  it('picks the nearest resolution from lists and ranges', () => {
    expect(saneResolution({ kind: 'list', values: [75, 150, 300, 600] }, 200)).toBe(150);
    expect(saneResolution({ kind: 'list', values: [75, 150, 300, 600] }, 250)).toBe(300);
    expect(saneResolution({ kind: 'range', min: 1, max: 1200, step: 1 }, 200)).toBe(200);
    expect(saneResolution({ kind: 'range', min: 100, max: 600, step: 50 }, 220)).toBe(200);
    expect(saneResolution({ kind: 'range', min: 100, max: 600, step: 50 }, 5000)).toBe(600);
    expect(saneResolution(undefined, 200)).toBe(200);
  });
});

describe('scanimage device list', () => {
  it('splits the tab-separated formatted list', () => {
    const out =
      'test:0\tNoname\tfrontend-tester\tvirtual device\ntest:1\tNoname\tfrontend-tester\tvirtual device\n';
    expect(parseDeviceList(out)).toEqual([
      { name: 'test:0', vendor: 'Noname', model: 'frontend-tester', type: 'virtual device' },
      { name: 'test:1', vendor: 'Noname', model: 'frontend-tester', type: 'virtual device' },
    ]);
    expect(parseDeviceList('\n')).toEqual([]);
  });
});

describe('scanimage progress', () => {
  it('turns carriage-return progress into events and keeps the unfinished tail', () => {
    const first = parseProgress('Scanning page 1\nProgress: 0.8%\rProgress: 50.');
    expect(first.events).toEqual([
      { kind: 'page-started', page: 1 },
      { kind: 'percent', percent: 0.8 },
    ]);
    expect(first.rest).toBe('Progress: 50.');
    const second = parseProgress(
      `${first.rest}0%\rScanned page 1. (scanner status = 5)\nscanimage: sane_start: Document feeder out of documents\n`,
    );
    expect(second.events).toEqual([
      { kind: 'percent', percent: 50 },
      { kind: 'page-done', page: 1, status: 5 },
      { kind: 'message', text: 'scanimage: sane_start: Document feeder out of documents' },
    ]);
    expect(second.rest).toBe('');
  });

  it('keeps at most the last 4 KiB of a runaway line without line ends', () => {
    // A broken backend spewing 1 MiB of stderr with no newline, in pipe-sized chunks.
    let rest = '';
    const events = [];
    for (let i = 0; i < 16; i++) {
      const parsed = parseProgress(rest + String.fromCharCode(0x41 + i).repeat(64 * 1024));
      events.push(...parsed.events);
      rest = parsed.rest;
      expect(rest.length).toBeLessThanOrEqual(MAX_PROGRESS_REST_CHARS);
    }
    expect(events).toEqual([]);
    expect(rest).toBe('P'.repeat(MAX_PROGRESS_REST_CHARS));
    // The line's end still comes out (its tail), and progress after it is read as usual.
    const after = parseProgress(`${rest}: sane_read: I/O error\nProgress: 12.5%\r`);
    expect(after.events).toEqual([
      { kind: 'message', text: `${'P'.repeat(MAX_PROGRESS_REST_CHARS)}: sane_read: I/O error` },
      { kind: 'percent', percent: 12.5 },
    ]);
    expect(after.rest).toBe('');
  });
});

describe('scanimage exit status', () => {
  it('maps the feeder and cover statuses to what the person must do', () => {
    expect(exitCodeError(0)).toBeUndefined();
    expect(exitCodeError(6, 'sane_read: Document feeder jammed')).toEqual({
      code: 'feeder-jam',
      message: 'paper jam in the document feeder (sane_read: Document feeder jammed)',
    });
    expect(exitCodeError(7)?.code).toBe('feeder-empty');
    expect(exitCodeError(8)?.code).toBe('door-open');
    expect(exitCodeError(3)?.code).toBe('busy');
    expect(exitCodeError(9)?.code).toBe('unavailable');
    expect(exitCodeError(42)).toEqual({
      code: 'device-error',
      message: 'scanimage exited with status 42',
    });
  });

  it('tells a device that cannot be opened from an unsupported request', () => {
    expect(exitCodeError(1, 'open of device nosuch:0 failed: Invalid argument')?.code).toBe(
      'unavailable',
    );
    expect(exitCodeError(1)?.code).toBe('unsupported');
  });
});
