/**
 * Status of an application: scan the receipt's QR code, type the tracking number (or the
 * provisional reference) on the keypad, or place the ID card: the card holder's applications
 * are listed (`application.mine`: this kiosk's outbox and the central API) and a tap shows one.
 * The service answers from its outbox and, when the central API answers, with the live status.
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
type Mine = ValueOf<'application.mine'>;

export function StatusQuery() {
  const { t } = useTranslation();
  const call = useService();
  const pick = useBilingual();
  const code = useFlowContext((c) => c.code);
  const [typed, setTyped] = useState('');
  const [status, setStatus] = useState<Status | undefined>();
  // A card read on this screen identifies the person without leaving it (session machine).
  const applicant = useFlowContext((c) => c.applicant);
  const [fetched, setFetched] = useState<{ for: object; list: Mine } | undefined>();
  // A list fetched for someone else (a card replaced, the session wiped) is never shown.
  const mine = applicant && fetched?.for === applicant ? fetched.list : undefined;

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

  useEffect(() => {
    if (!applicant) return;
    let live = true;
    void call('application.mine', {}, 'approval').then(
      (list) => live && list && setFetched({ for: applicant, list }),
    );
    return () => {
      live = false;
    };
  }, [applicant, call]);

  useAnnounce(
    () =>
      status
        ? [
            { text: pick(status.receipt.itemName) },
            { text: t(`status.state.${status.state}`) },
            ...(status.status ? [{ text: t('status.live', { status: status.status }) }] : []),
          ]
        : mine
          ? [
              { text: t('status.mine.title') },
              {
                text:
                  mine.applications.length === 0
                    ? t('status.mine.none')
                    : t('status.mine.count', { count: mine.applications.length }),
              },
            ]
          : [{ text: t('status.prompt') }, { text: t('status.cardHint') }],
    `status-${status?.localReference ?? ''}-${status?.state ?? ''}-${mine?.applications.length ?? ''}`,
  );

  return (
    <StepFrame
      step="statusQuery"
      title={t('status.title')}
      secondary={
        status && mine ? (
          <button
            type="button"
            data-testid="status-back-to-list"
            onClick={() => setStatus(undefined)}
          >
            {t('status.mine.backToList')}
          </button>
        ) : undefined
      }
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
      ) : mine ? (
        <MyApplications mine={mine} onPick={(reference) => void look(reference)} />
      ) : (
        <>
          <p className="prompt">{t('status.prompt')}</p>
          <p className="muted" data-testid="status-card-hint">
            {t('status.cardHint')}
          </p>
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

/** The card holder's applications, newest first; a tap looks one up. */
function MyApplications({ mine, onPick }: { mine: Mine; onPick: (reference: string) => void }) {
  const { t } = useTranslation();
  const pick = useBilingual();
  return (
    <section aria-labelledby="my-applications-title" data-testid="my-applications">
      <h2 id="my-applications-title">{t('status.mine.title')}</h2>
      {mine.central === 'unavailable' ? (
        <p className="notice" role="status" data-testid="my-applications-central-unavailable">
          {t('status.mine.centralUnavailable')}
        </p>
      ) : null}
      {mine.applications.length === 0 ? (
        <p data-testid="my-applications-none">{t('status.mine.none')}</p>
      ) : (
        <ul className="item-list">
          {mine.applications.map((a, i) => (
            <li key={`${a.reference}-${i}`}>
              <button
                type="button"
                data-testid={`my-application-${i}`}
                data-reference={a.reference}
                data-state={a.state}
                onClick={() => onPick(a.reference)}
              >
                <strong>{pick(a.itemName)}</strong> <span className="reference">{a.reference}</span>{' '}
                <span>
                  {t(`status.state.${a.state}`)}
                  {a.status ? ` · ${a.status}` : ''}
                </span>{' '}
                <span className="muted">
                  {t('status.mine.submitted', { date: a.submittedAt.slice(0, 10) })}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
