/**
 * A real pty pair made by socat, for serial devices tested at the wire: the driver opens one
 * end with serialport, the simulator the other. Closing the pair (killing socat) is how tests
 * unplug a device; `create` again with the same link names replugs it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface PtyPair {
  /** Symlink to the end the driver opens. */
  readonly devicePath: string;
  /** Symlink to the end the simulator opens. */
  readonly simulatorPath: string;
  /** Kills socat: both ends disappear, as when a USB-serial adapter is pulled. */
  close(): Promise<void>;
}

const SOCAT_READY_TIMEOUT_MS = 5000;

export function makePtyDir(): string {
  return mkdtempSync(join(tmpdir(), 'kiosk-pty-'));
}

export async function createPtyPair(dir = makePtyDir(), name = 'dev'): Promise<PtyPair> {
  const devicePath = join(dir, `${name}-driver`);
  const simulatorPath = join(dir, `${name}-sim`);
  const socat: ChildProcess = spawn(
    'socat',
    [`pty,raw,echo=0,link=${devicePath}`, `pty,raw,echo=0,link=${simulatorPath}`],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  socat.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));

  const started = Date.now();
  while (!(existsSync(devicePath) && existsSync(simulatorPath))) {
    if (socat.exitCode !== null) throw new Error(`socat exited early: ${stderr}`);
    if (Date.now() - started > SOCAT_READY_TIMEOUT_MS) {
      socat.kill('SIGKILL');
      throw new Error(`socat did not create the pty pair within ${SOCAT_READY_TIMEOUT_MS} ms`);
    }
    await new Promise((r) => setTimeout(r, 10));
  }

  return {
    devicePath,
    simulatorPath,
    close: () =>
      new Promise<void>((resolve) => {
        if (socat.exitCode !== null || socat.signalCode !== null) return resolve();
        socat.once('exit', () => resolve());
        socat.kill('SIGTERM');
      }),
  };
}
