/**
 * Dev dock controls of the ID-card simulator: place a card of the deck, take it away, make
 * the SAM fail, and queue a line fault for the next read. Names and numbers arrive masked.
 * Shows nothing when the reader is real or not configured (the service refuses the calls).
 */
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ValueOf } from '../../electron/contract/index';
import { useKiosk } from '../src/kiosk-context';

type SimulatorState = ValueOf<'idCard.simulatorState'>;
type SamHealth = SimulatorState['samHealth'];

const FAULTS = [
  { kind: 'bad-checksum', label: 'Bad checksum' },
  { kind: 'junk-before-preamble', label: 'Junk before preamble' },
  { kind: 'split-frames', label: 'Split answer' },
  { kind: 'remove-mid-read', label: 'Remove mid-read' },
  { kind: 'slow-answer', label: 'Slow answer (3 s)' },
] as const;

const HEALTH: readonly SamHealth[] = ['ok', 'self-test-failed', 'unauthorised'];

export function IdCardControls() {
  const { t } = useTranslation();
  const { client, connection } = useKiosk();
  const [state, setState] = useState<SimulatorState | null>(null);
  const [lastEvent, setLastEvent] = useState<string>('');

  const apply = useCallback(
    (result: { ok: true; value: SimulatorState } | { ok: false; error: { message: string } }) => {
      if (result.ok) setState(result.value);
      else setLastEvent(result.error.message);
    },
    [],
  );

  useEffect(() => {
    if (connection.kind !== 'connected') return;
    void client.call('idCard.simulatorState', {}).then((r) => r.ok && setState(r.value));
  }, [client, connection.kind]);

  useEffect(() => {
    const offRead = client.on('idCard.read', (e) =>
      setLastEvent(`${t(`document.${e.documentType}`)}: ${e.nameMasked} ${e.idNumberMasked}`),
    );
    const offRemoved = client.on('idCard.removed', () =>
      setLastEvent(t('devDock.idCard.removed', 'Card removed')),
    );
    const offError = client.on('idCard.error', (e) => setLastEvent(`${e.code}: ${e.message}`));
    return () => {
      offRead();
      offRemoved();
      offError();
    };
  }, [client, t]);

  if (!state) return null;

  return (
    <section className="devdock-family" data-testid="devdock-id-card">
      <h3>{t('devDock.idCard.title', 'ID-card reader')}</h3>
      <ul className="devdock-cards">
        {state.cards.map((card) => (
          <li key={card.index}>
            <button
              type="button"
              aria-pressed={state.placed === card.index}
              data-testid={`devdock-id-card-place-${card.index}`}
              onClick={() =>
                void client.call('idCard.placeCard', { index: card.index }).then(apply)
              }
            >
              {t(`document.${card.documentType}`)} · {card.nameMasked} · {card.idNumberMasked}
            </button>
          </li>
        ))}
      </ul>
      <button
        type="button"
        data-testid="devdock-id-card-remove"
        disabled={state.placed === null}
        onClick={() => void client.call('idCard.removeCard', {}).then(apply)}
      >
        {t('devDock.idCard.remove', 'Take card away')}
      </button>
      <label>
        {t('devDock.idCard.sam', 'SAM')}{' '}
        <select
          value={state.samHealth}
          onChange={(e) =>
            void client
              .call('idCard.setSamHealth', { health: e.target.value as SamHealth })
              .then(apply)
          }
        >
          {HEALTH.map((h) => (
            <option key={h} value={h}>
              {h}
            </option>
          ))}
        </select>
      </label>
      <div className="devdock-faults">
        {FAULTS.map((f) => (
          <button
            key={f.kind}
            type="button"
            onClick={() =>
              void client
                .call('idCard.injectFault', {
                  fault:
                    f.kind === 'slow-answer' ? { kind: f.kind, delayMs: 3000 } : { kind: f.kind },
                })
                .then(apply)
            }
          >
            {t(`devDock.idCard.fault.${f.kind}`, f.label)}
          </button>
        ))}
      </div>
      <p className="muted" aria-live="polite" data-testid="devdock-id-card-last">
        {lastEvent}
      </p>
    </section>
  );
}
