import type { DeviceStatus } from '../../../drivers/common/device.js';
import type { CliCommand } from './types.js';

/** Longest wait for devices to leave `connecting` before reporting, milliseconds. */
const DEFAULT_SETTLE_MS = 3000;

export const statusCommand: CliCommand = {
  words: ['status'],
  usage: 'status --config FILE [--timeout MS]',
  options: { timeout: { type: 'string' } },
  async run(ctx) {
    const settleMs = Number(ctx.options['timeout'] ?? DEFAULT_SETTLE_MS);
    const service = await ctx.startService();
    const started = Date.now();
    let statuses: DeviceStatus[] = service.ctx.hub.statuses();
    while (statuses.some((s) => s.state === 'connecting') && Date.now() - started < settleMs) {
      await new Promise((r) => setTimeout(r, 100));
      statuses = service.ctx.hub.statuses();
    }
    ctx.print({
      terminalId: ctx.loaded.config.terminal.id,
      mode: ctx.loaded.config.mode,
      config: ctx.loaded.path,
      devices: statuses,
    });
    const failing = statuses.filter(
      (s) => s.state === 'disconnected' || s.state === 'fault' || s.state === 'connecting',
    );
    return failing.length > 0 ? 1 : 0;
  },
};
