/** Rating of the service, five levels (好差评), then the visit ends and everything is wiped. */
import { useTranslation } from 'react-i18next';
import { PrimaryButton, StepFrame } from '../components/StepFrame';
import { useFlowActor, useFlowContext } from '../flow/flow';
import { useKiosk } from '../kiosk-context';
import { useAnnounce } from '../speech/speech';

const LEVELS = [5, 4, 3, 2, 1] as const;

export function Rating() {
  const { t } = useTranslation();
  const actor = useFlowActor();
  const rating = useFlowContext((c) => c.rating);
  const submission = useFlowContext((c) => c.submission);
  const { client } = useKiosk();
  // The rating is sent when the visit is finished; a failure to record it is not the
  // applicant's problem, so it shows nothing.
  const finish = () => {
    if (rating) {
      void client.call('journey.rate', {
        score: rating,
        ...(submission?.kind === 'forwarded' ? { trackingNumber: submission.trackingNumber } : {}),
      });
    }
    actor.send({ type: 'NEXT' });
  };
  useAnnounce(() => [{ text: t('rating.prompt') }], 'rating');
  return (
    <StepFrame
      step="rating"
      title={t('rating.title')}
      back={false}
      primary={
        <PrimaryButton testId="finish" onClick={finish}>
          {t('rating.finish')}
        </PrimaryButton>
      }
    >
      <p>{t('rating.prompt')}</p>
      <div className="choices rating" role="radiogroup" aria-label={t('rating.title')}>
        {LEVELS.map((level) => (
          <button
            key={level}
            type="button"
            role="radio"
            aria-checked={rating === level}
            data-testid={`rate-${level}`}
            onClick={() => actor.send({ type: 'RATE', level })}
          >
            {t(`rating.level${level}`)}
          </button>
        ))}
      </div>
      <p className="muted">{t('rating.note')}</p>
    </StepFrame>
  );
}
