/**
 * Dev dock control of the central approval API: take the embedded sandbox down (it refuses
 * connections, as an unreachable platform would) and bring it back on the same address. Shows
 * nothing when the API is a real one or the dev dock is disabled (the service refuses).
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ValueOf } from '../../electron/contract/index';
import { useKiosk } from '../src/kiosk-context';

type CentralApiState = ValueOf<'devdock.centralApi.get'>;

export function ApprovalControls() {
  const { t } = useTranslation();
  const { client, connection } = useKiosk();
  const [state, setState] = useState<CentralApiState | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState('');

  useEffect(() => {
    if (connection.kind !== 'connected') return;
    void client.call('devdock.centralApi.get', {}).then((r) => {
      if (r.ok) setState(r.value);
    });
  }, [client, connection.kind]);

  if (!state) return null;

  const set = async (down: boolean) => {
    setBusy(true);
    const r = await client.call('devdock.centralApi.set', { down });
    setBusy(false);
    if (r.ok) {
      setState(r.value);
      setProblem('');
    } else setProblem(r.error.message);
  };

  return (
    <section className="devdock-family" data-testid="devdock-central-api">
      <h3>{t('devDock.centralApi.title')}</h3>
      <p data-testid="devdock-central-api-state" data-down={state.down ? 'true' : 'false'}>
        {t(state.down ? 'devDock.centralApi.down' : 'devDock.centralApi.up')}
      </p>
      <div className="devdock-faults">
        <button
          type="button"
          data-testid="devdock-central-api-down"
          disabled={busy || state.down}
          onClick={() => void set(true)}
        >
          {t('devDock.centralApi.takeDown')}
        </button>
        <button
          type="button"
          data-testid="devdock-central-api-up"
          disabled={busy || !state.down}
          onClick={() => void set(false)}
        >
          {t('devDock.centralApi.bringUp')}
        </button>
      </div>
      <p className="devdock-last-event" aria-live="polite">
        {problem}
      </p>
    </section>
  );
}
