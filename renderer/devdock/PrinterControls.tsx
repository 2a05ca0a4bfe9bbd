/**
 * Dev dock controls of the receipt printer simulator: script its faults (cover, paper, offline,
 * cutter, silence, dropped link), print a test receipt, and see every printed receipt as the
 * picture the fake printer drew from the bytes it received. Shows nothing when the printer is
 * real or not configured (the service refuses the calls).
 */
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ValueOf } from '../../electron/contract/index';
import { useKiosk } from '../src/kiosk-context';

type SimulatorState = ValueOf<'printer.simulatorState'>;
type Picture = ValueOf<'printer.simulatorReceiptPicture'>;

const ACTIONS = [
  { key: 'open-cover', label: 'Open cover', action: { kind: 'open-cover' } },
  { key: 'close-cover', label: 'Close cover', action: { kind: 'close-cover' } },
  { key: 'near-end', label: 'Paper near end', action: { kind: 'paper-near-end' } },
  {
    key: 'runs-out',
    label: 'Paper runs out mid-job',
    action: { kind: 'paper-runs-out', afterDots: 300 },
  },
  { key: 'load-paper', label: 'Load paper', action: { kind: 'load-paper' } },
  { key: 'offline', label: 'Offline', action: { kind: 'set-offline', offline: true } },
  { key: 'online', label: 'Online', action: { kind: 'set-offline', offline: false } },
  { key: 'cutter', label: 'Cutter jam', action: { kind: 'cutter-error', on: true } },
  { key: 'cutter-ok', label: 'Cutter cleared', action: { kind: 'cutter-error', on: false } },
  { key: 'silent', label: 'Stop answering', action: { kind: 'answering', answering: false } },
  { key: 'answer', label: 'Answer again', action: { kind: 'answering', answering: true } },
  { key: 'drop', label: 'Drop connection', action: { kind: 'drop-connection' } },
] as const;

export function PrinterControls() {
  const { t } = useTranslation();
  const { client, connection } = useKiosk();
  const [state, setState] = useState<SimulatorState | null>(null);
  const [pictures, setPictures] = useState<Picture[]>([]);
  const [lastEvent, setLastEvent] = useState('');

  const apply = useCallback(
    (result: { ok: true; value: SimulatorState } | { ok: false; error: { message: string } }) => {
      if (result.ok) setState(result.value);
      else setLastEvent(result.error.message);
    },
    [],
  );

  const fetchPicture = useCallback(
    (number: number) =>
      void client.call('printer.simulatorReceiptPicture', { number }).then((r) => {
        if (r.ok) setPictures((list) => [r.value, ...list.filter((p) => p.number !== number)]);
      }),
    [client],
  );

  useEffect(() => {
    if (connection.kind !== 'connected') return;
    void client.call('printer.simulatorState', {}).then((r) => {
      if (!r.ok) return;
      setState(r.value);
      const last = r.value.receipts.at(-1);
      if (last) fetchPicture(last.number);
    });
  }, [client, connection.kind, fetchPicture]);

  useEffect(() => {
    const offReceipt = client.on('printer.simulatorReceipt', (e) => {
      setLastEvent(
        e.interrupted
          ? t('devDock.printer.interrupted', 'Receipt {{n}} cut short', { n: e.number })
          : t('devDock.printer.printed', 'Receipt {{n}} printed', { n: e.number }),
      );
      fetchPicture(e.number);
      void client.call('printer.simulatorState', {}).then((r) => r.ok && setState(r.value));
    });
    return () => offReceipt();
  }, [client, fetchPicture, t]);

  if (!state) return null;

  const raised = Object.entries(state.flags)
    .filter(([, on]) => on)
    .map(([flag]) => flag);

  return (
    <section className="devdock-family" data-testid="devdock-printer">
      <h3>{t('devDock.printer.title', 'Receipt printer')}</h3>
      <p data-testid="devdock-printer-state">
        {raised.length > 0 ? raised.join(', ') : t('devDock.printer.idle', 'idle')}
        {state.answering ? '' : ` · ${t('devDock.printer.silent', 'not answering')}`}
        {state.paperRemainingDots === null
          ? ''
          : ` · ${t('devDock.printer.paperLeft', 'paper left: {{dots}} dots', { dots: state.paperRemainingDots })}`}
      </p>
      <div className="devdock-faults">
        {ACTIONS.map((a) => (
          <button
            key={a.key}
            type="button"
            data-testid={`devdock-printer-${a.key}`}
            onClick={() =>
              void client.call('printer.simulatorAction', { action: a.action }).then(apply)
            }
          >
            {t(`devDock.printer.action.${a.key}`, a.label)}
          </button>
        ))}
        <button
          type="button"
          data-testid="devdock-printer-test"
          onClick={() =>
            void client
              .call('printer.simulatorAction', { action: { kind: 'print-test' } })
              .then(apply)
          }
        >
          {t('devDock.printer.test', 'Print test receipt')}
        </button>
      </div>
      <p className="devdock-last-event" aria-live="polite">
        {lastEvent}
      </p>
      <div className="devdock-receipts">
        {pictures.slice(0, 3).map((p) => (
          <figure key={p.number}>
            <img
              src={`data:image/png;base64,${p.pngBase64}`}
              alt={t('devDock.printer.picture', 'Printed receipt {{n}}', { n: p.number })}
              style={{ width: '100%', maxWidth: 288, border: '1px solid #ccc', background: '#fff' }}
            />
            <figcaption>
              #{p.number}
              {p.interrupted ? ` · ${t('devDock.printer.cutShort', 'cut short')}` : ''}
            </figcaption>
          </figure>
        ))}
      </div>
    </section>
  );
}
