/**
 * The out-of-service state with an injected clock: a critical device away past the grace
 * period, repeated failures within the window, and recovery by itself in both cases.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { DeviceStatus } from '../../../drivers/common/device.js';
import { silentLogger } from '../../../drivers/common/logger.js';
import {
  AvailabilityMonitor,
  type AvailabilityView,
} from '../../../electron/service/availability/availability.js';
import { serviceStartHistory } from '../../../electron/service/staff/domain.js';
import { openStore } from '../../../electron/service/store/db.js';
import { MIGRATIONS } from '../../../electron/service/store/migrations/index.js';
import { overallStatus } from '../../../electron/service/technician/heartbeat.js';

let clock: number;
let statuses: DeviceStatus[];
let published: AvailabilityView[];
let monitor: AvailabilityMonitor;
const directions = { 'zh-CN': '请到1号窗口', en: 'Please go to window 1' };

function status(
  id: string,
  family: DeviceStatus['family'],
  state: DeviceStatus['state'],
): DeviceStatus {
  return { id, family, driver: 'simulator', state, since: new Date(clock).toISOString() };
}

function set(next: DeviceStatus): void {
  statuses = statuses.map((s) => (s.id === next.id ? next : s));
  monitor.observe(next);
}

beforeEach(() => {
  clock = Date.UTC(2026, 11, 3, 9, 0, 0);
  statuses = [
    status('idCard', 'idCard', 'ready'),
    status('printer', 'printer', 'ready'),
    status('scanner', 'scanner', 'ready'),
  ];
  published = [];
  monitor = new AvailabilityMonitor({
    config: {
      criticalFamilies: ['idCard', 'printer'],
      graceSeconds: 30,
      failureLimit: 3,
      failureWindowSeconds: 300,
    },
    fallbackDirections: directions,
    statuses: () => statuses,
    publish: (view) => published.push(view),
    logger: silentLogger,
    now: () => clock,
  });
});

describe('availability', () => {
  it('goes out of service when a critical device stays away past the grace, and back by itself', () => {
    set(status('printer', 'printer', 'disconnected'));
    clock += 29_000;
    expect(monitor.evaluate().state).toBe('in-service');
    clock += 1_000;
    expect(monitor.evaluate()).toMatchObject({
      state: 'out-of-service',
      reasons: ['printer disconnected for 30 s'],
      fallbackDirections: directions,
    });
    expect(published.map((p) => p.state)).toEqual(['out-of-service']);

    set(status('printer', 'printer', 'ready'));
    expect(monitor.current.state).toBe('in-service');
    expect(published.map((p) => p.state)).toEqual(['out-of-service', 'in-service']);
  });

  it('ignores a brief reconnect and non-critical devices', () => {
    set(status('idCard', 'idCard', 'connecting'));
    clock += 10_000;
    set(status('idCard', 'idCard', 'ready'));
    set(status('scanner', 'scanner', 'disconnected'));
    clock += 600_000;
    expect(monitor.evaluate().state).toBe('in-service');
    expect(published).toEqual([]);
  });

  it('goes out of service on repeated failures and clears when the window empties', () => {
    for (let i = 0; i < 2; i++) {
      set(status('scanner', 'scanner', 'fault'));
      set(status('scanner', 'scanner', 'ready'));
    }
    expect(monitor.current.state).toBe('in-service');
    monitor.reportFailure('outbox');
    expect(monitor.current).toMatchObject({
      state: 'out-of-service',
      reasons: ['3 failures in 300 s'],
    });
    clock += 299_000;
    expect(monitor.evaluate().state).toBe('out-of-service');
    clock += 1_000;
    expect(monitor.evaluate().state).toBe('in-service');
  });

  it('tells the central API the overall status', () => {
    expect(overallStatus(statuses, false)).toBe('IN_SERVICE');
    expect(overallStatus([...statuses, status('barcode.0', 'barcode', 'fault')], false)).toBe(
      'DEGRADED',
    );
    expect(overallStatus(statuses, true)).toBe('OUT_OF_SERVICE');
  });
});

describe('a service that keeps restarting', () => {
  it('counts the earlier starts kept in the database as failures', () => {
    const db = openStore({ path: ':memory:', migrations: MIGRATIONS, logger: silentLogger });
    const history = serviceStartHistory(db);
    const windowMs = 300_000;
    const starts = [0, 20_000, 40_000, 60_000].map((offset) => clock + offset);
    for (const at of starts) history.record(at, windowMs);
    const earlier = history.record(clock + 80_000, windowMs);
    expect(earlier).toEqual(starts);
    for (const at of earlier) monitor.reportFailure('service-restart', at);
    clock += 80_000;
    expect(monitor.evaluate()).toMatchObject({
      state: 'out-of-service',
      reasons: ['4 failures in 300 s'],
    });
    // Starts older than the window are forgotten, and so are their failures.
    expect(history.record(clock + windowMs + 80_000, windowMs)).toEqual([]);
    clock += windowMs;
    expect(monitor.evaluate().state).toBe('in-service');
    db.close();
  });
});
