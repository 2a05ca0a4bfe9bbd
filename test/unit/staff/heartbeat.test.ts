/**
 * The heartbeat's body and bookkeeping with a recording client: what the central API is sent,
 * the last outcome kept for the technician screen, and one log line per change of outcome.
 */
import { describe, expect, it } from 'vitest';
import type { DeviceStatus } from '../../../drivers/common/device.js';
import { capturingLogger } from '../../../drivers/common/logger.js';
import { err, ok } from '../../../drivers/common/result.js';
import { Heartbeat, type HeartbeatView } from '../../../electron/service/technician/heartbeat.js';

const statuses: DeviceStatus[] = [
  {
    id: 'idCard',
    family: 'idCard',
    driver: 'sam-serial',
    state: 'ready',
    since: '2026-12-03T09:00:00.000Z',
  },
  {
    id: 'printer',
    family: 'printer',
    driver: 'escpos',
    state: 'fault',
    since: '2026-12-03T09:00:00.000Z',
  },
];

describe('heartbeat', () => {
  it('reports version, status, devices and outbox depth; keeps the outcome; logs changes once', async () => {
    const sent: unknown[] = [];
    let up = false;
    const client = {
      heartbeat: async (body: unknown) => {
        sent.push(body);
        return up
          ? ok({
              terminalId: 'HK-TEST-0001',
              receivedAt: '2026-12-03T09:00:01.000Z',
              catalogueVersion: 3,
            })
          : err({
              kind: 'network' as const,
              message: 'connect ECONNREFUSED',
              attempts: 1,
              maybeProcessed: false,
            });
      },
    };
    const beats: HeartbeatView[] = [];
    const logger = capturingLogger();
    const heartbeat = new Heartbeat({
      client: client as never,
      intervalSeconds: 60,
      version: '1.2.3',
      statuses: () => statuses,
      outOfService: () => false,
      outboxDepth: () => 2,
      onBeat: (view) => beats.push(view),
      logger,
      now: () => new Date('2026-12-03T09:00:00.000Z'),
    });

    expect(await heartbeat.sendNow()).toEqual({
      sentAt: '2026-12-03T09:00:00.000Z',
      ok: false,
      status: 'DEGRADED',
      error: 'network: connect ECONNREFUSED',
    });
    await heartbeat.sendNow();
    up = true;
    expect(await heartbeat.sendNow()).toMatchObject({
      ok: true,
      receivedAt: '2026-12-03T09:00:01.000Z',
    });
    expect(heartbeat.last?.ok).toBe(true);

    expect(sent[0]).toEqual({
      sentAt: '2026-12-03T09:00:00.000Z',
      softwareVersion: '1.2.3',
      status: 'DEGRADED',
      devices: [
        { family: 'idCard', state: 'ready' },
        { family: 'printer', state: 'fault' },
      ],
      outboxDepth: 2,
    });
    expect(beats).toHaveLength(3);
    expect(logger.lines.map((l) => l.fields['event'])).toEqual([
      'heartbeat.failed',
      'heartbeat.ok',
    ]);
  });

  it('says why it cannot send when the API is not configured', async () => {
    const heartbeat = new Heartbeat({
      client: null,
      problem: 'approval key file /etc/hall-kiosk/terminal.key: ENOENT',
      intervalSeconds: 60,
      version: '1.2.3',
      statuses: () => [],
      outOfService: () => true,
      onBeat: () => {},
      logger: capturingLogger(),
    });
    expect(await heartbeat.sendNow()).toMatchObject({
      ok: false,
      status: 'OUT_OF_SERVICE',
      error: 'approval key file /etc/hall-kiosk/terminal.key: ENOENT',
    });
  });
});
