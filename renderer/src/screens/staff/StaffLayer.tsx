/**
 * Everything of issue 10 the renderer shows, mounted once beside the journey (App.tsx):
 * - the out-of-service screen applicants see while the service says so (clears by itself);
 * - a hidden staff entry: five taps within three seconds on the top-left corner open the
 *   sign-in keypad (a hall applicant does not find it by accident; staff learn it);
 * - after sign-in, the staff panel for the role in force on this connection.
 */
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { OutOfService } from './OutOfService';
import { SignIn } from './SignIn';
import { StaffPanel } from './StaffPanel';
import { registerStaffStrings } from './strings';
import { useAvailability, useStaffStatus } from './use-staff';
import './staff.css';

registerStaffStrings();

/** Taps on the corner that open the sign-in, and the time they must fall within, ms. */
const ENTRY_TAPS = 5;
const ENTRY_WINDOW_MS = 3000;

export function StaffLayer() {
  const { t } = useTranslation();
  const availability = useAvailability();
  const { status, refresh } = useStaffStatus();
  const [signingIn, setSigningIn] = useState(false);
  const [panelOpen, setPanelOpen] = useState(false);
  const taps = useRef<number[]>([]);

  const signedIn = status !== undefined && status.role !== 'applicant';
  // The panel shows only while the role lasts: expiry or a new connection hides it.
  const showPanel = panelOpen && signedIn;

  const onCornerTap = (): void => {
    const now = Date.now();
    taps.current = [...taps.current.filter((at) => now - at < ENTRY_WINDOW_MS), now];
    if (taps.current.length >= ENTRY_TAPS) {
      taps.current = [];
      if (signedIn) setPanelOpen(true);
      else setSigningIn(true);
    }
  };

  return (
    <>
      {availability?.state === 'out-of-service' && !showPanel ? (
        <OutOfService availability={availability} />
      ) : null}
      <button
        type="button"
        className="staff-corner"
        data-testid="staff-corner"
        aria-label={t('staff.corner')}
        onClick={onCornerTap}
      />
      {signingIn ? (
        <SignIn
          onDone={() => {
            setSigningIn(false);
            refresh();
            setPanelOpen(true);
          }}
          onCancel={() => setSigningIn(false)}
        />
      ) : null}
      {showPanel && status ? (
        <StaffPanel
          status={status}
          onClose={() => setPanelOpen(false)}
          onSignedOut={() => {
            setPanelOpen(false);
            refresh();
          }}
        />
      ) : null}
    </>
  );
}
