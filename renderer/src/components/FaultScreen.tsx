/**
 * A problem the applicant met (card unreadable, paper jam, printer out of paper, central API
 * down...): what happened and what to do, spoken too. "Try again" returns to the step. The
 * dialog has its own language switch: the access bar is behind it.
 */
import { useTranslation } from 'react-i18next';
import { useFlowActor, useFlowContext } from '../flow/flow';
import { faultKind } from '../flow/faults';
import { useAnnounce } from '../speech/speech';
import { CallStaff } from './CallStaff';
import { Dialog } from './Dialog';
import { LanguageSwitch } from './LanguageSwitch';

export function FaultScreen() {
  const fault = useFlowContext((c) => c.fault);
  return fault ? <FaultDialog code={fault.code} source={fault.source} /> : null;
}

function FaultDialog({ code, source }: { code: string; source: string }) {
  const { t } = useTranslation();
  const actor = useFlowActor();
  const kind = faultKind(code, source);
  useAnnounce(
    () => [
      { text: t(`fault.${kind}.title`) },
      { text: t(`fault.${kind}.what`) },
      { text: t(`fault.${kind}.todo`) },
    ],
    `fault-${code}`,
  );
  return (
    <Dialog titleId="fault-title" testId="fault" alert>
      <h2 id="fault-title" data-fault={kind}>
        {t(`fault.${kind}.title`)}
      </h2>
      <p>{t(`fault.${kind}.what`)}</p>
      <p className="todo">{t(`fault.${kind}.todo`)}</p>
      <p className="muted fault-code">{code}</p>
      <div className="dialog-actions">
        <LanguageSwitch testId="fault-language-switch" />
        <CallStaff />
        <button
          type="button"
          className="primary"
          data-testid="fault-dismiss"
          autoFocus
          onClick={() => actor.send({ type: 'DISMISS_FAULT' })}
        >
          {t('fault.retry')}
        </button>
      </div>
    </Dialog>
  );
}
