/**
 * Check answers (GOV.UK pattern): the item, the applicant, how each material was supplied and
 * where the result goes, each with a way to change it; then submit.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DeliveryChoiceRow, useDeliverySpeech } from '../components/ResultDelivery';
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
  // Where the result goes is part of what is read out; it changes when the applicant does.
  const [delivery, setDelivery] = useState<Parameters<typeof useDeliverySpeech>[0]>();
  const deliverySpeech = useDeliverySpeech(delivery);
  useAnnounce(
    () => [{ text: t('check.prompt') }, ...deliverySpeech],
    `check-${delivery?.chosen.kind ?? ''}-${delivery?.chosen.address ?? ''}`,
  );

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
        <DeliveryChoiceRow onView={setDelivery} />
      </dl>
      <p className="muted">{t('check.resultNote')}</p>
    </StepFrame>
  );
}
