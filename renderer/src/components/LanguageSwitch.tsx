import { useTranslation } from 'react-i18next';

/**
 * One button that switches between Chinese and English; on every screen, and inside a dialog
 * that covers the screen (a fault), where the access bar cannot be reached.
 */
export function LanguageSwitch({ testId = 'language-switch' }: { testId?: string }) {
  const { t, i18n } = useTranslation();
  const next = i18n.language === 'zh-CN' ? 'en' : 'zh-CN';
  return (
    <button
      type="button"
      className="language-switch"
      data-testid={testId}
      // The accessible name starts with the visible text (WCAG 2.5.3 label in name).
      aria-label={`${t('language.switch')} · ${t('language.switchLabel')}`}
      lang={next}
      onClick={() => void i18n.changeLanguage(next)}
    >
      {t('language.switch')}
    </button>
  );
}
