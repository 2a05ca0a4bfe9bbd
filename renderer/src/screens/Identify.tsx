/**
 * Identify: by ID card (the reader identifies in the service; the machine moves on when the
 * session has an applicant), by the government app's identity code (scanned, then signed in by
 * the service), or as an enterprise's agent: the agent's own card, then one of the enterprises
 * the central API lists for them, chosen on the next screen.
 */
import { useTranslation } from 'react-i18next';
import { StepFrame } from '../components/StepFrame';
import { useFlowActor, useFlowContext } from '../flow/flow';
import type { IdentifyMethod } from '../flow/session-machine';
import { useAnnounce } from '../speech/speech';

const METHODS: readonly IdentifyMethod[] = ['id-card', 'app-qr', 'agent'];

export function Identify() {
  const { t } = useTranslation();
  const actor = useFlowActor();
  const method = useFlowContext((c) => c.identifyMethod);
  useAnnounce(() => [{ text: t(`identify.${method}.prompt`) }], method);

  return (
    <StepFrame step="identify" title={t('identify.title')}>
      <div className="choices" role="group" aria-label={t('identify.how')}>
        {METHODS.map((m) => (
          <button
            key={m}
            type="button"
            aria-pressed={method === m}
            data-testid={`identify-${m}`}
            onClick={() => actor.send({ type: 'IDENTIFY_WITH', method: m })}
          >
            {t(`identify.${m}.label`)}
          </button>
        ))}
      </div>
      <p className="prompt" data-testid="identify-prompt" aria-live="polite">
        {t(`identify.${method}.prompt`)}
      </p>
    </StepFrame>
  );
}
