import { SERVICE_RESTART_EXIT_CODE } from '../../../electron/main/channels.js';
import { RESTART_EXIT_CODE } from '../../../electron/service/staff/domain.js';
import type { utilityProcess } from 'electron';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Backoff } from '../../../drivers/common/backoff.js';
import { capturingLogger } from '../../../drivers/common/logger.js';
import type { ServiceToMainMessage } from '../../../electron/main/channels.js';
import { ServiceSupervisor } from '../../../electron/main/service-supervisor.js';
import { FakeMessagePortMain, FakeUtilityProcess } from './fake-electron.js';

let forks: FakeUtilityProcess[];
let forkError: Error | undefined;
let events: string[];
let messages: ServiceToMainMessage[];
let logger: ReturnType<typeof capturingLogger>;

const fork = ((modulePath: string, args: string[], options: Record<string, unknown>) => {
  if (forkError) throw forkError;
  const child = new FakeUtilityProcess(modulePath, args, options);
  forks.push(child);
  return child;
}) as unknown as (typeof utilityProcess)['fork'];

function supervisor(outboxKey?: () => string | null): ServiceSupervisor {
  return new ServiceSupervisor({
    ...(outboxKey ? { outboxKey } : {}),
    modulePath: '/app/out/main/service.js',
    args: ['--config', '/etc/hall-kiosk/config.json', '--data-dir', '/var/lib/kiosk'],
    env: { KIOSK_CONFIG: '/etc/hall-kiosk/config.json' },
    fork,
    logger,
    // random() = 1: every delay is its ceiling (500, 1000, 2000, … ms), so the test is exact.
    backoff: new Backoff({ initialMs: 500, maxMs: 30_000, random: () => 1 }),
    stableAfterMs: 60_000,
    onReady: () => events.push('ready'),
    onDown: () => events.push('down'),
    onMessage: (message) => messages.push(message),
  });
}

const last = (): FakeUtilityProcess => {
  const child = forks.at(-1);
  if (!child) throw new Error('no fork yet');
  return child;
};

beforeEach(() => {
  vi.useFakeTimers();
  forks = [];
  forkError = undefined;
  events = [];
  messages = [];
  logger = capturingLogger();
});
afterEach(() => vi.useRealTimers());

