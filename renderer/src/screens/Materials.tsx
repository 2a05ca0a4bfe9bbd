/**
 * Materials: first the consent to look up documents on file; then, per material, use a
 * document on file (after previewing it), scan it (with live page thumbnails), or sign a
 * commitment, as the item record allows. Materials filled in by the form say so.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../components/Dialog';
import { PrimaryButton, StepFrame } from '../components/StepFrame';
import { useFlowActor, useFlowContext } from '../flow/flow';
import { usePageSize } from '../flow/preferences';
import type { Plan } from '../flow/session-machine';
import type { ValueOf } from '../../../electron/contract/index';
import { useBilingual, useService } from '../flow/use-service';
import { useKiosk } from '../kiosk-context';
import { useAnnounce } from '../speech/speech';

type Material = Plan['materials'][number];
/** Which scanner limit stopped a scan short (the pages before it were kept). */
type ScanLimit = NonNullable<ValueOf<'scanner.scan'>['limit']>;
type Preview = {
  documentId: string;
  material: Material;
  lines: { label: string; value: string }[];
  watermark: string;
  title: string;
};

/** Version of the consent text below; recorded with the application. */
const CONSENT_TEXT_VERSION = 'kiosk-consent-1';

export function Materials() {
  const { t } = useTranslation();
  const actor = useFlowActor();
  const plan = useFlowContext((c) => c.plan);
  const pageSize = usePageSize(3, 1);
  const [page, setPage] = useState(0);
  const call = useService();
  const consented = plan?.consented ?? false;

  // Refresh the plan on arrival: form answers (a carrier's credit code, a driver's ID number)
  // decide whose documents on file are looked up.
  useEffect(() => {
    if (!consented) return;
    let live = true;
    void call('application.plan', {}, 'approval').then((p) => {
      if (live && p) actor.send({ type: 'PLAN', plan: p });
    });
    return () => {
      live = false;
    };
  }, [consented, call, actor]);

  useAnnounce(
    () => [{ text: t(plan?.consented ? 'materials.prompt' : 'materials.consentPrompt') }],
    `materials-${plan?.consented ? 'list' : 'consent'}`,
  );

  if (!plan) {
    return (
      <StepFrame step="materials" title={t('materials.title')}>
        <p>{t('materials.noPlan')}</p>
      </StepFrame>
    );
  }
  if (!plan.consented) return <Consent agent={plan.agent !== null} />;

  const materials = plan.materials;
  const pages = Math.max(1, Math.ceil(materials.length / pageSize));
  const visible = materials.slice(page * pageSize, page * pageSize + pageSize);
  const missing = materials.filter((m) => m.requirement === 'REQUIRED' && !m.chosen && !m.byForm);

  return (
    <StepFrame
      step="materials"
      title={t('materials.title')}
      primary={
        <PrimaryButton onClick={() => actor.send({ type: 'NEXT' })}>{t('flow.next')}</PrimaryButton>
      }
    >
      <p className="muted" data-testid="materials-summary">
        {t('materials.summary', { total: materials.length, missing: missing.length })}
      </p>
      {plan.agent ? <Authorisation shown={plan.agent.authorisation} /> : null}
      <UseAllOnFile materials={materials} />
      <ul className="materials" data-testid="materials">
        {visible.map((m) => (
          <MaterialRow key={`${m.materialCode}.${m.holderIndex}`} material={m} />
        ))}
      </ul>
      {pages > 1 ? (
        <div className="pager">
          <button type="button" disabled={page === 0} onClick={() => setPage(page - 1)}>
            {t('flow.previousPage')}
          </button>
          <span>{t('flow.page', { n: page + 1, total: pages })}</span>
          <button type="button" disabled={page >= pages - 1} onClick={() => setPage(page + 1)}>
            {t('flow.nextPage')}
          </button>
        </div>
      ) : null}
      {plan.lookupErrors.length ? <p className="notice">{t('materials.lookupFailed')}</p> : null}
    </StepFrame>
  );
}

