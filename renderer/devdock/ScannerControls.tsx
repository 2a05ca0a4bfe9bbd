/**
 * Dev dock controls of the scanner simulator: load synthetic documents into the feeder or on
 * the glass, cause faults (jam, door open, slow pages), and run a test scan with cancel.
 * Shows nothing when the scanner is real or not configured (the service refuses the calls).
 */
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ParamsOf, ValueOf } from '../../electron/contract/index';
import { useKiosk } from '../src/kiosk-context';

type SimulatorState = ValueOf<'scanner.simulator.state'>;
type Document = SimulatorState['feeder'][number]['document'];
type Source = ParamsOf<'scanner.scan'>['source'];

const DOCUMENTS: readonly { document: Document; label: string; pages: number }[] = [
  { document: 'purchase-contract', label: 'Purchase contract (3 p.)', pages: 3 },
  { document: 'quality-certificate', label: 'Quality certificate', pages: 1 },
  { document: 'business-license', label: 'Business license', pages: 1 },
  { document: 'blank-sheet', label: 'Blank sheet', pages: 1 },
];

/** The material test scans from the dock go into; never one an applicant flow uses. */
const DOCK_MATERIAL = 'devdock-test';
/** "Slow pages" delay, milliseconds: long enough to press Cancel mid-scan. */
const SLOW_PAGE_MS = 2000;

