/**
 * Assist: staff type in the applicant's ID number and name when the card could not be read.
 * The service checks the ID number's check character and records the identity as
 * staff-entered (in the session and the audit log).
 */
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useKiosk } from '../../kiosk-context';

const OnScreenKeyboard = lazy(() => import('../../components/OnScreenKeyboard'));

type Reason = 'card-unreadable' | 'no-card' | 'reader-fault';
const REASONS: readonly Reason[] = ['card-unreadable', 'no-card', 'reader-fault'];

export function StaffEntry({ onDone }: { onDone: (note: string) => void }) {
  const { t } = useTranslation();
  const { client } = useKiosk();
  const [field, setField] = useState<'idNumber' | 'name'>('idNumber');
  const [idNumber, setIdNumber] = useState('');
  const [name, setName] = useState('');
  const [reason, setReason] = useState<Reason>('card-unreadable');
  const [problem, setProblem] = useState<string>();

  const submit = (): void => {
    void client.call('staff.enterApplicant', { idNumber, name, reason }).then((r) => {
      if (r.ok) onDone(t('staff.entry.done'));
      else setProblem(r.error.message);
    });
  };

  return (
    <div className="staff-entry" data-testid="staff-entry">
      <div className="staff-fields">
        <button
          type="button"
          className={field === 'idNumber' ? 'staff-field active' : 'staff-field'}
          onClick={() => setField('idNumber')}
        >
          {t('staff.entry.idNumber')}: <span data-testid="staff-entry-id">{idNumber}</span>
        </button>
        <button
          type="button"
          className={field === 'name' ? 'staff-field active' : 'staff-field'}
          onClick={() => setField('name')}
        >
          {t('staff.entry.name')}: <span data-testid="staff-entry-name">{name}</span>
        </button>
      </div>
      <div role="group" aria-label={t('staff.entry.reason')}>
        {REASONS.map((r) => (
          <button
            key={r}
            type="button"
            className={reason === r ? 'active' : ''}
            aria-pressed={reason === r}
            onClick={() => setReason(r)}
          >
            {t(`staff.entry.reasons.${r}`)}
          </button>
        ))}
      </div>
      <Suspense fallback={null}>
        {field === 'idNumber' ? (
          <OnScreenKeyboard value={idNumber} onChange={setIdNumber} mode="numeric" />
        ) : (
          <OnScreenKeyboard value={name} onChange={setName} mode="text" />
        )}
      </Suspense>
      {problem ? (
        <p className="staff-message" role="alert" data-testid="staff-entry-problem">
          {problem}
        </p>
      ) : null}
      <button
        type="button"
        className="primary"
        data-testid="staff-entry-submit"
        disabled={idNumber.length !== 18 || name.trim() === ''}
        onClick={submit}
      >
        {t('staff.entry.submit')}
      </button>
    </div>
  );
}
