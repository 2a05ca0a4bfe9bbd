/**
 * "Call staff", in the same place on every screen (WCAG 3.2.6 consistent help). A tap pages the
 * hall staff through the service (`session.callStaff`, which pages once however often it is
 * tapped) and says so in both languages at once; when a staff member acknowledges
 * (`staff.callAcknowledged`) the dialog says someone is on the way, opening again if the
 * applicant had closed it. If nobody acknowledges within the configured time
 * (`staff.callAcknowledgeSeconds`), or the call cannot be made, it also gives the directions to
 * the counter, as the button did before calls existed.
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFlowStep } from '../flow/flow';
import { useKiosk } from '../kiosk-context';
import { useAnnounce } from '../speech/speech';
import { Dialog } from './Dialog';

/** Where this button's call stands. `failed`: the service could not be asked. */
type CallStatus =
  | { readonly state: 'calling' }
  | { readonly state: 'failed' }
  | {
      readonly state: 'open' | 'acknowledged';
      readonly callId: string;
      /** Epoch ms after which the counter directions show too. */
      readonly directionsAtMs: number;
    };

export function CallStaff() {
  const { t } = useTranslation();
  const { client } = useKiosk();
  const step = useFlowStep();
  const [open, setOpen] = useState(false);
  const [status, setStatus] = useState<CallStatus>();
  /** The call this button made, to match acknowledgements to it. */
  const callId = useRef<string>(undefined);

  useEffect(
    () =>
      client.on('staff.callAcknowledged', (e) => {
        if (e.callId !== callId.current) return;
        setOpen(true);
        setStatus((current) =>
          current && 'callId' in current ? { ...current, state: 'acknowledged' } : current,
        );
      }),
    [client],
  );

  const call = (): void => {
    setOpen(true);
    setStatus((current) => current ?? { state: 'calling' });
    void client.call('session.callStaff', { screen: step }).then((r) => {
      if (!r.ok) return setStatus({ state: 'failed' });
      callId.current = r.value.callId;
      // The service's `at` is its clock; the wait is counted from the tap on this one.
      setStatus({
        state: r.value.state,
        callId: r.value.callId,
        directionsAtMs:
          (r.value.repeated ? Date.parse(r.value.at) : Date.now()) +
          r.value.directionsAfterSeconds * 1000,
      });
    });
  };

  return (
    <>
      <button
        type="button"
        className="call-staff"
        data-testid="call-staff"
        data-call-state={status?.state ?? 'none'}
        onClick={call}
      >
        {t('callStaff.button')}
      </button>
      {open && status ? <CallStaffDialog status={status} onClose={() => setOpen(false)} /> : null}
    </>
  );
}

/** The message key for a call's state (the counter directions are added separately). */
function messageKey(status: CallStatus): string {
  switch (status.state) {
    case 'calling':
      return 'callStaff.calling';
    case 'open':
      return 'callStaff.called';
    case 'acknowledged':
      return 'callStaff.coming';
    case 'failed':
      return 'callStaff.message';
  }
}

function CallStaffDialog({ status, onClose }: { status: CallStatus; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { hello } = useKiosk();
  const zh = i18n.getFixedT('zh-CN');
  const en = i18n.getFixedT('en');
  const [now, setNow] = useState(() => Date.now());
  const directionsAtMs = 'directionsAtMs' in status ? status.directionsAtMs : undefined;
  useEffect(() => {
    if (directionsAtMs === undefined) return;
    const wait = directionsAtMs - Date.now();
    if (wait <= 0) return;
    const timer = setTimeout(() => setNow(Date.now()), wait);
    return () => clearTimeout(timer);
  }, [directionsAtMs]);

  const key = messageKey(status);
  // Directions when the call failed, or nobody has answered in time (not once help is coming).
  const showDirections =
    status.state === 'failed' ||
    (status.state === 'open' && directionsAtMs !== undefined && now >= directionsAtMs);
  useAnnounce(
    () => [
      {
        text:
          showDirections && key !== 'callStaff.message'
            ? `${t(key)} ${t('callStaff.message')}`
            : t(key),
      },
    ],
    `call-staff-${status.state}-${showDirections}`,
  );

  return (
    <Dialog titleId="call-staff-title" testId="call-staff-dialog">
      <h2 id="call-staff-title">{t('callStaff.title')}</h2>
      <div role="status" data-testid="call-staff-status" data-state={status.state}>
        <p lang="zh-CN">{zh(key)}</p>
        <p lang="en">{en(key)}</p>
      </div>
      {showDirections ? (
        <div data-testid="call-staff-directions">
          {key !== 'callStaff.message' ? (
            <>
              <p lang="zh-CN">{zh('callStaff.message')}</p>
              <p lang="en">{en('callStaff.message')}</p>
            </>
          ) : null}
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
        </div>
      ) : null}
      <div className="dialog-actions">
        <button type="button" className="primary" onClick={onClose} autoFocus>
          {t('common.ok')}
        </button>
      </div>
    </Dialog>
  );
}
