/**
 * The item guide: what the item needs, its time limit, fee, and how many visits, and the
 * consent to look up the applicant's documents on file, asked here so that one tap ("I agree,
 * start") opens the application and, on the materials screen, records the consent, fills in
 * what the applicant's last application of this item said, and (for an enterprise's agent)
 * shows the authorisation on file. "Start without them" opens the application with nothing
 * looked up: every material is then scanned or signed, and the consent can still be given on
 * the materials screen.
 */
import { useEffect, useState } from 'react';
import type { ValueOf } from '../../../electron/contract/index';
import { useTranslation } from 'react-i18next';
import { DeliveryOptionsFact } from '../components/ResultDelivery';
import { PrimaryButton, StepFrame } from '../components/StepFrame';
import { useFlowActor, useFlowContext } from '../flow/flow';
import { useBilingual, useService } from '../flow/use-service';
import { useAnnounce } from '../speech/speech';

type ItemMaterial = ValueOf<'journey.itemMaterials'>['materials'][number];

export function ItemGuide() {
  const { t } = useTranslation();
  const actor = useFlowActor();
  const call = useService();
  const pick = useBilingual();
  const item = useFlowContext((c) => c.item);
  const itemId = useFlowContext((c) => c.itemId);
  const existing = useFlowContext((c) => c.plan);
  const [busy, setBusy] = useState(false);
  const [needs, setNeeds] = useState<readonly ItemMaterial[] | undefined>();

  useEffect(() => {
    if (!itemId) return;
    let live = true;
    void call('journey.itemMaterials', { implementCode: itemId }, 'approval').then(
      (r) => live && setNeeds(r?.materials),
    );
    return () => {
      live = false;
    };
  }, [call, itemId]);

  useAnnounce(
    () =>
      item
        ? [
            { text: pick(item.name) },
            { text: t('guide.days', { count: item.promisedWorkingDays }) },
            { text: t(item.feeCharged ? 'guide.fee' : 'guide.free') },
            { text: t('materials.consentText') },
          ]
        : [],
    `guide-${itemId ?? ''}`,
  );

  // One round trip opens the application and the screen moves on; with "I agree" the materials
  // screen then records the consent and looks everything up while it shows that it does.
  const start = async (agree: boolean) => {
    if (!itemId) return;
    setBusy(true);
    try {
      // Back on the guide of the application already open: keep what was supplied.
      const open = existing?.item.implementCode === itemId ? existing : undefined;
      const opened =
        open ?? (await call('application.start', { implementCode: itemId }, 'approval'));
      if (!opened) return;
      actor.send({ type: 'PLAN', plan: opened });
      if (agree) actor.send({ type: 'AGREE_LOOKUPS' });
      actor.send({ type: 'NEXT' });
    } finally {
      setBusy(false);
    }
  };

  return (
    <StepFrame
      step="itemGuide"
      title={item ? pick(item.name) : t('guide.title')}
      secondary={
        <button
          type="button"
          data-testid="start-without-consent"
          disabled={busy || !itemId}
          onClick={() => void start(false)}
        >
          {t('guide.startWithout')}
        </button>
      }
      primary={
        <PrimaryButton onClick={() => void start(true)} disabled={busy || !itemId}>
          {t('guide.agreeAndStart')}
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
      {/* Right above what it is about and on screen without scrolling: the consent that "I
          agree, start" gives. */}
      <section className="notice consent" aria-labelledby="consent-heading">
        <h2 id="consent-heading">{t('guide.consentHeading')}</h2>
        <p data-testid="consent-text">{t('materials.consentText')}</p>
      </section>
      {needs ? (
        <>
          <h2>{t('guide.materials')}</h2>
          <ul className="material-names" data-testid="item-materials">
            {needs.map((m) => (
              <li key={m.code}>
                {pick(m.name)}
                {m.explanation ? <span className="muted"> · {pick(m.explanation)}</span> : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </StepFrame>
  );
}
