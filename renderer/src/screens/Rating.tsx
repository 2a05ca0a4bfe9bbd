/** Rating of the service, five levels (好差评), then the visit ends and everything is wiped. */
import { useTranslation } from 'react-i18next';
import { PrimaryButton, StepFrame } from '../components/StepFrame';
import { useFlowActor, useFlowContext } from '../flow/flow';
import { useAnnounce } from '../speech/speech';

const LEVELS = [5, 4, 3, 2, 1] as const;

export function Rating() {
  const { t } = useTranslation();
  const actor = useFlowActor();
  const rating = useFlowContext((c) => c.rating);
  useAnnounce(() => [{ text: t('rating.prompt') }], 'rating');
  return (
    <StepFrame
      step="rating"
      title={t('rating.title')}
      back={false}
      primary={
        <PrimaryButton testId="finish" onClick={() => actor.send({ type: 'NEXT' })}>
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
