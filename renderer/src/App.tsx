/**
 * The app's frame: providers (preferences, speech, the session machine), the access bar on
 * every screen, the current step's screen, and the overlays (idle warning, fault, connection).
 * Staff screens (issue 10) mount beside the journey; the dev dock loads as its own chunk.
 */
import { lazy, Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { AccessBar } from './components/AccessBar';
import './components/journey.css';
import { ConnectionBanner } from './components/ConnectionBanner';
import { DeviceStrip } from './components/DeviceStrip';
import { FaultScreen } from './components/FaultScreen';
import { IdleWarning } from './components/IdleWarning';
import { FlowProvider, useFlowStep } from './flow/flow';
import { PreferencesProvider, usePreferences } from './flow/preferences';
import { useKiosk } from './kiosk-context';
import { Attract } from './screens/Attract';
import { SCREENS } from './screens/index';
import { StaffLayer } from './screens/staff/StaffLayer';
import { SpeechProvider } from './speech/speech';

const DevDock = lazy(() => import('../devdock/DevDock').then((m) => ({ default: m.DevDock })));

export function App() {
  return (
    <PreferencesProvider>
      <SpeechProvider>
        <FlowProvider>
          <Shell />
        </FlowProvider>
      </SpeechProvider>
    </PreferencesProvider>
  );
}

function Shell() {
  const { t, i18n } = useTranslation();
  const { hello } = useKiosk();
  const { elder, contrast } = usePreferences();
  const step = useFlowStep();

  useEffect(() => {
    document.documentElement.lang = i18n.language;
    document.title = t('app.title');
  }, [i18n.language, t]);

  const Screen = step === 'attract' ? Attract : SCREENS[step];
  const classes = ['app', elder ? 'elder' : '', contrast ? 'contrast' : ''].filter(Boolean);

  return (
    <div className={classes.join(' ')} data-step={step} data-testid="app">
      <header className="topbar">
        <span className="brand">{t('app.title')}</span>
        <AccessBar />
      </header>
      <Screen key={step} />
      <DeviceStrip />
      <IdleWarning />
      <FaultScreen />
      <StaffLayer />
      {hello?.devDock ? (
        <Suspense fallback={null}>
          <DevDock />
        </Suspense>
      ) : null}
      <ConnectionBanner />
    </div>
  );
}
