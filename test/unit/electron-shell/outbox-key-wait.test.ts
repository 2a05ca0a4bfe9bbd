import { EventEmitter } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { OUTBOX_KEY_WAIT_MS, waitForOutboxKey } from '../../../electron/host/outbox-key-wait.js';

/** Electron's parentPort delivers `{ data, ports }` events; this one only carries data. */
class FakeParentPort extends EventEmitter {
  deliver(data: unknown): void {
    this.emit('message', { data, ports: [] });
  }
}

let port: FakeParentPort;
beforeEach(() => {
  vi.useFakeTimers();
  port = new FakeParentPort();
});
afterEach(() => vi.useRealTimers());

const key = Buffer.alloc(32, 0xa7);

describe('service waiting for the outbox key from main', () => {
  it('resolves with the key bytes and stops listening', async () => {
    const waiting = waitForOutboxKey(port);
    port.deliver({ type: 'outbox-key', key: key.toString('base64') });
    expect(Buffer.from(await waiting).equals(key)).toBe(true);
    expect(port.listenerCount('message')).toBe(0);
  });

  it('ignores other messages until the key comes', async () => {
    const waiting = waitForOutboxKey(port);
    port.deliver({ type: 'connect-renderer', connectionId: 'c1' });
    port.deliver('outbox-key');
    port.deliver(null);
    expect(port.listenerCount('message')).toBe(1);
    port.deliver({ type: 'outbox-key', key: key.toString('base64') });
    expect(Buffer.from(await waiting).equals(key)).toBe(true);
  });

  it('fails with a clear error when no key arrives in time', async () => {
    const waiting = waitForOutboxKey(port);
    const outcome = expect(waiting).rejects.toThrow(
      `outbox key from main: none arrived within ${OUTBOX_KEY_WAIT_MS} ms`,
    );
    vi.advanceTimersByTime(OUTBOX_KEY_WAIT_MS - 1);
    expect(port.listenerCount('message')).toBe(1);
    vi.advanceTimersByTime(1);
    await outcome;
    expect(port.listenerCount('message')).toBe(0);
  });

  it.each([
    ['too short', Buffer.alloc(16).toString('base64')],
    ['not base64', '!'.repeat(44)],
    ['not a string', 42],
  ])('refuses a key that is %s', async (_name, bad) => {
    const waiting = waitForOutboxKey(port);
    port.deliver({ type: 'outbox-key', key: bad });
    await expect(waiting).rejects.toThrow('outbox key from main: not base64 of 32 bytes');
  });
});