function Consent({ agent }: { agent: boolean }) {
  const { t } = useTranslation();
  const actor = useFlowActor();
  const call = useService();
  const agree = async () => {
    const done = await call(
      'application.consent',
      {
        scope: agent ? ['documents-on-file', 'authorisation-on-file'] : ['documents-on-file'],
        textVersion: CONSENT_TEXT_VERSION,
      },
      'approval',
    );
    if (!done) return;
    const plan = await call('application.plan', {}, 'approval');
    if (plan) actor.send({ type: 'PLAN', plan });
  };
  return (
    <StepFrame
      step="materials"
      title={t('materials.consentTitle')}
      primary={
        <PrimaryButton testId="consent" onClick={() => void agree()}>
          {t('materials.consentAgree')}
        </PrimaryButton>
      }
    >
      <p data-testid="consent-text">{t('materials.consentText')}</p>
    </StepFrame>
  );
}

/**
 * Every material with exactly one document on file, previewed together on one screen and used
 * with one tap: the applicant still sees each document before it is used, in two taps instead
 * of two per material. Materials with several candidates are chosen one by one below.
 */
function UseAllOnFile({ materials }: { materials: readonly Material[] }) {
  const { t } = useTranslation();
  const pick = useBilingual();
  const actor = useFlowActor();
  const call = useService();
  const [previews, setPreviews] = useState<Preview[] | undefined>();
  const [busy, setBusy] = useState(false);
  const single = materials.filter((m) => !m.chosen && !m.byForm && m.candidates.length === 1);
  if (single.length < 2) return null;

  const open = async () => {
    setBusy(true);
    const list: Preview[] = [];
    for (const m of single) {
      const documentId = m.candidates[0]!.documentId;
      const p = await call('application.previewDocument', { documentId }, 'approval');
      if (!p) break;
      list.push({
        documentId,
        material: m,
        title: pick(p.typeName),
        watermark: pick(p.watermark),
        lines: p.lines.map((l) => ({ label: pick(l.label), value: l.value })),
      });
    }
    setBusy(false);
    if (list.length === single.length) setPreviews(list);
  };
  const applyAll = async () => {
    setBusy(true);
    let last: Plan | undefined;
    for (const p of previews ?? []) {
      const plan = await call(
        'application.useDocument',
        {
          materialCode: p.material.materialCode,
          holderIndex: p.material.holderIndex,
          documentId: p.documentId,
        },
        'approval',
      );
      if (!plan) break;
      last = plan;
    }
    setBusy(false);
    setPreviews(undefined);
    if (last) actor.send({ type: 'PLAN', plan: last });
  };

  return (
    <>
      <button
        type="button"
        className="primary"
        data-testid="preview-all-on-file"
        disabled={busy}
        onClick={() => void open()}
      >
        {t('materials.previewAll', { count: single.length })}
      </button>
      {previews ? (
        <Dialog titleId="preview-all-title" testId="preview-all">
          <h2 id="preview-all-title">{t('materials.previewAllTitle')}</h2>
          {previews.map((p) => (
            <section key={p.documentId} className="preview-block">
              <h3>{p.title}</h3>
              <dl className="facts">
                {p.lines.map((l) => (
                  <div key={l.label}>
                    <dt>{l.label}</dt>
                    <dd>{l.value}</dd>
                  </div>
                ))}
              </dl>
              <p className="watermark">{p.watermark}</p>
            </section>
          ))}
          <div className="dialog-actions">
            <button type="button" onClick={() => setPreviews(undefined)}>
              {t('flow.back')}
            </button>
            <button
              type="button"
              className="primary"
              data-testid="use-all"
              disabled={busy}
              onClick={() => void applyAll()}
            >
              {t('materials.useAll', { count: previews.length })}
            </button>
          </div>
        </Dialog>
      ) : null}
    </>
  );
}

