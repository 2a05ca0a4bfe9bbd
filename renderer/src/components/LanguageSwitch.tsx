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
      aria-label={t('language.switchLabel')}
      lang={next}
      onClick={() => void i18n.changeLanguage(next)}
    >
      {t('language.switch')}
    </button>
  );
}
