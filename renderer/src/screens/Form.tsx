/**
 * The form: what the service could not fill in from the card, the licenses on file and the
 * applicant's last application of this item. The fields asked for are exactly those the
 * completeness check names (each deficiency with a `field`), so nothing known is typed again;
 * each is asked for in its own way from the item record (`journey.formFields`): a choice as
 * buttons, dates and numbers on the keypad, goods as category, specification, quantity, unit.
 */
import { lazy, Suspense, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ValueOf } from '../../../electron/contract/index';
import { PrimaryButton, StepFrame } from '../components/StepFrame';
import { useFlowActor, useFlowContext } from '../flow/flow';
import type { Completeness } from '../flow/session-machine';
import { useBilingual, useService } from '../flow/use-service';
import { useAnnounce } from '../speech/speech';

const OnScreenKeyboard = lazy(() => import('../components/OnScreenKeyboard'));

type Deficiency = Completeness['deficiencies'][number];
type FieldSpec = ValueOf<'journey.formFields'>['fields'][number];
type JsonValue = string | number | string[] | Record<string, string | number>[];

/** Goods line parts and whether each takes the keypad. */
const GOODS_PARTS = [
  ['category', false],
  ['specification', false],
  ['quantity', true],
  ['unit', false],
] as const;

const NUMERIC_TYPES = new Set([
  'DATE',
  'DATETIME',
  'INTEGER',
  'NUMBER',
  'REGION',
  'ID_NUMBER',
  'PHONE',
]);

/** The value the service expects for a field of this type, from what was typed. */
function toValue(
  spec: FieldSpec | undefined,
  typed: Record<string, string>,
  key: string,
): JsonValue | undefined {
  const type = spec?.type ?? 'TEXT';
  if (type === 'GOODS_LINES') {
    const line = Object.fromEntries(
      GOODS_PARTS.map(([part, numeric]) => {
        const v = (typed[`${key}.${part}`] ?? '').trim();
        return [part, numeric ? Number(v) : v];
      }),
    );
    return Object.values(line).some((v) => v === '' || Number.isNaN(v)) ? undefined : [line];
  }
  const v = (typed[key] ?? '').trim();
  if (v === '') return undefined;
  if (type === 'INTEGER' || type === 'NUMBER') return Number(v);
  if (type === 'TEXT_LIST')
    return v
      .split(/[,，;；]/)
      .map((s) => s.trim())
      .filter(Boolean);
  return v;
}

/** A choice's label in the displayed language, for a prefilled value of a SELECT field. */
function useOptionLabel() {
  const pick = useBilingual();
  return (spec: FieldSpec | undefined, value: string) => {
    const option = spec?.options?.find((o) => o.value === value);
    return option ? pick(option.label) : value;
  };
}

