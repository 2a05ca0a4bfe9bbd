/**
 * Check answers (GOV.UK pattern): the item, the applicant, how each material was supplied and
 * where the result goes, each with a way to change it; then submit.
 */
import { useEffect, useState } from 'react';
import type { ValueOf } from '../../../electron/contract/index';
import { useTranslation } from 'react-i18next';
import { DeliveryChoiceRow, useDeliverySpeech } from '../components/ResultDelivery';
import { PrimaryButton, StepFrame } from '../components/StepFrame';
import { useFlowActor, useFlowContext } from '../flow/flow';
import { useBilingual, useService } from '../flow/use-service';
import { useAnnounce } from '../speech/speech';

export function CheckAnswers() {
  const { t } = useTranslation();
  const actor = useFlowActor();
  const pick = useBilingual();
  const plan = useFlowContext((c) => c.plan);
  const applicant = useFlowContext((c) => c.applicant);
  const call = useService();
  const [answers, setAnswers] = useState<ValueOf<'application.answers'>['answers']>([]);
  useEffect(() => {
    let live = true;
    void call('application.answers', {}, 'approval').then(
      (r) => live && r && setAnswers(r.answers),
    );
    return () => {
      live = false;
    };
  }, [call]);
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
        <DeliveryChoiceRow onView={setDelivery} />
        {answers.map((a) => (
          <div key={a.key} data-testid={`answer-${a.key}`}>
            <dt>{pick(a.label)}</dt>
            <dd>
              {a.display}{' '}
              <button
                type="button"
                className="link"
                onClick={() => actor.send({ type: 'FIX', step: 'form' })}
                aria-label={t('check.changeLabel', { name: pick(a.label) })}
              >
                {t('check.change')}
              </button>
            </dd>
          </div>
        ))}
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
                onClick={() => actor.send({ type: 'FIX', step: m.byForm ? 'form' : 'materials' })}
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
