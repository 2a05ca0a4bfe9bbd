/**
 * Materials: per material, use a document on file (after previewing it), scan it (with live
 * page thumbnails), or sign a commitment, as the item record allows. Materials filled in by the
 * form say so. The documents the service proposes (those the applicant used last time for this
 * item, or the only valid one) are shown together, previewed, at the top, and one tap uses them
 * all and moves on. Without the consent (given on the item guide, or here) nothing is looked up.
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../components/Dialog';
import { PrimaryButton, StepFrame } from '../components/StepFrame';
import { agreeToLookups } from '../flow/consent';
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
type Suggested = ValueOf<'application.previewSuggested'>['documents'][number];
type Preview = {
  documentId: string;
  material: Material;
  lines: { label: string; value: string }[];
  watermark: string;
  title: string;
};

const needsAction = (m: Material) => m.requirement === 'REQUIRED' && !m.chosen && !m.byForm;

export function Materials() {
  const { t } = useTranslation();
  const actor = useFlowActor();
  const plan = useFlowContext((c) => c.plan);
  const pageSize = usePageSize(3, 1);
  const [page, setPage] = useState(0);
  const [busy, setBusy] = useState(false);
  const call = useService();
  const consented = plan?.consented ?? false;
  const suggestedCount = plan?.materials.filter((m) => m.suggested).length ?? 0;
  const [previewed, setSeen] = useState<readonly Suggested[] | undefined>();
  // Shown while anything is proposed; once used, the plan proposes nothing and they go.
  const seen = suggestedCount > 0 ? previewed : undefined;

  // The applicant agreed (on the guide or below) and the consent is not recorded yet: record it
  // and look everything up, showing that it happens.
  const agreed = useFlowContext((c) => c.lookupsAgreed);
  const { client } = useKiosk();
  const [lookingUp, setLookingUp] = useState(false);
  const hasPlan = plan !== undefined;
  const agent = plan !== undefined && plan.agent !== null;
  const handled = useRef(0);
  useEffect(() => {
    if (!hasPlan || consented || agreed === 0 || handled.current === agreed) return;
    handled.current = agreed;
    setLookingUp(true);
    void agreeToLookups(client, call, agent).then((done) => {
      setLookingUp(false);
      if (done?.prefilled) actor.send({ type: 'PREFILLED', fields: done.prefilled });
      if (done?.plan) actor.send({ type: 'PLAN', plan: done.plan });
    });
  }, [hasPlan, consented, agreed, agent, client, call, actor]);

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

  // The proposed documents are previewed together as soon as there are any: the applicant sees
  // each before the one tap that uses them.
  useEffect(() => {
    if (suggestedCount === 0) return;
    let live = true;
    void call('application.previewSuggested', {}, 'approval').then((r) => {
      if (live && r) setSeen(r.documents);
    });
    return () => {
      live = false;
    };
  }, [suggestedCount, call]);

  useAnnounce(
    () => [{ text: t(seen?.length ? 'materials.suggestedPrompt' : 'materials.prompt') }],
    `materials-${seen?.length ? 'suggested' : 'list'}`,
  );

  if (!plan) {
    return (
      <StepFrame step="materials" title={t('materials.title')}>
        <p>{t('materials.noPlan')}</p>
      </StepFrame>
    );
  }

  const materials = plan.materials;
  // The proposed ones are listed in their panel once it shows; until then (or if previewing them
  // failed) every material keeps its own row with its documents on file.
  const rows = seen ? materials.filter((m) => !m.suggested) : materials;
  const pages = Math.max(1, Math.ceil(rows.length / pageSize));
  // The list can shrink under the current page (documents used): stay on a page that exists.
  const current = Math.min(page, pages - 1);
  const visible = rows.slice(current * pageSize, current * pageSize + pageSize);
  const missing = materials.filter(needsAction);
  // What would still be needed once the proposed documents are used.
  const leftAfter = missing.filter((m) => !m.suggested).length;

  const applySuggested = async () => {
    setBusy(true);
    const next = await call('application.useSuggested', {}, 'approval');
    setBusy(false);
    if (!next) return;
    actor.send({ type: 'PLAN', plan: next });
    setSeen(undefined);
    if (next.materials.filter(needsAction).length === 0) actor.send({ type: 'NEXT' });
  };

  const primary =
    seen && seen.length > 0 ? (
      <PrimaryButton testId="use-all" disabled={busy} onClick={() => void applySuggested()}>
        {t(leftAfter === 0 ? 'materials.useAllAndContinue' : 'materials.useAll', {
          count: seen.length,
        })}
      </PrimaryButton>
    ) : (
      <PrimaryButton onClick={() => actor.send({ type: 'NEXT' })}>{t('flow.next')}</PrimaryButton>
    );

  return (
    <StepFrame step="materials" title={t('materials.title')} primary={primary}>
      <p className="muted" data-testid="materials-summary">
        {t('materials.summary', { total: materials.length, missing: missing.length })}
      </p>
      {lookingUp ? (
        <p role="status" className="notice" data-testid="looking-up">
          {t('materials.lookingUp')}
        </p>
      ) : consented ? null : (
        <ConsentBanner />
      )}
      {plan.agent ? <Authorisation shown={plan.agent.authorisation} /> : null}
      {seen && seen.length > 0 ? <SuggestedDocuments documents={seen} /> : null}
      {rows.length > 0 ? (
        <ul className="materials" data-testid="materials">
          {visible.map((m) => (
            <MaterialRow key={`${m.materialCode}.${m.holderIndex}`} material={m} />
          ))}
        </ul>
      ) : null}
      {pages > 1 ? (
        <div className="pager">
          <button type="button" disabled={current === 0} onClick={() => setPage(current - 1)}>
            {t('flow.previousPage')}
          </button>
          <span>{t('flow.page', { n: current + 1, total: pages })}</span>
          <button
            type="button"
            disabled={current >= pages - 1}
            onClick={() => setPage(current + 1)}
          >
            {t('flow.nextPage')}
          </button>
        </div>
      ) : null}
      {plan.lookupErrors.length ? <p className="notice">{t('materials.lookupFailed')}</p> : null}
    </StepFrame>
  );
}

/** The consent, when the applicant started without it: agreeing looks the documents up here. */
function ConsentBanner() {
  const { t } = useTranslation();
  const actor = useFlowActor();
  return (
    <div className="notice consent" data-testid="consent-banner">
      <p data-testid="consent-text">{t('materials.consentText')}</p>
      <p>{t('materials.consentBanner')}</p>
      <button
        type="button"
        data-testid="consent"
        onClick={() => actor.send({ type: 'AGREE_LOOKUPS' })}
      >
        {t('materials.consentAgree')}
      </button>
    </div>
  );
}

/** The proposed documents on file, previewed together (the service counts them as seen). */
function SuggestedDocuments({ documents }: { documents: readonly Suggested[] }) {
  const { t } = useTranslation();
  const pick = useBilingual();
  return (
    <section className="suggested" aria-labelledby="suggested-title" data-testid="suggested">
      <h2 id="suggested-title">{t('materials.suggestedTitle')}</h2>
      {documents.map((d) => (
        <article
          key={`${d.materialCode}.${d.holderIndex}`}
          className="preview-block"
          data-testid={`suggested-${d.materialCode}`}
        >
          <h3>{pick(d.typeName)}</h3>
          <p className="preview-lines">
            {d.lines
              // The document's name is the heading already.
              .filter((l) => l.value !== pick(d.typeName))
              .map((l) => `${pick(l.label)} ${l.value}`)
              .join(' · ')}
          </p>
          <p className="watermark">{pick(d.watermark)}</p>
        </article>
      ))}
    </section>
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
