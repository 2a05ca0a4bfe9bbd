import type { Session } from 'electron';
import { describe, expect, it } from 'vitest';
import { capturingLogger } from '../../../drivers/common/logger.js';
import { denyAllPermissions } from '../../../electron/main/permissions.js';
import { asElectron, fakeEvent, FakeSession, FakeWebContents } from './fake-electron.js';

function lockedSession(): { session: FakeSession; logger: ReturnType<typeof capturingLogger> } {
  const session = new FakeSession();
  const logger = capturingLogger();
  denyAllPermissions(asElectron<Session>(session), logger);
  return { session, logger };
}

describe('permission lockdown', () => {
  it.each(['media', 'geolocation', 'notifications', 'hid', 'serial', 'usb', 'fullscreen'])(
    'denies a %s permission request',
    (permission) => {
      const { session, logger } = lockedSession();
      const answers: boolean[] = [];
      session.requestHandler?.(new FakeWebContents(), permission, (granted: boolean) =>
        answers.push(granted),
      );
      expect(answers).toEqual([false]);
      expect(logger.lines[0]?.fields).toEqual({ event: 'shell.permission-denied', permission });
    },
  );

  it('answers every permission check and device check with false', () => {
    const { session } = lockedSession();
    expect(session.checkHandler?.(null, 'clipboard-read', 'app://kiosk', {})).toBe(false);
    expect(session.checkHandler?.(null, 'hid', 'app://kiosk', {})).toBe(false);
    expect(session.deviceHandler?.({ deviceType: 'usb', origin: 'app://kiosk' })).toBe(false);
  });

  it('refuses WebHID, WebSerial and WebUSB device choosers', () => {
    const { session, logger } = lockedSession();
    const picks: unknown[] = [];
    const hid = fakeEvent();
    session.emit('select-hid-device', hid, { deviceList: [] }, (id?: string | null) =>
      picks.push(id),
    );
    const serial = fakeEvent();
    session.emit('select-serial-port', serial, [], new FakeWebContents(), (id: string) =>
      picks.push(id),
    );
    const usb = fakeEvent();
    session.emit('select-usb-device', usb, { deviceList: [] }, (id?: string) => picks.push(id));

    expect([hid, serial, usb].every((e) => e.defaultPrevented)).toBe(true);
    expect(picks).toEqual([null, '', undefined]);
    expect(logger.lines.map((l) => l.fields['kind'])).toEqual(['hid', 'serial', 'usb']);
  });
});
