/**
 * Verify a permit or a goods batch code by scanning it. The kiosk shows what the code says
 * (masked); the service offers no signature or live-state check to the renderer yet, so the
 * screen says plainly that the code is not verified here and where to have it checked.
 */
import { useTranslation } from 'react-i18next';
import { StepFrame } from '../components/StepFrame';
import { useFlowContext } from '../flow/flow';
import { useAnnounce } from '../speech/speech';

function ymd(date: string): string {
  return /^\d{8}$/.test(date) ? `${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6)}` : date;
}

export function Verify() {
  const { t } = useTranslation();
  const code = useFlowContext((c) => c.code);
  useAnnounce(
    () => [{ text: t(code ? 'verify.notVerified' : 'verify.prompt') }],
    `verify-${code?.kind ?? 'none'}`,
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
          {code.productionDate ? (
            <>
              <dt>{t('verify.produced')}</dt>
              <dd>{code.productionDate}</dd>
            </>
          ) : null}
        </dl>
      ) : null}
      {code ? (
        <p className="notice" data-testid="not-verified">
          {t('verify.notVerified')}
        </p>
      ) : null}
    </StepFrame>
  );
}
