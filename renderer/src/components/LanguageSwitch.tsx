import { useTranslation } from 'react-i18next';

/** One button that switches between Chinese and English; on every screen. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const next = i18n.language === 'zh-CN' ? 'en' : 'zh-CN';
  return (
    <button
      type="button"
      className="language-switch"
      data-testid="language-switch"
      // The accessible name starts with the visible text (WCAG 2.5.3 label in name).
      aria-label={`${t('language.switch')} · ${t('language.switchLabel')}`}
      lang={next}
      onClick={() => void i18n.changeLanguage(next)}
    >
      {t('language.switch')}
    </button>
  );
}