export function Form() {
  const { t } = useTranslation();
  const actor = useFlowActor();
  const call = useService();
  const pick = useBilingual();
  const itemId = useFlowContext((c) => c.itemId);
  // Which answers came from the last application (marked as such in the list below).
  const prefilled = useFlowContext((c) => c.prefilled);
  const [answered, setAnswered] = useState<ValueOf<'application.answers'>['answers']>([]);
  const optionLabel = useOptionLabel();
  /** Answers given already that the applicant chose to change: asked like the missing ones. */
  const [changing, setChanging] = useState<readonly string[]>([]);
  const [missing, setMissing] = useState<readonly Deficiency[] | undefined>();
  const [specs, setSpecs] = useState<ReadonlyMap<string, FieldSpec>>(new Map());
  const [typed, setTyped] = useState<Record<string, string>>({});
  const [active, setActive] = useState<string | undefined>();

  useEffect(() => {
    let live = true;
    void (async () => {
      // Three independent questions: asked together, not one after the other.
      const [fields, check, given] = await Promise.all([
        itemId ? call('journey.formFields', { implementCode: itemId }, 'approval') : undefined,
        call('application.check', {}, 'approval'),
        call('application.answers', {}, 'approval'),
      ]);
      if (!live || !check) return;
      setAnswered(given?.answers ?? []);
      setSpecs(new Map((fields?.fields ?? []).map((f) => [f.key, f])));
      const byField = new Map<string, Deficiency>();
      for (const d of check.deficiencies)
        if (d.field && !byField.has(d.field)) byField.set(d.field, d);
      setMissing([...byField.values()]);
    })();
    return () => {
      live = false;
    };
  }, [call, itemId]);

  useAnnounce(
    () => [{ text: t(missing && missing.length === 0 ? 'form.nothing' : 'form.prompt') }],
    `form-${missing?.length ?? 'loading'}`,
    missing !== undefined,
  );

  // What is asked: every field the check misses, then the answers being changed.
  const asked: { key: string; fallback: Deficiency['message'] }[] = [
    ...(missing ?? []).map((d) => ({ key: d.field!, fallback: d.message })),
    ...answered
      .filter((f) => changing.includes(f.key) && !missing?.some((d) => d.field === f.key))
      .map((f) => ({ key: f.key, fallback: f.label })),
  ];
  const fromLast = new Set(prefilled.map((f) => f.key));
  const confirmed = answered.filter(
    (f) => !changing.includes(f.key) && !missing?.some((d) => d.field === f.key),
  );

  const save = async () => {
    const values: Record<string, JsonValue> = {};
    for (const { key } of asked) {
      const v = toValue(specs.get(key), typed, key);
      if (v !== undefined) values[key] = v;
    }
    if (Object.keys(values).length) {
      const saved = await call('application.setForm', { values }, 'approval');
      if (!saved) return;
    }
    actor.send({ type: 'NEXT' });
  };

  const input = (name: string, label: string, numeric: boolean) => (
    <div key={name} className="form-field">
      <label htmlFor={`field-${name}`}>{label}</label>
      <input
        id={`field-${name}`}
        data-testid={`field-${name}`}
        inputMode="none"
        autoComplete="off"
        value={typed[name] ?? ''}
        data-keypad={numeric ? 'numeric' : 'text'}
        onFocus={() => setActive(name)}
        onChange={(e) => setTyped((v) => ({ ...v, [name]: e.target.value }))}
      />
    </div>
  );

  const activeNumeric =
    active !== undefined &&
    (NUMERIC_TYPES.has(specs.get(active)?.type ?? '') || active.endsWith('.quantity'));
  return (
    <StepFrame
      step="form"
      title={t('form.title')}
      primary={
        <PrimaryButton onClick={() => void save()} disabled={missing === undefined}>
          {t('flow.next')}
        </PrimaryButton>
      }
    >
      <p className="muted">{t('form.prefilled')}</p>
      {missing?.length === 0 && asked.length === 0 ? (
        <p data-testid="form-nothing">{t('form.nothing')}</p>
      ) : null}
      <div className="form-fields" data-testid="form-fields">
        {asked.map(({ key, fallback }) => {
          const spec = specs.get(key);
          const label = spec ? pick(spec.label) : pick(fallback);
          if (spec?.type === 'SELECT' && spec.options) {
            return (
              <div key={key} className="form-field" role="radiogroup" aria-label={label}>
                <span>{label}</span>
                <div className="choices">
                  {spec.options.map((o) => (
                    <button
                      key={o.value}
                      type="button"
                      role="radio"
                      aria-checked={typed[key] === o.value}
                      data-testid={`field-${key}-${o.value}`}
                      onClick={() => setTyped((v) => ({ ...v, [key]: o.value }))}
                    >
                      {pick(o.label)}
                    </button>
                  ))}
                </div>
              </div>
            );
          }
          if (spec?.type === 'GOODS_LINES') {
            return (
              <fieldset key={key} className="form-field goods">
                <legend>{label}</legend>
                {GOODS_PARTS.map(([part, numeric]) =>
                  input(`${key}.${part}`, t(`form.goods.${part}`), numeric),
                )}
              </fieldset>
            );
          }
          const hint = spec?.type === 'DATE' ? ` (${t('form.dateHint')})` : '';
          return input(key, `${label}${hint}`, NUMERIC_TYPES.has(spec?.type ?? ''));
        })}
      </div>
      {confirmed.length > 0 ? (
        <section aria-labelledby="prefilled-title" data-testid="prefilled">
          <h2 id="prefilled-title">{t('form.answered')}</h2>
          <dl className="facts prefilled">
            {confirmed.map((f) => (
              <div key={f.key} data-testid={`prefilled-${f.key}`}>
                <dt>{pick(f.label)}</dt>
                <dd>
                  {optionLabel(specs.get(f.key), f.display)}{' '}
                  {fromLast.has(f.key) ? (
                    <span className="muted">· {t('form.fromLast')}</span>
                  ) : null}
                  <button
                    type="button"
                    className="link"
                    data-testid={`change-${f.key}`}
                    aria-label={t('form.changeLabel', { name: pick(f.label) })}
                    onClick={() => setChanging((c) => [...c, f.key])}
                  >
                    {t('form.change')}
                  </button>
                </dd>
              </div>
            ))}
          </dl>
        </section>
      ) : null}
      {active ? (
        <Suspense fallback={null}>
          <OnScreenKeyboard
            value={typed[active] ?? ''}
            onChange={(v) => setTyped((old) => ({ ...old, [active]: v }))}
            mode={activeNumeric ? 'numeric' : 'text'}
          />
        </Suspense>
      ) : null}
    </StepFrame>
  );
}
