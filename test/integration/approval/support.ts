/**
 * Shared setup for the approval API tests: a sandbox in a temporary data directory with a
 * movable clock, a fetch wrapper that validates every sandbox response against openapi.yaml,
 * and a low-level signer for requests the client would never send (bad signatures, stale
 * timestamps, reused nonces).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  SIGNATURE_HEADERS,
  computeSignature,
  formatAuthorization,
  parseTerminalKeyHex,
  sha256Hex,
} from '../../../drivers/common/request-signature.js';
import {
  ApprovalClient,
  type ApprovalClientOptions,
} from '../../../electron/service/approval/client.js';
import { startSandbox, type SandboxHandle, type SandboxOptions } from '../../../sandbox/server.js';
import { apiSpec } from '../../../sandbox/spec.js';
import type { TerminalEntry } from '../../../sandbox/types.js';

export const DEMO_TERMINAL: TerminalEntry = {
  id: 'HK-DEMO-0001',
  keyId: 'demo-key-1',
  key: '0bea1a5a586d65fdc41585afa4d6a022e47f4ce15af022c68243ea5d5ab38458',
  regionCode: '360322',
};
export const OTHER_TERMINAL: TerminalEntry = {
  id: 'HK-TEST-0002',
  keyId: 'test-key-2',
  key: '11'.repeat(32),
  regionCode: '110105',
};

export interface TestSandbox {
  readonly sandbox: SandboxHandle;
  readonly dataDir: string;
  /** Spec violations seen in any response so far. */
  readonly violations: string[];
  /** fetch that validates every response against the spec. */
  readonly fetch: typeof fetch;
  client(terminal?: TerminalEntry, options?: Partial<ApprovalClientOptions>): ApprovalClient;
  close(): Promise<void>;
}

/**
 * Wraps fetch so each response of the sandbox is checked against the spec: the status must be
 * documented for the operation and the body must match its schema.
 */
export function validatingFetch(violations: string[], inner: typeof fetch = fetch): typeof fetch {
  const spec = apiSpec();
  return async (input, init) => {
    const response = await inner(input, init);
    const url = new URL(input instanceof Request ? input.url : String(input));
    const method = init?.method ?? (input instanceof Request ? input.method : 'GET');
    const matched = spec.match(method, url.pathname);
    if (typeof matched === 'string') {
      violations.push(`${method} ${url.pathname}: not in the spec`);
      return response;
    }
    const text = await response.clone().text();
    const contentType = response.headers.get('content-type') ?? undefined;
    let body: unknown;
    if (text !== '') {
      try {
        body = JSON.parse(text);
      } catch {
        // A non-JSON body (e.g. a proxy's 503 page) is not the sandbox's answer.
        return response;
      }
    }
    const problems = spec.validateResponse(
      matched.operation.operationId,
      response.status,
      contentType,
      body,
    );
    for (const p of problems) {
      violations.push(
        `${matched.operation.operationId} ${response.status} ${p.path}: ${p.message}`,
      );
    }
    return response;
  };
}

export async function startTestSandbox(
  options: Partial<SandboxOptions> = {},
): Promise<TestSandbox> {
  const dataDir = mkdtempSync(join(tmpdir(), 'hk-sandbox-'));
  const sandbox = await startSandbox({
    dataDir,
    testClock: true,
    generatedItems: 50,
    terminals: [DEMO_TERMINAL, OTHER_TERMINAL],
    ...options,
  });
  const violations: string[] = [];
  const checked = validatingFetch(violations);
  return {
    sandbox,
    dataDir,
    violations,
    fetch: checked,
    client: (terminal = DEMO_TERMINAL, extra = {}) =>
      new ApprovalClient({
        baseUrl: sandbox.url,
        terminalId: terminal.id,
        keyId: terminal.keyId,
        key: parseTerminalKeyHex(terminal.key),
        timeoutMs: 5000,
        retryInitialMs: 20,
        retryMaxMs: 200,
        fetch: checked,
        ...extra,
      }),
    close: async () => {
      await sandbox.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface RawRequest {
  readonly method: string;
  readonly path: string;
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
  readonly terminal?: TerminalEntry;
  /** Overrides for refusal tests. */
  readonly timestampMs?: number;
  readonly nonce?: string;
  readonly signWithKey?: string;
  readonly contentSha256?: string;
  /** Send to this path instead of the signed one. */
  readonly sendPath?: string;
}

let nonceCounter = 0;

/** Sends one hand-signed request (no retries, no client) and returns status, headers, body. */
export async function rawRequest(
  t: TestSandbox,
  r: RawRequest,
): Promise<{ status: number; headers: Headers; body: unknown }> {
  const terminal = r.terminal ?? DEMO_TERMINAL;
  const bodyText = r.body === undefined ? '' : JSON.stringify(r.body);
  const timestampMs = r.timestampMs ?? Date.now();
  const nonce = r.nonce ?? `test-nonce-${process.pid}-${Date.now()}-${nonceCounter++}`;
  const digest = sha256Hex(bodyText);
  const signature = computeSignature(parseTerminalKeyHex(r.signWithKey ?? terminal.key), {
    method: r.method,
    pathWithQuery: r.path,
    timestampMs,
    nonce,
    contentSha256: digest,
  });
  const response = await t.fetch(`${t.sandbox.url}${r.sendPath ?? r.path}`, {
    method: r.method,
    headers: {
      [SIGNATURE_HEADERS.authorization]: formatAuthorization(terminal.keyId, signature),
      [SIGNATURE_HEADERS.timestamp]: String(timestampMs),
      [SIGNATURE_HEADERS.nonce]: nonce,
      [SIGNATURE_HEADERS.contentSha256]: r.contentSha256 ?? digest,
      ...(r.body === undefined ? {} : { 'Content-Type': 'application/json' }),
      ...(r.headers ?? {}),
    },
    ...(r.body === undefined ? {} : { body: bodyText }),
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: text === '' ? undefined : JSON.parse(text),
  };
}

/** Moves the sandbox clock through the API (so the move itself is contract-tested). */
export async function advance(
  t: TestSandbox,
  move: { advanceMs?: number; advanceWorkingDays?: number },
): Promise<void> {
  const r = await rawRequest(t, { method: 'POST', path: '/v1/admin/clock', body: move });
  if (r.status !== 200) throw new Error(`clock move failed: ${r.status} ${JSON.stringify(r.body)}`);
}
