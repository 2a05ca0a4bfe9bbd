/**
 * The attract screen: what the kiosk offers and how to begin. Placing an ID card starts the
 * journey by itself (the service identifies and the machine moves on); scanning a receipt or
 * a permit code starts a status query or a verification. After the service restarted during a
 * visit it says so (RestartNotice).
 */
import { useTranslation } from 'react-i18next';
import { RestartNotice } from '../components/RestartNotice';
import { useFlowActor } from '../flow/flow';
import { useKiosk } from '../kiosk-context';

export function Attract() {
  const { t, i18n } = useTranslation();
  const { hello } = useKiosk();
  const actor = useFlowActor();
  const language = i18n.language === 'en' ? 'en' : 'zh-CN';

  return (
    <main className="attract" data-testid="attract">
      <p className="hall">{hello?.hall[language] ?? ''}</p>
      <h1>{t('attract.welcome')}</h1>
      <p className="subtitle">{t('attract.subtitle')}</p>
      <p className="prompt" data-testid="attract-prompt">
        {t('attract.prompt')}
      </p>
      <RestartNotice />
      <div className="attract-actions">
        <button
          type="button"
          className="primary big"
          data-testid="start"
          onClick={() => actor.send({ type: 'START' })}
        >
          {t('attract.start')}
        </button>
        <button
          type="button"
          className="big"
          data-testid="status-query"
          onClick={() => actor.send({ type: 'STATUS_QUERY' })}
        >
          {t('attract.status')}
        </button>
        <button
          type="button"
          className="big"
          data-testid="verify"
          onClick={() => actor.send({ type: 'VERIFY' })}
        >
          {t('attract.verify')}
        </button>
      </div>
    </main>
  );
}
