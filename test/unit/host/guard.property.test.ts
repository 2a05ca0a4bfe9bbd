/**
 * Fuzzing of the browser host's two gates: the WebSocket upgrade guard and the static file
 * resolver. Arbitrary requests get a verdict, never an exception; only the exact path, Host,
 * Origin and token pass; no URL path resolves outside the renderer folder.
 */
import { sep } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkUpgrade, newToken, RPC_SUBPROTOCOL } from '../../../electron/host/guard.js';
import { resolveStaticPath } from '../../../electron/host/static.js';
import { fuzzRuns } from '../../support/fuzz.js';

const runs = fuzzRuns();
const PORT = 41234;
const TOKEN = newToken();
const GOOD = {
  url: '/rpc',
  host: `127.0.0.1:${PORT}`,
  origin: `http://127.0.0.1:${PORT}`,
  protocols: `${RPC_SUBPROTOCOL}, token.${TOKEN}`,
};

const header = fc.option(
  fc.oneof(fc.string({ maxLength: 120 }), fc.constantFrom(...Object.values(GOOD))),
  { nil: undefined },
);

describe('WebSocket upgrade guard: fuzzing', () => {
  it('refuses with a status and reason unless every field is exactly right', () => {
    fc.assert(
      fc.property(header, header, header, header, (url, host, origin, protocols) => {
        const verdict = checkUpgrade({ url, host, origin, protocols }, PORT, TOKEN);
        const exact =
          (url ?? '').split('?')[0] === GOOD.url &&
          host === GOOD.host &&
          origin === GOOD.origin &&
          (protocols ?? '')
            .split(',')
            .map((p) => p.trim())
            .includes(RPC_SUBPROTOCOL) &&
          (protocols ?? '')
            .split(',')
            .map((p) => p.trim())
            .find((p) => p.startsWith('token.')) === `token.${TOKEN}`;
        expect(verdict.ok).toBe(exact);
        if (!verdict.ok) {
          expect([401, 403, 404, 421]).toContain(verdict.status);
          expect(verdict.reason).toMatch(/\S/);
          // The reason is logged: it echoes what a caller sent in the wrong place, but never the
          // token offered where it belongs.
          if (![url, host, origin].some((v) => v?.includes(TOKEN))) {
            expect(verdict.reason).not.toContain(TOKEN);
          }
        }
      }),
      { numRuns: runs },
    );
  });
});

describe('static file resolver: fuzzing', () => {
  const root = `${sep}srv${sep}kiosk${sep}renderer`;
  const segment = fc.oneof(
    fc.constantFrom('..', '.', '%2e%2e', '%2E%2E%2F', '%00', '%', '%zz', '', '\\..', 'index.html'),
    fc.string({ maxLength: 12 }),
  );

  it('never resolves a path outside the renderer folder, and never throws', () => {
    fc.assert(
      fc.property(fc.array(segment, { maxLength: 8 }), (segments) => {
        const resolved = resolveStaticPath(root, `/${segments.join('/')}`);
        if (resolved !== undefined) expect(resolved.startsWith(root + sep)).toBe(true);
      }),
      { numRuns: runs },
    );
  });
});
