/**
 * Test rig: the SAM driver on one end of a socat pty pair, the simulator on the other, both
 * through serialport. `unplug` kills socat; `replug` makes the pair again under the same names
 * and puts the simulator back on its end, as when a USB-serial reader is plugged back in.
 */
import { capturingLogger, type CapturedLine } from '../../../drivers/common/logger.js';
import type { DeviceStatus } from '../../../drivers/common/device.js';
import {
  createSamSerialReader,
  openSerialLink,
  SamSimulator,
  syntheticCard,
  type CardSpec,
  type IdCardError,
  type IdCardRead,
  type SamReader,
  type SamSimulatorOptions,
} from '../../../drivers/id-card/index.js';
import { createPtyPair, makePtyDir, type PtyPair } from '../../support/pty.js';

export interface Rig {
  readonly reader: SamReader;
  readonly simulator: SamSimulator;
  readonly reads: IdCardRead[];
  readonly removals: string[];
  readonly errors: IdCardError[];
  readonly statuses: DeviceStatus[];
  readonly logLines: CapturedLine[];
  unplug(): Promise<void>;
  replug(): Promise<void>;
  close(): Promise<void>;
}

export const ALL_KINDS: CardSpec[] = [
  { kind: 'resident', seed: 1 },
  { kind: 'gat-residence-permit', seed: 2 },
  { kind: 'foreigner-permanent-2017', seed: 3 },
  { kind: 'foreigner-permanent-2023', seed: 4 },
];

export async function startRig(
  options: {
    baudRate?: number;
    readFingerprint?: boolean;
    cards?: CardSpec[];
    simulator?: Partial<SamSimulatorOptions>;
  } = {},
): Promise<Rig> {
  const baudRate = options.baudRate ?? 115200;
  const dir = makePtyDir();
  let pair: PtyPair = await createPtyPair(dir, 'sam');
  const simulator = new SamSimulator({
    baudRate,
    cards: (options.cards ?? ALL_KINDS).map(syntheticCard),
    ...options.simulator,
  });
  let simulatorLink = await openSerialLink(pair.simulatorPath, baudRate);
  simulator.attach(simulatorLink);

  const logger = capturingLogger();
  const reader = createSamSerialReader({
    path: pair.devicePath,
    baudRate,
    readFingerprint: options.readFingerprint ?? false,
    pollIntervalMs: 300,
    logger,
  });
  const rig: Rig = {
    reader,
    simulator,
    reads: [],
    removals: [],
    errors: [],
    statuses: [],
    logLines: logger.lines,
    unplug: async () => {
      await pair.close();
      await simulatorLink.close();
    },
    replug: async () => {
      pair = await createPtyPair(dir, 'sam');
      simulatorLink = await openSerialLink(pair.simulatorPath, baudRate);
      simulator.attach(simulatorLink);
    },
    close: async () => {
      await reader.stop();
      simulator.detach();
      await simulatorLink.close();
      await pair.close();
    },
  };
  reader.on('card', (read) => rig.reads.push(read));
  reader.on('removed', ({ at }) => rig.removals.push(at));
  reader.on('error', (error) => rig.errors.push(error));
  reader.onStatus((status) => rig.statuses.push(status));
  await reader.start();
  return rig;
}

/** Polls `condition` every 20 ms; fails with `what` after `timeoutMs` (generous: loaded CI). */
export async function waitUntil(
  what: string,
  condition: () => boolean,
  timeoutMs = 10_000,
): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/**
 * Waits until the simulator has answered `n` more find commands: proof that the driver went
 * through that many poll cycles, whatever the machine's load.
 */
export async function pollCycles(rig: Rig, n: number): Promise<void> {
  let seen = 0;
  const off = rig.simulator.on('command', ({ name }) => {
    if (name === 'findCard') seen++;
  });
  try {
    await waitUntil(`${n} poll cycles`, () => seen >= n);
  } finally {
    off();
  }
}
