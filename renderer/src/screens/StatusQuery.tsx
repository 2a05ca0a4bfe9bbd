/**
 * Status of an application: scan the receipt's QR code, or type the tracking number (or the
 * provisional reference) on the keypad. The service answers from its outbox and, when the
 * central API answers, with the live status.
 */
import { lazy, Suspense, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PrimaryButton, StepFrame } from '../components/StepFrame';
import { useFlowContext } from '../flow/flow';
import { useBilingual, useService } from '../flow/use-service';
import { useAnnounce } from '../speech/speech';
import type { ValueOf } from '../../../electron/contract/index';

const OnScreenKeyboard = lazy(() => import('../components/OnScreenKeyboard'));

type Status = ValueOf<'application.status'>;

export function StatusQuery() {
  const { t } = useTranslation();
  const call = useService();
  const pick = useBilingual();
  const code = useFlowContext((c) => c.code);
  const [typed, setTyped] = useState('');
  const [status, setStatus] = useState<Status | undefined>();

  const look = async (reference: string) => {
    const r = await call('application.status', { reference: reference.trim() }, 'approval');
    setStatus(r);
  };

  const scanned = code?.kind === 'receipt' ? code.trackingNumber : undefined;
  useEffect(() => {
    if (!scanned) return;
    let live = true;
    void call('application.status', { reference: scanned }, 'approval').then(
      (r) => live && setStatus(r),
    );
    return () => {
      live = false;
    };
  }, [scanned, call]);

  useAnnounce(
    () =>
      status
        ? [
            { text: pick(status.receipt.itemName) },
            { text: t(`status.state.${status.state}`) },
            ...(status.status ? [{ text: t('status.live', { status: status.status }) }] : []),
          ]
        : [{ text: t('status.prompt') }],
    `status-${status?.localReference ?? ''}-${status?.state ?? ''}`,
  );

  return (
    <StepFrame
      step="statusQuery"
      title={t('status.title')}
      primary={
        status ? undefined : (
          <PrimaryButton
            testId="status-look"
            disabled={!typed.trim()}
            onClick={() => void look(typed)}
          >
            {t('status.look')}
          </PrimaryButton>
        )
      }
    >
      {status ? (
        <dl className="facts" data-testid="status-result">
          <dt>{t('check.item')}</dt>
          <dd>{pick(status.receipt.itemName)}</dd>
          <dt>{t('status.reference')}</dt>
          <dd>{status.trackingNumber ?? status.localReference}</dd>
          <dt>{t('status.stateLabel')}</dt>
          <dd data-testid="status-state" data-state={status.state}>
            {t(`status.state.${status.state}`)}
          </dd>
          {status.status ? (
            <>
              <dt>{t('status.liveLabel')}</dt>
              <dd data-testid="status-live">{status.status}</dd>
            </>
          ) : null}
          {status.live?.promisedDueDate ? (
            <>
              <dt>{t('status.due')}</dt>
              <dd>{status.live.promisedDueDate}</dd>
            </>
          ) : null}
        </dl>
      ) : (
        <>
          <p className="prompt">{t('status.prompt')}</p>
          <label htmlFor="reference">{t('status.reference')}</label>
          <input
            id="reference"
            data-testid="reference-input"
            inputMode="none"
            autoComplete="off"
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
          />
          <Suspense fallback={null}>
            <OnScreenKeyboard value={typed} onChange={setTyped} mode="reference" />
          </Suspense>
        </>
      )}
    </StepFrame>
  );
}
