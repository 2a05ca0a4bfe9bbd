/**
 * Permission lockdown for a session. Electron's default permission request handler approves
 * everything (camera, microphone, geolocation, notifications, …); the kiosk page needs none of
 * them, and device access (WebHID, WebSerial, WebUSB) belongs to the service's drivers, never
 * to the untrusted renderer. Electron security checklist item 5.
 */
import type { Session } from 'electron';
import type { Logger } from '../../drivers/common/logger.js';

/** Installs deny-all request, check and device handlers plus device chooser refusals. */
export function denyAllPermissions(session: Session, logger: Logger): void {
  session.setPermissionRequestHandler((_contents, permission, callback) => {
    logger.warn({ event: 'shell.permission-denied', permission });
    callback(false);
  });
  // Checks are synchronous queries (e.g. `navigator.permissions.query`); they are frequent,
  // so they are answered without a log line.
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);

  // Device choosers: without a handler Electron cancels them, but an explicit refusal keeps
  // that true across Electron versions and leaves a log line.
  session.on('select-hid-device', (event, _details, callback) => {
    event.preventDefault();
    logger.warn({ event: 'shell.device-chooser-refused', kind: 'hid' });
    callback(null);
  });
  session.on('select-serial-port', (event, _ports, _contents, callback) => {
    event.preventDefault();
    logger.warn({ event: 'shell.device-chooser-refused', kind: 'serial' });
    callback('');
  });
  session.on('select-usb-device', (event, _details, callback) => {
    event.preventDefault();
    logger.warn({ event: 'shell.device-chooser-refused', kind: 'usb' });
    callback();
  });
}
