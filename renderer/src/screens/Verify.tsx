/**
 * Verify a permit or a goods batch code by scanning it: what the code says (masked), then what
 * the service found with `barcode.verify` — for a permit its signature and live state (from the
 * central API, or the signature alone checked by the kiosk offline), for a batch its product,
 * manufacturer and flow.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ValueOf } from '../../../electron/contract/index';
import { StepFrame } from '../components/StepFrame';
import { useFlowContext } from '../flow/flow';
import { useService } from '../flow/use-service';
import { useAnnounce } from '../speech/speech';

type Verification = ValueOf<'barcode.verify'>;

function ymd(date: string): string {
  return /^\d{8}$/.test(date) ? `${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6)}` : date;
}

export function Verify() {
  const { t } = useTranslation();
  const call = useService();
  const code = useFlowContext((c) => c.code);
  const scanId = useFlowContext((c) => c.scanId);
  const [result, setResult] = useState<{ scanId: string; value: Verification } | undefined>();
  const verification = result && result.scanId === scanId ? result.value : undefined;

  useEffect(() => {
    if (!scanId || (code?.kind !== 'permit' && code?.kind !== 'batch')) return;
    let live = true;
    void call('barcode.verify', { scanId }, 'approval').then((v) => {
      if (live && v) setResult({ scanId, value: v });
    });
    return () => {
      live = false;
    };
  }, [scanId, code?.kind, call]);

  const verdict =
    verification?.kind === 'permit'
      ? verification.signature === 'VALID'
        ? verification.state
          ? t(`verify.state.${verification.state}`)
          : t('verify.signatureOnly')
        : t(`verify.signature.${verification.signature}`)
      : undefined;
  useAnnounce(
    () =>
      verdict
        ? [{ text: verdict }]
        : verification?.kind === 'batch'
          ? [{ text: verification.productName }, { text: verification.manufacturerName }]
          : [{ text: t(code ? 'verify.checking' : 'verify.prompt') }],
    `verify-${scanId ?? 'none'}-${verdict ?? verification?.kind ?? ''}`,
  );

  return (
    <StepFrame step="verify" title={t('verify.title')}>
      {!code ? <p className="prompt">{t('verify.prompt')}</p> : null}
      {code?.kind === 'permit' ? (
        <dl className="facts" data-testid="verify-permit">
          <dt>{t('verify.permitNumber')}</dt>
          <dd>{code.permitNumberMasked}</dd>
          <dt>{t('verify.permitType')}</dt>
          <dd>{code.permitType}</dd>
          <dt>{t('verify.holder')}</dt>
          <dd>{code.holderCreditCodeMasked}</dd>
          <dt>{t('verify.valid')}</dt>
          <dd>
            {ymd(code.validFrom)} – {ymd(code.validUntil)}
          </dd>
        </dl>
      ) : null}
      {code?.kind === 'batch' ? (
        <dl className="facts" data-testid="verify-batch">
          <dt>GTIN</dt>
          <dd>{code.gtin}</dd>
          <dt>{t('verify.batch')}</dt>
          <dd>{code.batch}</dd>
        </dl>
      ) : null}
      {code && !verification ? <p role="status">{t('verify.checking')}</p> : null}
      {verification?.kind === 'permit' ? (
        <div
          className={verification.signature === 'VALID' ? 'panel' : 'notice'}
          data-testid="verify-result"
          data-signature={verification.signature}
          data-state={verification.state ?? ''}
        >
          <p className="verdict">{verdict}</p>
          <p className="muted">{t(`verify.source.${verification.source}`)}</p>
        </div>
      ) : null}
      {verification?.kind === 'batch' ? (
        <div className="panel" data-testid="verify-result">
          <p className="verdict">{verification.productName}</p>
          <p>{verification.manufacturerName}</p>
          <ol className="batch-events">
            {verification.events.map((e) => (
              <li key={`${e.type}-${e.at}`}>
                {t(`verify.event.${e.type}`)} · {e.at.slice(0, 10)} · {e.place}
              </li>
            ))}
          </ol>
        </div>
      ) : null}
    </StepFrame>
  );
}
