import { useTranslation } from 'react-i18next';
import { useKiosk } from '../kiosk-context';

/**
 * Covers the screen while the service is unreachable, so nobody taps into a dead kiosk.
 * The client retries with backoff by itself; the overlay clears when it reconnects.
 */
export function ConnectionBanner() {
  const { t } = useTranslation();
  const { connection } = useKiosk();

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
  return (
    <div
      className="connection-overlay"
      role="alert"
      data-testid="connection-state"
      data-state="unavailable"
    >
      <h2>{t('connection.unavailable')}</h2>
      <p>{t('connection.unavailableHint')}</p>
    </div>
  );
}
