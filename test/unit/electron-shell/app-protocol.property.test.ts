import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isAppUrl } from '../../../electron/main/app-url.js';
import { resolveRequestPath } from '../../../electron/main/protocol.js';
import { classifyInput } from '../../../electron/main/input-policy.js';
import { fuzzRuns } from '../../support/fuzz.js';
import { keyInput } from './fake-electron.js';

const ROOT = '/opt/hall-kiosk/out/renderer';

/** Path pieces that attackers combine: dot segments, encoded separators, NUL, unicode. */
const pathPiece = fc.oneof(
  fc.constantFrom('..', '.', '%2e%2e', '%2E%2e', '..%2f', '%2f', '%5c', '\\', '%00', '/', '//'),
  fc.constantFrom('index.html', 'assets', 'a.js', '%252e%252e', '%c0%ae', '..%c0%af', '~'),
  fc.string({ maxLength: 6 }),
);

describe('app:// properties', () => {
  it('a request path either is refused or resolves strictly inside the renderer directory', () => {
    fc.assert(
      fc.property(fc.array(pathPiece, { maxLength: 8 }), (pieces) => {
        const pathname = `/${pieces.join('/')}`;
        const resolved = resolveRequestPath(ROOT, pathname);
        if (!resolved.ok) return;
        const relative = path.relative(ROOT, resolved.file);
        expect(relative).not.toBe('');
        expect(relative === '..' || relative.startsWith(`..${path.sep}`)).toBe(false);
        expect(path.isAbsolute(relative)).toBe(false);
      }),
      { numRuns: fuzzRuns() },
    );
  });

  it('only URLs whose parsed scheme and host are app and kiosk pass the origin check', () => {
    const url = fc.oneof(
      fc.webUrl(),
      fc
        .tuple(fc.constantFrom('app://', 'APP://', 'app:', 'app:///'), fc.string(), fc.webPath())
        .map(([scheme, host, rest]) => `${scheme}${host}${rest}`),
      fc.string().map((s) => `app://kiosk${s}`),
    );
    fc.assert(
      fc.property(url, (candidate) => {
        if (!isAppUrl(candidate)) return;
        const parsed = new URL(candidate);
        expect(parsed.protocol).toBe('app:');
        expect(parsed.hostname).toBe('kiosk');
        expect(parsed.port).toBe('');
      }),
      { numRuns: fuzzRuns() },
    );
  });

  it('no key event with Ctrl held and W, R or Q pressed ever reaches the page', () => {
    const event = fc.record({
      letter: fc.constantFrom('W', 'R', 'Q'),
      lower: fc.boolean(),
      shift: fc.boolean(),
      alt: fc.boolean(),
      meta: fc.boolean(),
      type: fc.constantFrom('keyDown', 'keyUp'),
      isAutoRepeat: fc.boolean(),
    });
    fc.assert(
      fc.property(event, (e) => {
        const input = keyInput({
          type: e.type,
          key: e.lower ? e.letter.toLowerCase() : e.letter,
          code: `Key${e.letter}`,
          control: true,
          shift: e.shift,
          alt: e.alt,
          meta: e.meta,
          isAutoRepeat: e.isAutoRepeat,
        });
        expect(classifyInput(input)).toBe('block');
      }),
      { numRuns: fuzzRuns() },
    );
  });
});
