/**
 * The receipt: the tracking number (or the provisional reference while the central API is
 * unreachable, with what that means), and the printed receipt. A print failure shows its fault
 * screen (out of paper, cover open...) and the receipt waits for staff to reprint it.
 *
 * The five-level rating (好差评) is asked here, once the receipt is out: one tap rates the
 * service and ends the visit (everything is wiped); "finish" ends it without a rating.
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PrimaryButton, StepFrame } from '../components/StepFrame';
import { useFlowActor, useFlowContext } from '../flow/flow';
import { useBilingual, useService } from '../flow/use-service';
import { useKiosk } from '../kiosk-context';
import { useAnnounce } from '../speech/speech';

type PrintState = 'printing' | 'printed' | 'failed';
const LEVELS = [5, 4, 3, 2, 1] as const;

export function Receipt() {
  const { t, i18n } = useTranslation();
  const actor = useFlowActor();
  const call = useService();
  const pick = useBilingual();
  const submission = useFlowContext((c) => c.submission);
  const { client } = useKiosk();
  const [print, setPrint] = useState<PrintState>('printing');
  const started = useRef(false);
  const reference =
    submission?.kind === 'forwarded' ? submission.trackingNumber : submission?.localReference;

  useEffect(() => {
    if (!submission || started.current) return;
    started.current = true;
    void call(
      'receipt.print',
      {
        localReference: submission.localReference,
        language: i18n.language === 'en' ? 'en' : 'zh-CN',
      },
      'printer',
    ).then((r) => {
      if (!r) return setPrint('failed');
      if (r.printed) return setPrint('printed');
      setPrint('failed');
      actor.send({ type: 'FAULT', fault: { code: r.code, source: 'printer' } });
    });
  }, [submission, call, actor, i18n.language]);

  // The rating is recorded on the way out; failing to record it is not the applicant's problem,
  // so it shows nothing.
  const rate = (level: number) => {
    void client.call('journey.rate', {
      score: level,
      ...(submission?.kind === 'forwarded' ? { trackingNumber: submission.trackingNumber } : {}),
    });
    actor.send({ type: 'RATE', level });
  };

  useAnnounce(
    () => [
      { text: t(submission?.kind === 'provisional' ? 'receipt.provisional' : 'receipt.done') },
      { text: t('receipt.reference') },
      { text: reference ?? '', personal: true },
      { text: t(`receipt.print.${print}`) },
      ...(print === 'printing' ? [] : [{ text: t('rating.prompt') }]),
    ],
    `receipt-${print}`,
    submission !== undefined,
  );

  return (
    <StepFrame
      step="receipt"
      title={t(submission?.kind === 'provisional' ? 'receipt.provisionalTitle' : 'receipt.title')}
      back={false}
      primary={
        <PrimaryButton testId="finish" onClick={() => actor.send({ type: 'NEXT' })}>
          {t('rating.finish')}
        </PrimaryButton>
      }
    >
      {submission ? (
        <>
          <div className="panel" data-testid="receipt-panel">
            <p>{t('receipt.reference')}</p>
            <p className="reference" data-testid="reference">
              {reference}
            </p>
            <p>{pick(submission.receipt.itemName)}</p>
          </div>
          {submission.kind === 'provisional' ? (
            <p className="notice" data-testid="provisional-note">
              {t('receipt.provisional')}
            </p>
          ) : null}
          <p>{t('receipt.days', { count: submission.receipt.promisedWorkingDays })}</p>
          <p role="status" data-testid="print-status" data-state={print}>
            {t(`receipt.print.${print}`)}
          </p>
          <section className="rating" aria-labelledby="rating-title" data-testid="rating">
            <h2 id="rating-title">{t('rating.prompt')}</h2>
            <div className="choices rating">
              {LEVELS.map((level) => (
                <button
                  key={level}
                  type="button"
                  data-testid={`rate-${level}`}
                  disabled={print === 'printing'}
                  onClick={() => rate(level)}
                >
                  {t(`rating.level${level}`)}
                </button>
              ))}
            </div>
            <p className="muted">{t('rating.note')}</p>
          </section>
        </>
      ) : null}
    </StepFrame>
  );
}
