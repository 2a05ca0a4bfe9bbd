/**
 * The deficiency list: one completeness check, every deficiency at once, each with how to fix
 * it and a button that goes to where it is fixed. A complete application goes straight on to
 * checking the answers (the machine moves on by itself).
 */
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { PrimaryButton, StepFrame } from '../components/StepFrame';
import { useFlowActor, useFlowContext } from '../flow/flow';
import { useBilingual, useService } from '../flow/use-service';
import { useAnnounce } from '../speech/speech';

export function Deficiencies() {
  const { t } = useTranslation();
  const actor = useFlowActor();
  const call = useService();
  const pick = useBilingual();
  const completeness = useFlowContext((c) => c.completeness);

  useEffect(() => {
    let live = true;
    void call('application.check', {}, 'approval').then((c) => {
      if (live && c) actor.send({ type: 'CHECKED', completeness: c });
    });
    return () => {
      live = false;
    };
  }, [call, actor]);

  const list = completeness?.deficiencies ?? [];
  useAnnounce(
    () => [
      { text: t('deficiencies.count', { count: list.length }) },
      ...list.map((d) => ({ text: pick(d.message) })),
    ],
    `deficiencies-${list.map((d) => d.code).join(',')}`,
    completeness !== undefined,
  );

  return (
    <StepFrame
      step="deficiencies"
      title={t('deficiencies.title')}
      primary={
        <PrimaryButton
          disabled={completeness?.result !== 'COMPLETE'}
          onClick={() => actor.send({ type: 'NEXT' })}
        >
          {t('flow.next')}
        </PrimaryButton>
      }
    >
      {completeness ? (
        <p role="status" data-testid="deficiency-count">
          {t('deficiencies.count', { count: list.length })}
        </p>
      ) : (
        <p role="status">{t('deficiencies.checking')}</p>
      )}
      <ol className="deficiencies" data-testid="deficiencies">
        {list.map((d, i) => (
          <li key={`${d.code}-${i}`} data-code={d.code} data-material={d.materialCode ?? ''}>
            <p>{pick(d.message)}</p>
            {d.holderMasked ? <p className="muted">{d.holderMasked}</p> : null}
            <button
              type="button"
              data-testid={`fix-${i}`}
              onClick={() =>
                actor.send({ type: 'FIX', step: d.materialCode && !d.field ? 'materials' : 'form' })
              }
            >
              {t(d.materialCode && !d.field ? 'deficiencies.fixMaterial' : 'deficiencies.fixForm')}
            </button>
          </li>
        ))}
      </ol>
    </StepFrame>
  );
}