/** An enterprise agent shows the enterprise's authorisation: on file, or scanned. */
function Authorisation({ shown }: { shown: 'ON_FILE' | 'SCAN' | null }) {
  const { t } = useTranslation();
  const actor = useFlowActor();
  const call = useService();
  const [scanning, setScanning] = useState(false);
  const onFile = async () => {
    const plan = await call('application.showAuthorisation', { source: 'ON_FILE' }, 'approval');
    if (plan) actor.send({ type: 'PLAN', plan });
  };
  const scan = async () => {
    setScanning(true);
    const report = await call(
      'scanner.scan',
      { materialId: AUTHORISATION_SCAN, source: 'feeder' },
      'scanner',
    );
    setScanning(false);
    if (!report || report.material.pages.length === 0) return;
    const plan = await call(
      'application.showAuthorisation',
      { source: 'SCAN', scanMaterialId: AUTHORISATION_SCAN },
      'approval',
    );
    if (plan) actor.send({ type: 'PLAN', plan });
  };
  return (
    <div className="material" data-testid="authorisation" data-shown={shown ?? ''}>
      <div className="material-head">
        <strong>{t('materials.authorisation')}</strong>
        <span className={shown ? 'state ok' : 'state todo'}>
          {shown ? t(`materials.authorisationShown.${shown}`) : t('materials.required')}
        </span>
      </div>
      {shown ? null : (
        <div className="material-actions">
          <button type="button" data-testid="authorisation-on-file" onClick={() => void onFile()}>
            {t('materials.authorisationOnFile')}
          </button>
          <button type="button" disabled={scanning} onClick={() => void scan()}>
            {scanning ? t('materials.scanning') : t('materials.scan')}
          </button>
        </div>
      )}
    </div>
  );
}

/** Scanner material id of a scanned authorisation. */
const AUTHORISATION_SCAN = 'agent-authorisation';

