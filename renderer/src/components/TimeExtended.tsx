/**
 * Tells the applicant, in both languages, that a staff member gave them more time
 * (`session.timeExtended`; the session machine restarts its idle timer on the same event, in
 * flow.tsx). Shown for a few seconds during a visit; on the attract screen there is no time to
 * extend, so nothing shows.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFlowStep } from '../flow/flow';
import { useKiosk } from '../kiosk-context';
import { useAnnounce } from '../speech/speech';

/** How long the notice stays, ms. */
const NOTICE_MS = 8000;

export function TimeExtended() {
  const { t, i18n } = useTranslation();
  const { client } = useKiosk();
  const step = useFlowStep();
  const [at, setAt] = useState<string>();

  useEffect(() => client.on('session.timeExtended', (e) => setAt(e.at)), [client]);
  useEffect(() => {
    if (at === undefined) return;
    const timer = setTimeout(() => setAt(undefined), NOTICE_MS);
    return () => clearTimeout(timer);
  }, [at]);

  const visible = at !== undefined && step !== 'attract';
  useAnnounce(() => [{ text: t('callStaff.extended') }], `time-extended-${at}`, visible);
  if (!visible) return null;
  return (
    <div className="time-extended" role="status" data-testid="time-extended">
      <p lang="zh-CN">{i18n.getFixedT('zh-CN')('callStaff.extended')}</p>
      <p lang="en">{i18n.getFixedT('en')('callStaff.extended')}</p>
    </div>
  );
}
