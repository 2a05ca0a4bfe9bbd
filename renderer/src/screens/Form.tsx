/**
 * The form: what the service could not fill in from the card, the licenses on file and the
 * applicant's last application of this item. The fields asked for are exactly those the
 * completeness check names (each deficiency with a `field`), so nothing known is typed again.
 */
import { lazy, Suspense, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PrimaryButton, StepFrame } from '../components/StepFrame';
import { useFlowActor } from '../flow/flow';
import type { Completeness } from '../flow/session-machine';
import { useBilingual, useService } from '../flow/use-service';
import { useAnnounce } from '../speech/speech';

const OnScreenKeyboard = lazy(() => import('../components/OnScreenKeyboard'));

type Deficiency = Completeness['deficiencies'][number];

/** Fields whose values are digits and a few signs: the numeric keypad suits them. */
function keypadFor(field: string): 'numeric' | 'text' {
  return /date|idnumber|creditcode|quantity|count/i.test(field) ? 'numeric' : 'text';
}

export function Form() {
  const { t } = useTranslation();
  const actor = useFlowActor();
  const call = useService();
  const pick = useBilingual();
  const [fields, setFields] = useState<readonly Deficiency[] | undefined>();
  const [values, setValues] = useState<Record<string, string>>({});
  const [active, setActive] = useState<string | undefined>();

  useEffect(() => {
    let live = true;
    void call('application.check', {}, 'approval').then((c) => {
      if (!live || !c) return;
      const byField = new Map<string, Deficiency>();
      for (const d of c.deficiencies) if (d.field && !byField.has(d.field)) byField.set(d.field, d);
      const list = [...byField.values()];
      setFields(list);
      setActive(list[0]?.field);
    });
    return () => {
      live = false;
    };
  }, [call]);

  useAnnounce(
    () => [{ text: t(fields && fields.length === 0 ? 'form.nothing' : 'form.prompt') }],
    `form-${fields?.length ?? 'loading'}`,
    fields !== undefined,
  );

  const save = async () => {
    const typed = Object.fromEntries(Object.entries(values).filter(([, v]) => v.trim() !== ''));
    if (Object.keys(typed).length) {
      const saved = await call('application.setForm', { values: typed }, 'approval');
      if (!saved) return;
    }
    actor.send({ type: 'NEXT' });
  };

  const activeField = fields?.find((f) => f.field === active);
  return (
    <StepFrame
      step="form"
      title={t('form.title')}
      primary={
        <PrimaryButton onClick={() => void save()} disabled={fields === undefined}>
          {t('flow.next')}
        </PrimaryButton>
      }
    >
      <p className="muted">{t('form.prefilled')}</p>
      {fields?.length === 0 ? <p data-testid="form-nothing">{t('form.nothing')}</p> : null}
      <div className="form-fields" data-testid="form-fields">
        {(fields ?? []).map((f) => {
          const id = `field-${f.field}`;
          return (
            <div key={f.field} className="form-field">
              <label htmlFor={id}>{pick(f.message)}</label>
              <input
                id={id}
                data-testid={id}
                inputMode="none"
                autoComplete="off"
                value={values[f.field!] ?? ''}
                onFocus={() => setActive(f.field)}
                onChange={(e) => setValues((v) => ({ ...v, [f.field!]: e.target.value }))}
              />
            </div>
          );
        })}
      </div>
      {activeField?.field ? (
        <Suspense fallback={null}>
          <OnScreenKeyboard
            value={values[activeField.field] ?? ''}
            onChange={(v) => setValues((old) => ({ ...old, [activeField.field!]: v }))}
            mode={keypadFor(activeField.field)}
          />
        </Suspense>
      ) : null}
    </StepFrame>
  );
}
