/**
 * Dev dock controls of the simulated barcode readers: "scan" a ready-made code (receipt,
 * permit, batch, app sign-in, e-license, GBK text, a malformed permit) or any text, through
 * the simulated reader's HID POS reports. Shows what the kiosk made of the last scan, masked
 * as the renderer always sees it. Nothing shows when no reader is simulated.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ValueOf } from '../../electron/contract/index';
import { useKiosk } from '../src/kiosk-context';

type Presets = ValueOf<'barcode.simulatorPresets'>;
type Encoding = 'utf-8' | 'gb18030';

export function BarcodeControls() {
  const { t } = useTranslation();
  const { client, connection } = useKiosk();
  const [presets, setPresets] = useState<Presets | null>(null);
  const [readerId, setReaderId] = useState<string>('');
  const [text, setText] = useState('');
  const [encoding, setEncoding] = useState<Encoding>('utf-8');
  const [last, setLast] = useState('');

  useEffect(() => {
    if (connection.kind !== 'connected') return;
    void client.call('barcode.simulatorPresets', {}).then((r) => {
      if (!r.ok || r.value.readers.length === 0) return;
      setPresets(r.value);
      setReaderId(r.value.readers[0] ?? '');
    });
  }, [client, connection.kind]);

  useEffect(
    () =>
      client.on('barcode.scanned', (e) => {
        const { code } = e;
        const detail =
          code.kind === 'receipt'
            ? code.trackingNumber
            : code.kind === 'permit'
              ? `${code.permitNumberMasked} ${code.validFrom}–${code.validUntil}`
              : code.kind === 'batch'
                ? `${code.gtin} / ${code.batch}`
                : code.kind === 'app-identity'
                  ? `${code.appId}${code.expired ? ' (expired)' : ''}`
                  : code.kind === 'e-license'
                    ? code.identifierMasked
                    : code.reason;
        setLast(`${e.readerId} · ${e.symbology} · ${code.kind}: ${detail}`);
      }),
    [client],
  );

  if (!presets) return null;

  const report = (r: { ok: true } | { ok: false; error: { message: string } }): void => {
    if (!r.ok) setLast(r.error.message);
  };

  return (
    <section className="devdock-family" data-testid="devdock-barcode">
      <h3>{t('devDock.barcode.title', 'Barcode reader')}</h3>
      {presets.readers.length > 1 && (
        <label>
          {t('devDock.barcode.reader', 'Reader')}{' '}
          <select value={readerId} onChange={(e) => setReaderId(e.target.value)}>
            {presets.readers.map((id) => (
              <option key={id} value={id}>
                {id}
              </option>
            ))}
          </select>
        </label>
      )}
      <ul className="devdock-cards">
        {presets.presets.map((p) => (
          <li key={p.id}>
            <button
              type="button"
              data-testid={`devdock-barcode-preset-${p.id}`}
              onClick={() =>
                void client.call('barcode.simulateScan', { readerId, preset: p.id }).then(report)
              }
            >
              {p.label}
            </button>
          </li>
        ))}
      </ul>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (text === '') return;
          void client
            .call('barcode.simulateScan', { readerId, text, encoding, symbologyIdentifier: ']Q1' })
            .then(report);
        }}
      >
        <label>
          {t('devDock.barcode.text', 'Text')}{' '}
          <input
            value={text}
            maxLength={2000}
            data-testid="devdock-barcode-text"
            onChange={(e) => setText(e.target.value)}
          />
        </label>
        <select
          value={encoding}
          aria-label={t('devDock.barcode.encoding', 'Text encoding')}
          onChange={(e) => setEncoding(e.target.value as Encoding)}
        >
          <option value="utf-8">UTF-8</option>
          <option value="gb18030">GB18030</option>
        </select>
        <button type="submit" disabled={text === ''}>
          {t('devDock.barcode.scan', 'Scan as QR')}
        </button>
      </form>
      <p className="muted" aria-live="polite" data-testid="devdock-barcode-last">
        {last}
      </p>
    </section>
  );
}
