/**
 * A listening serial reader notices a pulled cable by its device node vanishing, even when
 * serialport never reports a close (seen on Linux with ptys closed while data was unread).
 */
import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { capturingLogger } from '../../../drivers/common/logger.js';
import {
  SerialBarcodeReader,
  type SerialPortLike,
} from '../../../drivers/barcode/serial-reader.js';

class SilentPort extends EventEmitter implements SerialPortLike {
  isOpen = false;
  open(callback: (error: Error | null) => void): void {
    this.isOpen = true;
    callback(null);
  }
  close(callback?: (error: Error | null) => void): void {
    this.isOpen = false;
    callback?.(null);
  }
}

afterEach(() => vi.useRealTimers());

describe('serial barcode reader presence check', () => {
  it('goes disconnected when the device node disappears without a close event', async () => {
    vi.useFakeTimers();
    let present = true;
    const ports: SilentPort[] = [];
    const logger = capturingLogger();
    const reader = new SerialBarcodeReader(
      {
        id: 'barcode.0',
        path: '/dev/ttyACM0',
        baudRate: 9600,
        suffix: 'CR',
        interByteTimeoutMs: 50,
      },
      {
        logger,
        openPort: () => {
          const port = new SilentPort();
          ports.push(port);
          return port;
        },
        pathExists: () => present,
      },
    );
    await reader.start();
    expect(reader.status().state).toBe('ready');

    await vi.advanceTimersByTimeAsync(5_000);
    expect(logger.lines.some((l) => l.fields['event'] === 'device.disconnected')).toBe(false);

    present = false;
    await vi.advanceTimersByTimeAsync(1_000);
    expect(
      logger.lines.find((l) => l.fields['event'] === 'device.disconnected')?.fields,
    ).toMatchObject({
      reason: 'device node gone',
    });
    expect(ports[0]!.isOpen).toBe(false);
    await reader.stop();
  });
});
