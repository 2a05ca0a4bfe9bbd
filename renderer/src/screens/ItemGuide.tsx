/**
 * The item guide: what the item needs, its time limit, fee, and how many visits; "start"
 * opens the application in the service, which answers with the material plan.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DeliveryOptionsFact } from '../components/ResultDelivery';
import { PrimaryButton, StepFrame } from '../components/StepFrame';
import { useFlowActor, useFlowContext } from '../flow/flow';
import { useBilingual, useService } from '../flow/use-service';
import { useAnnounce } from '../speech/speech';

export function ItemGuide() {
  const { t } = useTranslation();
  const actor = useFlowActor();
  const call = useService();
  const pick = useBilingual();
  const item = useFlowContext((c) => c.item);
  const itemId = useFlowContext((c) => c.itemId);
  const plan = useFlowContext((c) => c.plan);
  const [busy, setBusy] = useState(false);

  useAnnounce(
    () =>
      item
        ? [
            { text: pick(item.name) },
            { text: t('guide.days', { count: item.promisedWorkingDays }) },
            { text: t(item.feeCharged ? 'guide.fee' : 'guide.free') },
          ]
        : [],
    `guide-${itemId ?? ''}`,
  );

  const start = async () => {
    if (!itemId) return;
    setBusy(true);
    const result = await call('application.start', { implementCode: itemId }, 'approval');
    setBusy(false);
    if (result) {
      actor.send({ type: 'PLAN', plan: result });
      actor.send({ type: 'NEXT' });
    }
  };

  return (
    <StepFrame
      step="itemGuide"
      title={item ? pick(item.name) : t('guide.title')}
      primary={
        <PrimaryButton onClick={() => void start()} disabled={busy || !itemId}>
          {t('guide.start')}
        </PrimaryButton>
      }
    >
      {item ? (
        <dl className="facts" data-testid="item-facts">
          <dt>{t('guide.agency')}</dt>
          <dd>{pick(item.agencyName)}</dd>
          <dt>{t('guide.timeLimit')}</dt>
          <dd>{t('guide.days', { count: item.promisedWorkingDays })}</dd>
          <dt>{t('guide.feeLabel')}</dt>
          <dd>{t(item.feeCharged ? 'guide.fee' : 'guide.free')}</dd>
          <dt>{t('guide.visits')}</dt>
          <dd>{t('guide.visitCount', { count: item.visitsToHall })}</dd>
          <DeliveryOptionsFact options={item.delivery} />
        </dl>
      ) : null}
      {plan ? (
        <>
          <h2>{t('guide.materials')}</h2>
          <ul className="material-names">
            {plan.materials.map((m) => (
              <li key={`${m.materialCode}-${m.holderIndex}`}>{pick(m.name)}</li>
            ))}
          </ul>
        </>
      ) : (
        <p>{t('guide.startHint')}</p>
      )}
    </StepFrame>
  );
}
