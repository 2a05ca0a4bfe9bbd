/**
 * The dev dock: simulator controls for demos and development. Present only when the service
 * says the config enables it (the production config schema refuses `ui.devDock`).
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApprovalControls } from './ApprovalControls';
import { BarcodeControls } from './BarcodeControls';
import { IdCardControls } from './IdCardControls';
import { PrinterControls } from './PrinterControls';
import { ScannerControls } from './ScannerControls';

export function DevDock() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  if (!open) {
    return (
      <button
        type="button"
        className="devdock-toggle"
        data-testid="devdock-open"
        onClick={() => setOpen(true)}
      >
        {t('devDock.open')}
      </button>
    );
  }
  return (
    <aside className="devdock" aria-label={t('devDock.title')} data-testid="devdock">
      <header>
        <h2>{t('devDock.title')}</h2>
        <button type="button" onClick={() => setOpen(false)}>
          {t('devDock.close')}
        </button>
      </header>
      <IdCardControls />
      <BarcodeControls />
      <ScannerControls />
      <PrinterControls />
      <ApprovalControls />
    </aside>
  );
}
