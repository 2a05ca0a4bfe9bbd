/**
 * Where the result goes (结果送达方式): on the item guide, the ways the item's result may reach
 * the applicant; on check answers, the way that applies (the item's default until the
 * applicant chooses), with a change that offers the item's options as large buttons. A posted
 * result goes to the address on file (an enterprise's registered address) when there is one,
 * shown for the applicant to confirm; otherwise, or on request, it is typed on the on-screen
 * keyboard. The service checks every choice (`application.setDelivery`).
 */
import { lazy, Suspense, useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useBilingual } from '../flow/use-service';
import { useKiosk } from '../kiosk-context';
import { useAnnounce } from '../speech/speech';
import type { ValueOf } from '../../../electron/contract/index';

const OnScreenKeyboard = lazy(() => import('./OnScreenKeyboard'));

type DeliveryView = ValueOf<'application.delivery'>;
type DeliveryOption = DeliveryView['options'][number];
type DeliveryKind = DeliveryOption['kind'];

/** The item guide's fact: each way the result may go, the default marked. */
export function DeliveryOptionsFact({ options }: { options: readonly DeliveryOption[] }) {
  const { t } = useTranslation();
  const pick = useBilingual();
  return (
    <>
      <dt>{t('delivery.title')}</dt>
      <dd>
        <ul className="delivery-options" data-testid="delivery-options">
          {options.map((o) => (
            <li key={o.kind} data-kind={o.kind}>
              <strong>{t(`delivery.kind.${o.kind}`)}</strong>
              {o.isDefault ? ` ${t('delivery.default')}` : ''}: {pick(o.detail)}
            </li>
          ))}
        </ul>
      </dd>
    </>
  );
}

/** The spoken summary of the current choice, for a screen's prompt. */
export function useDeliverySpeech(view: DeliveryView | undefined) {
  const { t } = useTranslation();
  if (!view) return [];
  return [
    { text: t('delivery.spoken', { kind: t(`delivery.kind.${view.chosen.kind}`) }) },
    ...(view.chosen.address ? [{ text: view.chosen.address, personal: true }] : []),
  ];
}

/**
 * Check answers' row: the choice that applies and a way to change it. Reports the view it
 * shows, so the screen can speak it.
 */
export function DeliveryChoiceRow({ onView }: { onView?: (view: DeliveryView) => void }) {
  const { t } = useTranslation();
  const pick = useBilingual();
  const { client } = useKiosk();
  const [view, setView] = useState<DeliveryView | undefined>();
  const [editing, setEditing] = useState(false);
  const [typing, setTyping] = useState(false);
  const [address, setAddress] = useState('');
  const [problem, setProblem] = useState<string | undefined>();

  const onViewRef = useRef(onView);
  useEffect(() => {
    onViewRef.current = onView;
  });
  const show = useCallback((next: DeliveryView) => {
    setView(next);
    onViewRef.current?.(next);
  }, []);

  useEffect(() => {
    let live = true;
    void client.call('application.delivery', {}).then((r) => {
      if (live && r.ok) show(r.value);
    });
    return () => {
      live = false;
    };
  }, [client, show]);

  useAnnounce(
    () => (typing ? [{ text: t('delivery.typePrompt') }] : [{ text: t('delivery.choose') }]),
    `delivery-${editing ? 'edit' : 'view'}-${typing ? 'typing' : ''}`,
    editing,
  );

  const choose = async (kind: DeliveryKind, typed?: string) => {
    setProblem(undefined);
    if (kind === 'POST' && typed === undefined && !view?.addressOnFile) {
      setTyping(true);
      return;
    }
    const r = await client.call('application.setDelivery', {
      kind,
      ...(typed !== undefined ? { address: typed } : {}),
    });
    if (r.ok) {
      show(r.value);
      setTyping(false);
      setEditing(kind === 'POST' && typed === undefined);
      return;
    }
    const code = r.error.code;
    if (code === 'E_APPLICATION_DELIVERY_ADDRESS_REQUIRED') setTyping(true);
    setProblem(
      code === 'E_APPLICATION_DELIVERY_ADDRESS_INVALID'
        ? t('delivery.addressInvalid')
        : code === 'E_APPLICATION_DELIVERY_ADDRESS_REQUIRED'
          ? t('delivery.typePrompt')
          : t('delivery.failed'),
    );
  };

  if (!view) return null;
  const chosen = view.chosen;
  return (
    <div data-testid="delivery-row">
      <dt id="delivery-title">{t('delivery.title')}</dt>
      <dd>
        <span data-testid="delivery-chosen" data-kind={chosen.kind}>
          {t(`delivery.kind.${chosen.kind}`)}
        </span>
        {' · '}
        <span className="muted">{pick(chosen.detail)}</span>
        {chosen.address ? (
          <span className="delivery-address" data-testid="delivery-address">
            {' · '}
            {t(
              chosen.addressSource === 'ON_FILE' ? 'delivery.addressOnFile' : 'delivery.address',
            )}: {chosen.address}
          </span>
        ) : null}{' '}
        {editing ? null : (
          <button
            type="button"
            className="link"
            data-testid="delivery-change"
            onClick={() => setEditing(true)}
            aria-label={t('check.changeLabel', { name: t('delivery.title') })}
          >
            {t('check.change')}
          </button>
        )}
        {editing ? (
          <div className="delivery-edit" data-testid="delivery-edit">
            <div className="choices" role="group" aria-labelledby="delivery-title">
              {view.options.map((o) => (
                <button
                  key={o.kind}
                  type="button"
                  data-testid={`delivery-${o.kind}`}
                  aria-pressed={o.kind === chosen.kind}
                  onClick={() => void choose(o.kind)}
                >
                  {t(`delivery.kind.${o.kind}`)}
                  {o.isDefault ? ` ${t('delivery.default')}` : ''}
                </button>
              ))}
            </div>
            {chosen.kind === 'POST' && !typing ? (
              <div className="choices">
                <button
                  type="button"
                  data-testid="delivery-type-address"
                  onClick={() => setTyping(true)}
                >
                  {t('delivery.typeAddress')}
                </button>
                <button type="button" data-testid="delivery-done" onClick={() => setEditing(false)}>
                  {t('delivery.confirm')}
                </button>
              </div>
            ) : null}
            {typing ? (
              <>
                <label htmlFor="delivery-address-input">{t('delivery.address')}</label>
                <input
                  id="delivery-address-input"
                  data-testid="delivery-address-input"
                  inputMode="none"
                  autoComplete="off"
                  value={address}
                  onChange={(e) => setAddress(e.target.value)}
                />
                <button
                  type="button"
                  data-testid="delivery-use-address"
                  disabled={!address.trim()}
                  onClick={() => void choose('POST', address)}
                >
                  {t('delivery.useAddress')}
                </button>
                <Suspense fallback={null}>
                  <OnScreenKeyboard value={address} onChange={setAddress} mode="text" />
                </Suspense>
              </>
            ) : null}
          </div>
        ) : null}
        {problem ? (
          <p className="notice" role="alert" data-testid="delivery-problem">
            {problem}
          </p>
        ) : null}
      </dd>
    </div>
  );
}