function MaterialRow({ material: m }: { material: Material }) {
  const { t } = useTranslation();
  const pick = useBilingual();
  const actor = useFlowActor();
  const call = useService();
  const [preview, setPreview] = useState<Preview | undefined>();
  const [scanning, setScanning] = useState(false);
  const [limit, setLimit] = useState<ScanLimit | undefined>();
  const kinds = new Set(m.sources.map((s) => s.kind));
  const scanId = `${m.materialCode}.${m.holderIndex}`.replace(/[^A-Za-z0-9._-]/g, '-').slice(0, 64);
  const key = { materialCode: m.materialCode, holderIndex: m.holderIndex };

  const showPreview = async (documentId: string) => {
    const p = await call('application.previewDocument', { documentId }, 'approval');
    if (p)
      setPreview({
        documentId,
        material: m,
        title: pick(p.typeName),
        watermark: pick(p.watermark),
        lines: p.lines.map((l) => ({ label: pick(l.label), value: l.value })),
      });
  };
  const use = async (documentId: string) => {
    setPreview(undefined);
    const plan = await call('application.useDocument', { ...key, documentId }, 'approval');
    if (plan) actor.send({ type: 'PLAN', plan });
  };
  const scan = async () => {
    setScanning(true);
    const report = await call('scanner.scan', { materialId: scanId, source: 'feeder' }, 'scanner');
    setScanning(false);
    setLimit(report?.limit);
    if (!report || report.material.pages.length === 0) return;
    const plan = await call(
      'application.attachScan',
      { ...key, scanMaterialId: scanId },
      'approval',
    );
    if (plan) actor.send({ type: 'PLAN', plan });
  };
  const commit = async () => {
    const plan = await call('application.signCommitment', key, 'approval');
    if (plan) actor.send({ type: 'PLAN', plan });
  };

  return (
    <li
      className="material"
      data-testid={`material-${m.materialCode}`}
      data-chosen={m.chosen?.source ?? ''}
    >
      <div className="material-head">
        <strong>{pick(m.name)}</strong>
        {m.holderCount > 1 && m.holderMasked ? (
          <span className="muted"> · {m.holderMasked}</span>
        ) : null}
        <span className={m.chosen || m.byForm ? 'state ok' : 'state todo'}>
          {m.byForm
            ? t('materials.byForm')
            : m.chosen
              ? t(`materials.chosen.${m.chosen.source}`)
              : t(m.requirement === 'REQUIRED' ? 'materials.required' : 'materials.conditional')}
        </span>
      </div>
      {m.explanation ? <p className="muted">{pick(m.explanation)}</p> : null}
      <div className="material-actions">
        {m.candidates.map((d) => (
          <button
            key={d.documentId}
            type="button"
            data-testid={`preview-${d.documentId}`}
            onClick={() => void showPreview(d.documentId)}
          >
            {t('materials.onFile', { name: pick(d.typeName), number: d.numberMasked })}
          </button>
        ))}
        {kinds.has('SCAN') ? (
          <button
            type="button"
            data-testid={`scan-${m.materialCode}`}
            disabled={scanning}
            onClick={() => void scan()}
          >
            {scanning ? t('materials.scanning') : t('materials.scan')}
          </button>
        ) : null}
        {kinds.has('COMMITMENT') ? (
          <button
            type="button"
            data-testid={`commit-${m.materialCode}`}
            onClick={() => void commit()}
          >
            {t('materials.commit')}
          </button>
        ) : null}
      </div>
      {m.chosen?.source === 'SCAN' ? <ScanThumbnails materialId={scanId} /> : null}
      {scanning ? <ScanProgress materialId={scanId} /> : null}
      {limit ? (
        <p className="notice" role="status" data-testid={`scan-limit-${m.materialCode}`}>
          {t(`materials.scanLimit.${limit.code}`, limit)}
        </p>
      ) : null}
      {preview ? (
        <Dialog titleId="preview-title" testId="document-preview">
          <h2 id="preview-title">{preview.title}</h2>
          <dl className="facts">
            {preview.lines.map((l) => (
              <div key={l.label}>
                <dt>{l.label}</dt>
                <dd>{l.value}</dd>
              </div>
            ))}
          </dl>
          <p className="watermark">{preview.watermark}</p>
          <div className="dialog-actions">
            <button type="button" onClick={() => setPreview(undefined)}>
              {t('flow.back')}
            </button>
            <button
              type="button"
              className="primary"
              data-testid="use-document"
              onClick={() => void use(preview.documentId)}
            >
              {t('materials.use')}
            </button>
          </div>
        </Dialog>
      ) : null}
    </li>
  );
}

/** Pages received so far while a scan runs (scanner.progress events). */
function ScanProgress({ materialId }: { materialId: string }) {
  const { t } = useTranslation();
  const { client } = useKiosk();
  const [pages, setPages] = useState(0);
  useEffect(
    () =>
      client.on('scanner.progress', (e) => {
        if (e.materialId === materialId) setPages(e.pagesReceived);
      }),
    [client, materialId],
  );
  return (
    <p aria-live="polite" data-testid="scan-progress">
      {t('materials.pagesReceived', { count: pages })}
    </p>
  );
}

/** Small previews of a scanned material's pages. */
function ScanThumbnails({ materialId }: { materialId: string }) {
  const { t } = useTranslation();
  const { client } = useKiosk();
  const [images, setImages] = useState<string[]>([]);
  useEffect(() => {
    let live = true;
    void (async () => {
      const view = await client.call('scanner.material', { materialId });
      if (!view.ok) return;
      const urls: string[] = [];
      for (const p of view.value.pages) {
        const r = await client.call('scanner.preview', { materialId, page: p.page, width: 120 });
        if (r.ok) urls.push(`data:image/jpeg;base64,${r.value.jpegBase64}`);
      }
      if (live) setImages(urls);
    })();
    return () => {
      live = false;
    };
  }, [client, materialId]);
  return (
    <div className="thumbnails" data-testid="scan-thumbnails">
      {images.map((src, i) => (
        <img key={i} src={src} alt={t('materials.pageN', { n: i + 1 })} />
      ))}
    </div>
  );
}
