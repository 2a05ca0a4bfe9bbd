/**
 * Check answers (GOV.UK pattern): the item, the applicant and how each material was supplied,
 * each with a way back to change it; then submit.
 */
import { useTranslation } from 'react-i18next';
import { PrimaryButton, StepFrame } from '../components/StepFrame';
import { useFlowActor, useFlowContext } from '../flow/flow';
import { useBilingual } from '../flow/use-service';
import { useAnnounce } from '../speech/speech';

export function CheckAnswers() {
  const { t } = useTranslation();
  const actor = useFlowActor();
  const pick = useBilingual();
  const plan = useFlowContext((c) => c.plan);
  const applicant = useFlowContext((c) => c.applicant);
  useAnnounce(() => [{ text: t('check.prompt') }], 'check');

  return (
    <StepFrame
      step="checkAnswers"
      title={t('check.title')}
      primary={
        <PrimaryButton testId="submit" onClick={() => actor.send({ type: 'NEXT' })}>
          {t('check.submit')}
        </PrimaryButton>
      }
    >
      <dl className="facts summary" data-testid="summary">
        <dt>{t('check.item')}</dt>
        <dd>{plan ? pick(plan.item.name) : ''}</dd>
        <dt>{t('check.applicant')}</dt>
        <dd>
          {applicant?.nameMasked} {applicant?.idNumberMasked}
          {applicant?.enterpriseName ? ` · ${applicant.enterpriseName}` : ''}
        </dd>
        {(plan?.materials ?? []).map((m) => (
          <div key={`${m.materialCode}.${m.holderIndex}`}>
            <dt>{pick(m.name)}</dt>
            <dd>
              {m.byForm
                ? t('materials.byForm')
                : m.chosen
                  ? t(`materials.chosen.${m.chosen.source}`)
                  : t('materials.notSupplied')}{' '}
              <button
                type="button"
                className="link"
                onClick={() => actor.send({ type: 'BACK' })}
                aria-label={t('check.changeLabel', { name: pick(m.name) })}
              >
                {t('check.change')}
              </button>
            </dd>
          </div>
        ))}
      </dl>
      <p className="muted">{t('check.resultNote')}</p>
    </StepFrame>
  );
}
