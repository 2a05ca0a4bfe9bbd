import { useTranslation } from 'react-i18next';
import { useKiosk } from '../kiosk-context';

/** The attract screen: what the kiosk offers and how to begin (place a card or show a code). */
export function Attract() {
  const { t } = useTranslation();
  const { hello, session, client } = useKiosk();
  const language = useTranslation().i18n.language as 'zh-CN' | 'en';
  const applicant = session?.applicant;

  return (
    <main className="attract" data-testid="attract">
      <p className="hall">{hello?.hall[language] ?? ''}</p>
      <h1>{t('attract.welcome')}</h1>
      <p className="subtitle">{t('attract.subtitle')}</p>
      {applicant ? (
        <section className="applicant" aria-live="polite" data-testid="applicant">
          <h2>{t('attract.applicant')}</h2>
          <p className="applicant-name">{applicant.nameMasked}</p>
          <p className="applicant-id">{applicant.idNumberMasked}</p>
          <p className="muted">{t(`document.${applicant.documentType}`)}</p>
          <button
            type="button"
            className="primary"
            onClick={() => void client.call('session.end', { reason: 'cancel' })}
          >
            {t('attract.end')}
          </button>
        </section>
      ) : (
        <p className="prompt" data-testid="attract-prompt">
          {t('attract.prompt')}
        </p>
      )}
    </main>
  );
}
