import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useKiosk } from '../kiosk-context';

/**
 * Covers the screen while the service is unreachable, so nobody taps into a dead kiosk.
 * It clears by itself when the client reconnects.
 */
export function ConnectionBanner() {
  const { t } = useTranslation();
  const { connection } = useKiosk();
  const [now, setNow] = useState(Date.now());
  const [since, setSince] = useState(Date.now());

  useEffect(() => {
    setSince(Date.now());
  }, [connection]);
  useEffect(() => {
    if (connection.kind !== 'unavailable') return;
    const timer = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(timer);
  }, [connection]);

  if (connection.kind === 'connected') return null;
  if (connection.kind === 'connecting' && connection.attempt === 0) {
    return (
      <div
        className="connection-overlay"
        role="status"
        data-testid="connection-state"
        data-state="connecting"
      >
        <p>{t('connection.connecting')}</p>
      </div>
    );
  }
  const retryIn =
    connection.kind === 'unavailable'
      ? Math.max(0, Math.ceil((connection.retryInMs - (now - since)) / 1000))
      : 0;
  return (
    <div
      className="connection-overlay"
      role="alert"
      data-testid="connection-state"
      data-state="unavailable"
    >
      <h2>{t('connection.unavailable')}</h2>
      <p>{t('connection.unavailableHint')}</p>
      {retryIn > 0 ? (
        <p className="muted">{t('connection.retryIn', { seconds: retryIn })}</p>
      ) : null}
    </div>
  );
}
