/**
 * Submission: the service writes the application to its outbox and forwards it; the answer is
 * a tracking number, or a provisional reference while the central API is unreachable (the
 * applicant still finishes). An incomplete answer goes back to the deficiency list.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PrimaryButton, StepFrame } from '../components/StepFrame';
import { useFlowActor } from '../flow/flow';
import { useService } from '../flow/use-service';
import { useAnnounce } from '../speech/speech';

export function Submitting() {
  const { t } = useTranslation();
  const actor = useFlowActor();
  const call = useService();
  const [failed, setFailed] = useState(false);
  const started = useRef(false);
  useAnnounce(() => [{ text: t('submit.busy') }], 'submitting');

  const submit = useCallback(async () => {
    setFailed(false);
    // Repeat calls return the same outcome (the service keys it), so a retry is safe.
    const result = await call('application.submit', {}, 'approval');
    if (result) actor.send({ type: 'SUBMITTED', submission: result });
    else setFailed(true);
  }, [call, actor]);

  useEffect(() => {
    if (started.current) return;
    started.current = true;
    void submit();
  }, [submit]);

  return (
    <StepFrame
      step="submitting"
      title={t('submit.title')}
      back={false}
      primary={
        failed ? (
          <PrimaryButton testId="submit-retry" onClick={() => void submit()}>
            {t('fault.retry')}
          </PrimaryButton>
        ) : undefined
      }
    >
      <p role="status" data-testid="submit-status">
        {failed ? t('submit.failed') : t('submit.busy')}
      </p>
    </StepFrame>
  );
}
