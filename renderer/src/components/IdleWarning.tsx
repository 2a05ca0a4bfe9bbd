/**
 * The idle warning (WCAG 2.2.1): says how many seconds are left, and one tap on "continue"
 * gives the full time again, as often as needed. When the time runs out the machine wipes the
 * session; this dialog only shows and counts.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFlowActor, useFlowContext, useIdleWarning } from '../flow/flow';
import { useAnnounce } from '../speech/speech';
import { Dialog } from './Dialog';

export function IdleWarning() {
  const showing = useIdleWarning();
  return showing ? <IdleWarningDialog /> : null;
}

function IdleWarningDialog() {
  const { t } = useTranslation();
  const actor = useFlowActor();
  const warningSince = useFlowContext((c) => c.warningSince);
  const warningMs = useFlowContext((c) => c.idleWarningMs);
  const [now, setNow] = useState(() => Date.now());
  const since = warningSince ?? now;
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  const seconds = Math.max(0, Math.ceil((since + warningMs - now) / 1000));
  useAnnounce(
    () => [
      { text: t('idle.title') },
      { text: t('idle.body', { seconds: Math.round(warningMs / 1000) }) },
    ],
    'idle',
  );

  return (
    <Dialog titleId="idle-title" testId="idle-warning" alert>
      <h2 id="idle-title">{t('idle.title')}</h2>
      <p>{t('idle.body', { seconds })}</p>
      <p className="countdown" aria-hidden="true" data-testid="idle-seconds">
        {seconds}
      </p>
      <div className="dialog-actions">
        <button type="button" onClick={() => actor.send({ type: 'CANCEL' })}>
          {t('idle.finish')}
        </button>
        <button
          type="button"
          className="primary"
          data-testid="idle-continue"
          autoFocus
          onClick={() => actor.send({ type: 'CONTINUE' })}
        >
          {t('idle.continue')}
        </button>
      </div>
    </Dialog>
  );
}
