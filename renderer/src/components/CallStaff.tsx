/**
 * "Call staff", in the same place on every screen (WCAG 3.2.6 consistent help). No contract
 * method pages the staff yet, so the button says honestly, in both languages at once, to ask
 * at the counter, and where that is.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useKiosk } from '../kiosk-context';
import { useAnnounce } from '../speech/speech';
import { Dialog } from './Dialog';

export function CallStaff() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <button
        type="button"
        className="call-staff"
        data-testid="call-staff"
        onClick={() => setOpen(true)}
      >
        {t('callStaff.button')}
      </button>
      {open ? <CallStaffDialog onClose={() => setOpen(false)} /> : null}
    </>
  );
}

function CallStaffDialog({ onClose }: { onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { hello } = useKiosk();
  const zh = i18n.getFixedT('zh-CN');
  const en = i18n.getFixedT('en');
  useAnnounce(() => [{ text: t('callStaff.message') }], 'call-staff');
  return (
    <Dialog titleId="call-staff-title" testId="call-staff-dialog">
      <h2 id="call-staff-title">{t('callStaff.title')}</h2>
      <p lang="zh-CN">{zh('callStaff.message')}</p>
      <p lang="en">{en('callStaff.message')}</p>
      {hello?.fallbackDirections ? (
        <>
          <p lang="zh-CN" className="muted">
            {hello.fallbackDirections['zh-CN']}
          </p>
          <p lang="en" className="muted">
            {hello.fallbackDirections.en}
          </p>
        </>
      ) : null}
      <div className="dialog-actions">
        <button type="button" className="primary" onClick={onClose} autoFocus>
          {t('common.ok')}
        </button>
      </div>
    </Dialog>
  );
}
