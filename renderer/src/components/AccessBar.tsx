/**
 * The controls on every screen, always in this order (WCAG 3.2.6): language, elder mode, high
 * contrast, speech repeat and volume, call staff.
 */
import { useTranslation } from 'react-i18next';
import { usePreferences, VOLUME_STEPS } from '../flow/preferences';
import { useSpeech } from '../speech/speech';
import { CallStaff } from './CallStaff';
import { LanguageSwitch } from './LanguageSwitch';
import { TimeExtended } from './TimeExtended';

export function AccessBar() {
  const { t } = useTranslation();
  const prefs = usePreferences();
  const speech = useSpeech();
  return (
    <nav className="access-bar" aria-label={t('access.label')}>
      <LanguageSwitch />
      <button
        type="button"
        aria-pressed={prefs.elder}
        data-testid="elder-mode"
        onClick={() => prefs.setElder(!prefs.elder)}
      >
        {t('access.elder')}
      </button>
      <button
        type="button"
        aria-pressed={prefs.contrast}
        data-testid="high-contrast"
        onClick={() => prefs.setContrast(!prefs.contrast)}
      >
        {t('access.contrast')}
      </button>
      <button type="button" data-testid="speech-repeat" onClick={() => speech.repeat()}>
        {t('access.repeat')}
      </button>
      <button
        type="button"
        aria-label={t('access.quieter')}
        data-testid="volume-down"
        disabled={prefs.volumeStep === 0}
        onClick={prefs.quieter}
      >
        −
      </button>
      <span className="volume" data-testid="volume" aria-live="polite">
        {t('access.volume', { level: prefs.volumeStep + 1, of: VOLUME_STEPS.length })}
      </span>
      <button
        type="button"
        aria-label={t('access.louder')}
        data-testid="volume-up"
        disabled={prefs.volumeStep === VOLUME_STEPS.length - 1}
        onClick={prefs.louder}
      >
        +
      </button>
      <CallStaff />
      <TimeExtended />
    </nav>
  );
}