describe('service supervisor', () => {
  it('forks the service with --config and --data-dir and waits for service-ready', () => {
    const service = supervisor();
    service.start();
    const child = last().spawned();
    expect(child.modulePath).toBe('/app/out/main/service.js');
    expect(child.args).toEqual([
      '--config',
      '/etc/hall-kiosk/config.json',
      '--data-dir',
      '/var/lib/kiosk',
    ]);
    expect(child.options).toMatchObject({ serviceName: 'kiosk-service', stdio: 'inherit' });
    expect(child.options['env']).toEqual({ KIOSK_CONFIG: '/etc/hall-kiosk/config.json' });
    expect(service.ready).toBe(false);

    child.emit('message', { type: 'service-ready' });
    expect(service.ready).toBe(true);
    expect(events).toEqual(['ready']);
  });

  it('sends messages with transferred ports only while the service is ready', () => {
    const service = supervisor();
    service.start();
    const port = new FakeMessagePortMain();
    const message = { type: 'connect-renderer', connectionId: 'c1' } as const;
    expect(service.send(message, [port as never])).toBe(false);
    last().spawned().emit('message', { type: 'service-ready' });
    expect(service.send(message, [port as never])).toBe(true);
    expect(last().posted).toEqual([{ message, transfer: [port] }]);
  });

  it('restarts a crashed service with growing backoff', () => {
    const service = supervisor();
    service.start();
    for (const expectedDelay of [500, 1_000, 2_000]) {
      last().spawned().emit('message', { type: 'service-ready' });
      last().emit('exit', 134);
      expect(service.ready).toBe(false);
      expect(service.state).toBe('restart-pending');
      const before = forks.length;
      vi.advanceTimersByTime(expectedDelay - 1);
      expect(forks.length).toBe(before);
      vi.advanceTimersByTime(1);
      expect(forks.length).toBe(before + 1);
    }
    expect(events).toEqual(['ready', 'down', 'ready', 'down', 'ready', 'down']);
    expect(logger.lines.filter((l) => l.fields['event'] === 'service.exited')).toHaveLength(3);
  });

  it('restarts a service that exits asking for a restart at once, without counting a crash', () => {
    const service = supervisor();
    service.start();
    last().spawned().emit('message', { type: 'service-ready' });
    last().emit('exit', 1);
    vi.advanceTimersByTime(500);
    last().spawned().emit('message', { type: 'service-ready' });
    const before = forks.length;
    // The service's own constant (it may not import main) must match main's.
    expect(RESTART_EXIT_CODE).toBe(SERVICE_RESTART_EXIT_CODE);
    last().emit('exit', RESTART_EXIT_CODE);
    expect(forks.length).toBe(before + 1);
    expect(service.state).toBe('starting');
    expect(
      logger.lines.filter((l) => l.fields['event'] === 'service.restart-requested'),
    ).toHaveLength(1);
    expect(logger.lines.filter((l) => l.fields['event'] === 'service.exited')).toHaveLength(1);
  });

  it('goes back to the short delay after the service stayed up for a minute', () => {
    const service = supervisor();
    service.start();
    last().spawned().emit('message', { type: 'service-ready' });
    last().emit('exit', 1);
    vi.advanceTimersByTime(500);
    last().spawned().emit('message', { type: 'service-ready' });
    vi.advanceTimersByTime(60_000);
    last().emit('exit', 1);
    const before = forks.length;
    vi.advanceTimersByTime(500);
    expect(forks.length).toBe(before + 1);
    expect(service.state).toBe('starting');
  });

  it('retries when fork itself throws', () => {
    forkError = new Error('ENOENT service.js');
    const service = supervisor();
    service.start();
    expect(service.state).toBe('restart-pending');
    forkError = undefined;
    vi.advanceTimersByTime(500);
    expect(forks).toHaveLength(1);
    expect(logger.lines[0]?.fields).toMatchObject({ event: 'service.fork-failed' });
  });

  it('passes staff-quit-authorised on and ignores unknown messages', () => {
    const service = supervisor();
    service.start();
    last().spawned();
    last().emit('message', { type: 'staff-quit-authorised' });
    last().emit('message', { type: 'format-disk' });
    last().emit('message', 'staff-quit-authorised');
    expect(messages).toEqual([{ type: 'staff-quit-authorised' }]);
    expect(
      logger.lines.filter((l) => l.fields['event'] === 'service.message-ignored'),
    ).toHaveLength(2);
  });

  it('ignores events from a previous child', () => {
    const service = supervisor();
    service.start();
    const first = last().spawned();
    first.emit('exit', 1);
    vi.advanceTimersByTime(500);
    last().spawned().emit('message', { type: 'service-ready' });
    first.emit('message', { type: 'staff-quit-authorised' });
    first.emit('exit', 1);
    expect(messages).toEqual([]);
    expect(service.ready).toBe(true);
  });

  it('stop() terminates the service, waits for it, and does not restart it', async () => {
    const service = supervisor();
    service.start();
    const child = last().spawned();
    child.emit('message', { type: 'service-ready' });
    const stopped = service.stop();
    expect(child.killed).toBe(1);
    child.emit('exit', 0);
    await stopped;
    vi.advanceTimersByTime(60_000);
    expect(forks).toHaveLength(1);
    expect(service.state).toBe('stopped');
    expect(events).toEqual(['ready']);
  });

  it('stop() gives up waiting after its timeout', async () => {
    const service = supervisor();
    service.start();
    last().spawned();
    const stopped = service.stop(5_000);
    vi.advanceTimersByTime(5_000);
    await stopped;
    expect(logger.lines.at(-1)?.fields).toMatchObject({ event: 'service.stop-timeout' });
  });

  it('hands the outbox key over as the first message of every spawn, restarts included', () => {
    const key = Buffer.alloc(32, 7).toString('base64');
    const service = supervisor(() => key);
    service.start();
    // Crash, then a requested restart: three processes, each gets the key first.
    last().spawned().emit('message', { type: 'service-ready' });
    last().emit('exit', 139);
    vi.advanceTimersByTime(500);
    last().spawned().emit('message', { type: 'service-ready' });
    last().emit('exit', RESTART_EXIT_CODE);
    last().spawned().emit('message', { type: 'service-ready' });
    service.send({ type: 'connect-renderer', connectionId: 'c1' });

    expect(forks).toHaveLength(3);
    for (const child of forks) {
      expect(child.args.at(-1)).toBe('--outbox-key-from-main');
      expect(child.posted[0]).toEqual({ message: { type: 'outbox-key', key }, transfer: [] });
    }
    expect(last().posted.map((p) => (p.message as { type: string }).type)).toEqual([
      'outbox-key',
      'connect-renderer',
    ]);
    expect(JSON.stringify(logger.lines)).not.toContain(key);
  });

  it('without a key passes no flag and sends nothing before the service is ready', () => {
    const service = supervisor(() => null);
    service.start();
    const child = last().spawned();
    expect(child.args).not.toContain('--outbox-key-from-main');
    expect(child.posted).toEqual([]);
  });

  it('stop() during a pending restart cancels it', async () => {
    const service = supervisor();
    service.start();
    last().spawned().emit('exit', 1);
    await service.stop();
    vi.advanceTimersByTime(60_000);
    expect(forks).toHaveLength(1);
  });
});
