import { useTranslation } from 'react-i18next';
import { useKiosk } from '../kiosk-context';

/** A quiet strip of device states along the bottom of every screen. */
export function DeviceStrip() {
  const { t } = useTranslation();
  const { devices } = useKiosk();
  return (
    <footer className="device-strip" aria-label={t('devices.title')} data-testid="device-strip">
      {devices.map((d) => (
        <span
          key={d.id}
          className={`device device-${d.state}`}
          data-device={d.id}
          data-state={d.state}
        >
          {t(`devices.family.${d.family}`)}: {t(`devices.state.${d.state}`)}
        </span>
      ))}
    </footer>
  );
}
