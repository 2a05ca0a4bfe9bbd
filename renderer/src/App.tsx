import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { DevDock } from '../devdock/DevDock';
import { ConnectionBanner } from './components/ConnectionBanner';
import { DeviceStrip } from './components/DeviceStrip';
import { LanguageSwitch } from './components/LanguageSwitch';
import { useKiosk } from './kiosk-context';
import { Attract } from './screens/Attract';

export function App() {
  const { t, i18n } = useTranslation();
  const { hello } = useKiosk();

  useEffect(() => {
    document.documentElement.lang = i18n.language;
    document.title = t('app.title');
  }, [i18n.language, t]);

  return (
    <div className="app">
      <header className="topbar">
        <span className="brand">{t('app.title')}</span>
        <LanguageSwitch />
      </header>
      <Attract />
      <DeviceStrip />
      {hello?.devDock ? <DevDock /> : null}
      <ConnectionBanner />
    </div>
  );
}