export function ScannerControls() {
  const { t } = useTranslation();
  const { client, connection } = useKiosk();
  const [state, setState] = useState<SimulatorState | null>(null);
  const [document, setDocument] = useState<Document>('purchase-contract');
  const [seed, setSeed] = useState(1);
  const [jamAt, setJamAt] = useState(1);
  const [message, setMessage] = useState('');
  const [progress, setProgress] = useState('');

  const apply = useCallback(
    (result: { ok: true; value: SimulatorState } | { ok: false; error: { message: string } }) => {
      if (result.ok) setState(result.value);
      else setMessage(result.error.message);
    },
    [],
  );
  const refresh = useCallback(
    () => void client.call('scanner.simulator.state', {}).then((r) => r.ok && setState(r.value)),
    [client],
  );

  useEffect(() => {
    if (connection.kind === 'connected') refresh();
  }, [connection.kind, refresh]);

  useEffect(
    () =>
      client.on('scanner.progress', (p) =>
        setProgress(
          `${p.materialId}: ${p.pagesReceived}${p.pagePercent === undefined ? '' : ` (${p.pagePercent.toFixed(0)} %)`}`,
        ),
      ),
    [client],
  );

  if (!state) return null;

  const scan = async (source: Source): Promise<void> => {
    setMessage(t('devDock.scanner.scanning', 'Scanning…'));
    const result = await client.call('scanner.scan', { materialId: DOCK_MATERIAL, source });
    if (result.ok) {
      const r = result.value;
      setMessage(
        [
          `+${r.added} → ${r.material.pages.length} p., ${(r.material.totalBytes / 1000).toFixed(0)} kB`,
          r.blankDropped ? `${r.blankDropped} blank dropped` : '',
          r.limit ? `limit: ${r.limit.code}` : '',
          ...r.codes.map((c) => `p.${c.page} ${c.kind}`),
        ]
          .filter(Boolean)
          .join(' · '),
      );
    } else {
      setMessage(`${result.error.code}: ${result.error.message}`);
    }
    refresh();
  };

  const pages = DOCUMENTS.find((d) => d.document === document)?.pages ?? 1;

  return (
    <section className="devdock-family" data-testid="devdock-scanner">
      <h3>{t('devDock.scanner.title', 'Document scanner')}</h3>
      <p data-testid="devdock-scanner-state">
        {t('devDock.scanner.feeder', 'Feeder')}: {state.feeder.length} ·{' '}
        {t('devDock.scanner.platen', 'Glass')}:{' '}
        {state.platen ? `${state.platen.document} p.${state.platen.page}` : '—'}
        {state.jammed ? ` · ${t('devDock.scanner.jammed', 'JAMMED')}` : ''}
        {state.doorOpen ? ` · ${t('devDock.scanner.doorOpen', 'door open')}` : ''}
        {state.slowPageMs ? ` · ${state.slowPageMs} ms/page` : ''}
      </p>
      <label>
        {t('devDock.scanner.document', 'Document')}{' '}
        <select
          value={document}
          data-testid="devdock-scanner-document"
          onChange={(e) => setDocument(e.target.value as Document)}
        >
          {DOCUMENTS.map((d) => (
            <option key={d.document} value={d.document}>
              {t(`devDock.scanner.documents.${d.document}`, d.label)}
            </option>
          ))}
        </select>
      </label>{' '}
      <label>
        {t('devDock.scanner.seed', 'Enterprise')}{' '}
        <input
          type="number"
          min={0}
          max={1000}
          value={seed}
          onChange={(e) => setSeed(Number(e.target.value) || 0)}
        />
      </label>
      <div className="devdock-faults">
        <button
          type="button"
          data-testid="devdock-scanner-load-feeder"
          onClick={() =>
            void client
              .call('scanner.simulator.load', { action: 'feeder', document, seed })
              .then(apply)
          }
        >
          {t('devDock.scanner.loadFeeder', 'Into feeder')}
        </button>
        {Array.from({ length: pages }, (_, i) => (
          <button
            key={i}
            type="button"
            onClick={() =>
              void client
                .call('scanner.simulator.load', { action: 'platen', document, page: i + 1, seed })
                .then(apply)
            }
          >
            {t('devDock.scanner.onGlass', 'On glass')}
            {pages > 1 ? ` p.${i + 1}` : ''}
          </button>
        ))}
        <button
          type="button"
          onClick={() =>
            void client.call('scanner.simulator.load', { action: 'empty-feeder' }).then(apply)
          }
        >
          {t('devDock.scanner.emptyFeeder', 'Empty feeder')}
        </button>
        <button
          type="button"
          onClick={() =>
            void client.call('scanner.simulator.load', { action: 'clear-platen' }).then(apply)
          }
        >
          {t('devDock.scanner.clearGlass', 'Clear glass')}
        </button>
      </div>
      <div className="devdock-faults">
        <label>
          {t('devDock.scanner.jamAt', 'Jam at sheet')}{' '}
          <input
            type="number"
            min={1}
            max={50}
            value={jamAt}
            onChange={(e) => setJamAt(Math.max(1, Number(e.target.value) || 1))}
          />
        </label>
        <button
          type="button"
          data-testid="devdock-scanner-jam"
          onClick={() =>
            void client
              .call('scanner.simulator.fault', { fault: 'jam', atSheet: jamAt })
              .then(apply)
          }
        >
          {t('devDock.scanner.jam', 'Jam')}
        </button>
        <button
          type="button"
          onClick={() =>
            void client.call('scanner.simulator.fault', { fault: 'door-open' }).then(apply)
          }
        >
          {t('devDock.scanner.openDoor', 'Open door')}
        </button>
        <button
          type="button"
          onClick={() =>
            void client
              .call('scanner.simulator.fault', {
                fault: 'slow-pages',
                pageMs: state.slowPageMs ? 0 : SLOW_PAGE_MS,
              })
              .then(apply)
          }
        >
          {state.slowPageMs
            ? t('devDock.scanner.fastPages', 'Fast pages')
            : t('devDock.scanner.slowPages', 'Slow pages')}
        </button>
        <button
          type="button"
          data-testid="devdock-scanner-clear"
          onClick={() =>
            void client.call('scanner.simulator.fault', { fault: 'clear' }).then(apply)
          }
        >
          {t('devDock.scanner.clearFaults', 'Clear faults')}
        </button>
      </div>
      <div className="devdock-faults">
        <button
          type="button"
          data-testid="devdock-scanner-scan-feeder"
          onClick={() => void scan('feeder')}
        >
          {t('devDock.scanner.scanFeeder', 'Test scan: feeder')}
        </button>
        <button type="button" onClick={() => void scan('platen')}>
          {t('devDock.scanner.scanGlass', 'Test scan: glass')}
        </button>
        <button type="button" onClick={() => void client.call('scanner.cancel', {})}>
          {t('devDock.scanner.cancel', 'Cancel scan')}
        </button>
        <button
          type="button"
          onClick={() =>
            void client
              .call('scanner.discard', { materialId: DOCK_MATERIAL })
              .then(() => setMessage(''))
          }
        >
          {t('devDock.scanner.discard', 'Discard test pages')}
        </button>
      </div>
      {progress && <p className="devdock-note">{progress}</p>}
      {message && (
        <p className="devdock-note" data-testid="devdock-scanner-message">
          {message}
        </p>
      )}
    </section>
  );
}
