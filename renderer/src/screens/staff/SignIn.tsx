/**
 * The staff sign-in keypad: staff number, then PIN, on large digit keys (no system keyboard
 * on a kiosk). While it is open it also waits for a staff card on the ID-card reader. Wrong
 * PINs show the lockout the service imposes, counting down.
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../../components/Dialog';
import { useKiosk } from '../../kiosk-context';

const DIGITS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0'];
/** Seconds each card wait lasts before the screen asks again (the contract allows 1-12). */
const CARD_WAIT_SECONDS = 10;

type Field = 'staffId' | 'pin';

export function SignIn({ onDone, onCancel }: { onDone: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const { client } = useKiosk();
  const [field, setField] = useState<Field>('staffId');
  const [staffId, setStaffId] = useState('');
  const [pin, setPin] = useState('');
  const [message, setMessage] = useState<string>();
  const [lockedUntil, setLockedUntil] = useState(0);
  const [now, setNow] = useState(() => Date.now());
  const [busy, setBusy] = useState(false);

  // Count the lockout down once a second while it runs.
  useEffect(() => {
    if (lockedUntil <= now) return;
    const timer = setTimeout(() => setNow(Date.now()), 1000);
    return () => clearTimeout(timer);
  }, [lockedUntil, now]);

  // The latest callbacks, so the card wait below is not restarted by a parent's render.
  const done = useRef(onDone);
  useEffect(() => {
    done.current = onDone;
  }, [onDone]);

  // Wait for a staff card as long as the keypad is open.
  useEffect(() => {
    let open = true;
    const wait = async (): Promise<void> => {
      while (open) {
        const result = await client.call('staff.signInWithCard', {
          waitSeconds: CARD_WAIT_SECONDS,
        });
        if (!open) return;
        if (result.ok) {
          done.current();
          return;
        }
        const code = result.error.code;
        if (code === 'E_STAFF_NOT_STAFF_CARD') setMessage(t('staff.signIn.notStaffCard'));
        else if (code === 'E_STAFF_BUSY') {
          // A wait from a keypad opened just before is still running in the service.
          await new Promise((r) => setTimeout(r, 1000));
        } else if (code !== 'E_STAFF_NO_CARD') return; // role, disconnected: stop waiting
      }
    };
    void wait();
    return () => {
      open = false;
      // The keypad closed: a card placed now belongs to an applicant, not to this sign-in.
      void client.call('staff.cancelCardSignIn', {});
    };
  }, [client, t]);

  const value = field === 'staffId' ? staffId : pin;
  const setValue = field === 'staffId' ? setStaffId : setPin;
  const max = field === 'staffId' ? 8 : 12;
  const lockedFor = Math.max(0, Math.ceil((lockedUntil - now) / 1000));

  const submit = async (): Promise<void> => {
    setBusy(true);
    const result = await client.call('staff.signIn', { staffId, pin });
    setBusy(false);
    setPin('');
    if (result.ok) {
      onDone();
      return;
    }
    const details = (result.error.details ?? {}) as {
      lockedForSeconds?: number;
      retryAfterSeconds?: number;
    };
    const seconds = details.retryAfterSeconds ?? details.lockedForSeconds ?? 0;
    if (seconds > 0) {
      setLockedUntil(Date.now() + seconds * 1000);
      setNow(Date.now());
    }
    setMessage(
      result.error.code === 'E_STAFF_LOCKED'
        ? t('staff.signIn.locked', { seconds })
        : t('staff.signIn.denied'),
    );
    setField('pin');
  };

  return (
    <Dialog titleId="staff-sign-in-title" testId="staff-sign-in">
      <h2 id="staff-sign-in-title">{t('staff.signIn.title')}</h2>
      <div className="staff-fields">
        <button
          type="button"
          className={field === 'staffId' ? 'staff-field active' : 'staff-field'}
          data-testid="staff-id-field"
          onClick={() => setField('staffId')}
        >
          {t('staff.signIn.staffId')}: <span data-testid="staff-id-value">{staffId}</span>
        </button>
        <button
          type="button"
          className={field === 'pin' ? 'staff-field active' : 'staff-field'}
          data-testid="staff-pin-field"
          onClick={() => setField('pin')}
        >
          {t('staff.signIn.pin')}: {'•'.repeat(pin.length)}
        </button>
      </div>
      <div className="staff-keypad" role="group" aria-label={t(`staff.signIn.${field}`)}>
        {DIGITS.map((digit) => (
          <button
            key={digit}
            type="button"
            data-testid={`staff-key-${digit}`}
            disabled={busy}
            onClick={() => value.length < max && setValue(value + digit)}
          >
            {digit}
          </button>
        ))}
        <button type="button" onClick={() => setValue(value.slice(0, -1))} disabled={busy}>
          {t('staff.signIn.back')}
        </button>
        <button type="button" onClick={() => setValue('')} disabled={busy}>
          {t('staff.signIn.clear')}
        </button>
      </div>
      <p className="muted">{t('staff.signIn.card')}</p>
      {message ? (
        <p className="staff-message" role="alert" data-testid="staff-sign-in-message">
          {lockedFor > 0 ? t('staff.signIn.locked', { seconds: lockedFor }) : message}
        </p>
      ) : null}
      <div className="dialog-actions">
        <button type="button" data-testid="staff-sign-in-cancel" onClick={onCancel}>
          {t('staff.signIn.cancel')}
        </button>
        {field === 'staffId' ? (
          <button
            type="button"
            className="primary"
            data-testid="staff-next"
            disabled={staffId.length < 3}
            onClick={() => setField('pin')}
          >
            {t('staff.signIn.next')}
          </button>
        ) : (
          <button
            type="button"
            className="primary"
            data-testid="staff-submit"
            disabled={busy || lockedFor > 0 || staffId.length < 3 || pin.length < 4}
            onClick={() => void submit()}
          >
            {busy ? t('staff.signIn.checking') : t('staff.signIn.submit')}
          </button>
        )}
      </div>
    </Dialog>
  );
}
