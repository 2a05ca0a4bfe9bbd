/**
 * The service side of the outbox key hand-over under Electron: a service started with
 * `--outbox-key-from-main` waits for main's `outbox-key` message (channels.ts) before it opens
 * the outbox, so no row is ever sealed with another key. Main sends it as the first message
 * after every spawn; if it never comes the service exits with a clear error and the
 * supervisor restarts it.
 */
import type { OutboxKeyMessage } from '../main/channels.js';
import { decodeOutboxKey, OUTBOX_KEY_LENGTH } from '../main/outbox-key.js';

/** How long the service waits for the key from main, milliseconds. */
export const OUTBOX_KEY_WAIT_MS = 10_000;

/** The part of Electron's `process.parentPort` used here. */
export interface KeyParentPort {
  on(event: 'message', listener: (e: { data: unknown }) => void): unknown;
  removeListener(event: 'message', listener: (e: { data: unknown }) => void): unknown;
}

/**
 * Resolves with the 32-byte key from the first `outbox-key` message; rejects when none arrives
 * within `timeoutMs` or when the key is not base64 of 32 bytes. Other messages are left to
 * later listeners (main sends none before the service is ready).
 */
export function waitForOutboxKey(
  port: KeyParentPort,
  timeoutMs: number = OUTBOX_KEY_WAIT_MS,
): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const finish = (): void => {
      clearTimeout(timer);
      port.removeListener('message', listener);
    };
    const listener = (e: { data: unknown }): void => {
      const message = e.data as Partial<OutboxKeyMessage> | null;
      if (typeof message !== 'object' || message === null || message.type !== 'outbox-key') return;
      finish();
      const key = typeof message.key === 'string' ? decodeOutboxKey(message.key) : undefined;
      if (key) resolve(Uint8Array.from(key));
      else reject(new Error(`outbox key from main: not base64 of ${OUTBOX_KEY_LENGTH} bytes`));
    };
    const timer = setTimeout(() => {
      finish();
      reject(
        new Error(
          `outbox key from main: none arrived within ${timeoutMs} ms ` +
            `(started with --outbox-key-from-main)`,
        ),
      );
    }, timeoutMs);
    port.on('message', listener);
  });
}
