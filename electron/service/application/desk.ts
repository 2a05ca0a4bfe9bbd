/**
 * The application desk: one applicant's application from choosing an item to the tracking
 * number. It keeps a draft in the session's scratch data (wiped with the session) and walks
 * the material plan the item record prescribes:
 *
 * 1. consent — nothing on file is looked up before the applicant agrees on screen; the consent
 *    is recorded with the application (audit facts);
 * 2. form data — answers, some of which name further holders (carrier, driver, escort);
 * 3. each material for each holder: a document on file (looked up with its purpose, previewed
 *    by the applicant, used as a derived copy; trust A), a scan (C), a signed commitment (D) or
 *    the form itself, as the record's sources allow;
 * 4. the completeness check (all deficiencies at once), then submission into the encrypted
 *    outbox and an immediate forwarding attempt: the tracking number when the central API
 *    answers in time, else a provisional local reference that the forwarder completes later.
 */
import { randomUUID } from 'node:crypto';
import { checkIdNumber } from '../../../drivers/common/identifiers.js';
import { silentLogger, type Logger } from '../../../drivers/common/logger.js';
import { maskIdentifier, maskName } from '../../../drivers/common/mask.js';
import { err, ok, type Result } from '../../../drivers/common/result.js';
import type { ApprovalClient, Schemas } from '../approval/client.js';
import type { CatalogueCache, ItemRecord } from '../catalogue/cache.js';
import type { Forwarder } from '../outbox/forwarder.js';
import type { OutboxStore } from '../outbox/store.js';
import type { ReceiptFacts } from '../outbox/types.js';
import type { Session, SessionManager } from '../session/session.js';
import {
  checkCompleteness,
  documentFitsForm,
  materialHolderCodes,
  materialNeeded,
  type CompletenessResult,
  type Deficiency,
  type MaterialSourceKind,
  type OnFileDocument,
} from './completeness.js';
import type { DraftFacts } from './delivery.js';
import { buildSubmission, type ScanFile, type SuppliedEntry } from './submission.js';

/** Key of the draft in the session's scratch data. */
const DRAFT_KEY = 'application.draft';
/**
 * An item record confirmed with the central API this recently is not asked for again when the
 * application opens (the item guide revalidates it on arrival).
 */
const ITEM_RECHECK_MS = 5 * 60_000;
/** Why documents are derived (GB/T 36903 annotated-copy cause). */
const DERIVED_COPY_CAUSE = '政务服务自助终端办理';

export type DeskErrorCode =
  | 'no-applicant'
  | 'no-item'
  | 'item-unavailable'
  | 'no-consent'
  | 'unknown-material'
  | 'source-not-accepted'
  | 'unknown-document'
  | 'not-previewed'
  | 'no-scan'
  | 'not-an-agent'
  | 'not-authorised'
  | 'api-unavailable'
  | 'not-saved'
  | 'not-found'
  | 'nothing-suggested';

export interface DeskError {
  readonly code: DeskErrorCode;
  readonly message: string;
}

type TrustLevel = 'A' | 'B' | 'C' | 'D';

interface SupplyTarget {
  readonly materialCode: string;
  readonly holderCode: string;
  readonly kind: MaterialSourceKind;
  readonly trustLevel: TrustLevel;
}

interface Draft {
  /** The business number every lookup's purpose carries. */
  readonly businessId: string;
  readonly item: ItemRecord;
  readonly itemStale: boolean;
  consent?: { at: string; scope: string[]; textVersion: string };
  formData: Record<string, unknown>;
  /** Documents on file per holder code, as looked up. */
  readonly onFile: Map<string, OnFileDocument[]>;
  readonly previewed: Set<string>;
  /** By `materialCode|holderCode`. */
  readonly supplied: Map<string, SuppliedEntry>;
  authorisation?: { source: 'ON_FILE' | 'SCAN'; file?: ScanFile };
  /** The materials of the applicant's latest application of this item (from `prefill`). */
  previous?: readonly Schemas['MaterialSubmission'][];
  /** Field keys filled in from that application, in the item's order. */
  prefilled?: string[];
  /** Set synchronously with the outbox write, so a second tap waits for the same outcome. */
  submitted?: Promise<SubmitOutcome>;
}

export interface DocumentView {
  readonly documentId: string;
  readonly kind: OnFileDocument['kind'];
  readonly licenseType?: string;
  readonly typeName: Schemas['LocalizedText'];
  readonly numberMasked: string;
  readonly holderNameMasked: string;
  readonly validFrom: string;
  readonly validUntil: string | null;
  readonly status: OnFileDocument['status'];
  readonly trustLevel: TrustLevel;
  readonly previewed: boolean;
}

export interface PlanEntry {
  readonly materialCode: string;
  readonly name: Schemas['LocalizedText'];
  readonly requirement: 'REQUIRED' | 'CONDITIONAL';
  readonly explanation?: Schemas['LocalizedText'];
  readonly holderIndex: number;
  readonly holderCount: number;
  /** Whose document (masked); empty until the form names the holder. */
  readonly holderMasked: string;
  readonly sources: readonly {
    readonly kind: MaterialSourceKind;
    readonly trustLevel: TrustLevel;
  }[];
  /** Documents on file that fit (only after consent). */
  readonly candidates: readonly DocumentView[];
  readonly chosen?: {
    readonly source: MaterialSourceKind;
    readonly trustLevel: TrustLevel;
    readonly documentId?: string;
    readonly derivedCopyExpiresAt?: string;
    readonly pages?: number;
  };
  /** True when the form fields alone satisfy it. */
  readonly byForm: boolean;
  /**
   * The document on file the kiosk proposes, when nothing is chosen yet: the one the applicant
   * used last time for this material, or the only valid candidate. Still previewed before use.
   */
  readonly suggested?: string;
}

/** A prefilled answer as the applicant may see it: personal identifiers and names masked. */
export interface PrefilledField {
  readonly key: string;
  readonly label: Schemas['LocalizedText'];
  readonly display: string;
}

/** The preview of a suggested document, with the material it is proposed for. */
export interface SuggestedPreview {
  readonly materialCode: string;
  readonly holderIndex: number;
  readonly preview: Schemas['DocumentPreview'];
}

/** What `prefill` filled in: field keys (values are in the draft) and from when. */
export interface PrefillView {
  readonly fields: readonly string[];
  readonly fromSubmittedAt: string | null;
  /** The filled-in answers to show for confirming, masked. */
  readonly shown: readonly PrefilledField[];
}

export interface PlanView {
  readonly item: {
    readonly implementCode: string;
    readonly version: number;
    readonly name: Schemas['LocalizedText'];
    readonly stale: boolean;
    readonly visitsToHall: number;
    readonly promisedWorkingDays: number;
  };
  readonly consented: boolean;
  readonly agent: { readonly authorisation: 'ON_FILE' | 'SCAN' | null } | null;
  readonly materials: readonly PlanEntry[];
  /** Lookups that failed (the central API is down): scans still work. */
  readonly lookupErrors: readonly string[];
}

export type SubmitOutcome =
  | { readonly kind: 'incomplete'; readonly deficiencies: readonly Deficiency[] }
  | {
      readonly kind: 'forwarded';
      readonly localReference: string;
      readonly trackingNumber: string;
      readonly receipt: ReceiptFacts;
    }
  | {
      readonly kind: 'provisional';
      readonly localReference: string;
      readonly receipt: ReceiptFacts;
      readonly reason: string;
    };

export interface ApplicationStatusView {
  readonly localReference: string;
  readonly state: 'queued' | 'forwarded' | 'refused';
  readonly trackingNumber: string | null;
  readonly status: string | null;
  readonly receipt: ReceiptFacts;
  readonly forwardedAt: string | null;
  /** Live status from the central API, when it answered. */
  readonly live?: {
    readonly status: string;
    readonly clockPaused: boolean;
    readonly supplement?: readonly Deficiency[];
    readonly promisedDueDate?: string;
  };
}

export interface DeskDeps {
  readonly session: SessionManager;
  readonly catalogue: CatalogueCache;
  readonly outbox: OutboxStore;
  readonly forwarder: Forwarder | undefined;
  readonly client: ApprovalClient | undefined;
  readonly terminalId: string;
  /** How long the applicant waits for the tracking number before a provisional reference, ms. */
  readonly submitWaitMs: number;
  /** Validity requested for derived copies, days. */
  readonly derivedCopyValidDays: number;
  readonly hallRegion?: string;
  /** The scanner's PDF of a session material (scanner family), or undefined. */
  readonly scanPdf: (
    scanMaterialId: string,
  ) => Promise<{ pdf: Uint8Array; sha256: string; pages: number } | undefined>;
  readonly logger?: Logger;
  readonly now?: () => Date;
}

const failure = (code: DeskErrorCode, message: string): Result<never, DeskError> =>
  err({ code, message });

const entryKey = (materialCode: string, holderCode: string): string =>
  `${materialCode}|${holderCode}`;

function holderRef(code: string): Schemas['HolderRef'] {
  return { type: checkIdNumber(code).ok ? 'PERSON' : 'ENTERPRISE', code };
}

function localDate(d: Date): string {
  const y = d.getFullYear();
  const m = String(d.getMonth() + 1).padStart(2, '0');
  const day = String(d.getDate()).padStart(2, '0');
  return `${y}-${m}-${day}`;
}

export class ApplicationDesk {
  private readonly logger: Logger;
  private readonly now: () => Date;

  constructor(private readonly deps: DeskDeps) {
    this.logger = deps.logger ?? silentLogger;
    this.now = deps.now ?? (() => new Date());
  }

  // ---- starting -----------------------------------------------------------------------------

  /** Opens a draft for an item (replacing any earlier draft of this session). */
  async start(implementCode: string): Promise<Result<PlanView, DeskError>> {
    const session = this.deps.session.active;
    if (!session?.applicant) return failure('no-applicant', 'identify the applicant first');
    const cached = await this.deps.catalogue.item(implementCode, {
      checkedWithinMs: ITEM_RECHECK_MS,
    });
    if (!cached) {
      return failure(
        'item-unavailable',
        `item ${implementCode} is not cached and the central API did not answer`,
      );
    }
    const draft: Draft = {
      businessId: randomUUID(),
      item: cached.item,
      itemStale: cached.stale,
      formData: {},
      onFile: new Map(),
      previewed: new Set(),
      supplied: new Map(),
    };
    session.data.set(DRAFT_KEY, draft);
    this.logger.info({
      event: 'application.started',
      sessionId: session.id,
      implementCode,
      version: cached.item.version,
      stale: cached.stale,
    });
    return ok(await this.planView(session, draft));
  }

  /** Records the applicant's consent to looking up documents on file. */
  consent(scope: readonly string[], textVersion: string): Result<{ at: string }, DeskError> {
    const found = this.draft();
    if (!found.ok) return found;
    const { session, draft } = found.value;
    const at = this.now().toISOString();
    draft.consent = { at, scope: [...scope], textVersion };
    this.logger.info({ event: 'application.consent-recorded', sessionId: session.id, textVersion });
    return ok({ at });
  }

  /**
   * Fills unanswered fields the item marks `prefillFrom: PREVIOUS_APPLICATION` from the
   * applicant's latest application for this item (WCAG 2.2 SC 3.3.7, redundant entry). Needs
   * consent: past applications are data on file.
   */
  async prefill(): Promise<Result<PrefillView, DeskError>> {
    const found = this.consentedDraft();
    if (!found.ok) return found;
    const { session, draft, client } = found.value;
    const r = await client.searchApplications({
      applicant: this.applicantRef(session),
      itemImplementCode: draft.item.implementCode,
      limit: 10,
    });
    if (!r.ok) return failure('api-unavailable', `past applications: ${r.error.message}`);
    const latest = [...r.value.applications].sort((a, b) =>
      b.submittedAt.localeCompare(a.submittedAt),
    )[0];
    if (!latest) return ok({ fields: [], fromSubmittedAt: null, shown: [] });
    const previous = latest.formData as Record<string, unknown>;
    draft.previous = latest.materials;
    const fields: string[] = [];
    for (const f of draft.item.formFields) {
      if (f.prefillFrom !== 'PREVIOUS_APPLICATION') continue;
      if (draft.formData[f.key] !== undefined || previous[f.key] === undefined) continue;
      draft.formData[f.key] = previous[f.key];
      fields.push(f.key);
    }
    // Asked again (the screen came back): what was filled in before is shown again too.
    draft.prefilled = [...new Set([...(draft.prefilled ?? []), ...fields])];
    this.logger.info({
      event: 'application.prefilled',
      sessionId: session.id,
      fields: fields.length,
    });
    return ok({
      fields,
      fromSubmittedAt: latest.submittedAt,
      shown: prefilledView(draft.item.formFields, draft.formData, draft.prefilled),
    });
  }

  /** The answers so far. */
  form(): Result<{ values: Record<string, unknown> }, DeskError> {
    const found = this.draft();
    if (!found.ok) return found;
    return ok({ values: { ...found.value.draft.formData } });
  }

  /** Every answer given so far, in the item's order, masked for showing on check answers. */
  answers(): Result<PrefilledField[], DeskError> {
    const found = this.draft();
    if (!found.ok) return found;
    const { draft } = found.value;
    const keys = draft.item.formFields.map((f) => f.key).filter((k) => k in draft.formData);
    return ok(prefilledView(draft.item.formFields, draft.formData, keys));
  }

  /** Merges form answers (a null value clears the answer). */
  setForm(values: Readonly<Record<string, unknown>>): Result<{ fields: number }, DeskError> {
    const found = this.draft();
    if (!found.ok) return found;
    const { draft } = found.value;
    for (const [key, value] of Object.entries(values)) {
      if (value === null) delete draft.formData[key];
      else draft.formData[key] = value;
    }
    return ok({ fields: Object.keys(draft.formData).length });
  }

  /** The material plan: for each needed material and holder, what can satisfy it. */
  async plan(): Promise<Result<PlanView, DeskError>> {
    const found = this.draft();
    if (!found.ok) return found;
    return ok(await this.planView(found.value.session, found.value.draft));
  }

  // ---- documents on file --------------------------------------------------------------------

  /** The preview of a document on file; needed before it can be used. */
  async preview(documentId: string): Promise<Result<Schemas['DocumentPreview'], DeskError>> {
    const found = this.draft();
    if (!found.ok) return found;
    const { session, draft } = found.value;
    if (!draft.consent)
      return failure('no-consent', 'the applicant has not consented to the lookup');
    if (!this.findDocument(draft, documentId)) {
      return failure(
        'unknown-document',
        'no such document among those looked up for this application',
      );
    }
    const client = this.deps.client;
    if (!client) return failure('api-unavailable', 'no central API configured');
    const r = await client.previewDocument(documentId, this.purpose(draft));
    if (!r.ok) return failure('api-unavailable', `preview failed: ${r.error.message}`);
    draft.previewed.add(documentId);
    this.logger.info({ event: 'application.document-previewed', sessionId: session.id });
    return ok(r.value);
  }

  /** Uses a previewed document on file for a material: a derived copy is made for this application. */
  async useDocument(
    materialCode: string,
    holderIndex: number,
    documentId: string,
  ): Promise<Result<PlanView, DeskError>> {
    const found = this.draft();
    if (!found.ok) return found;
    const doc = this.findDocument(found.value.draft, documentId);
    if (!doc) return failure('unknown-document', 'no such document among those looked up');
    if (!found.value.draft.previewed.has(documentId)) {
      return failure('not-previewed', 'the applicant must preview the document before it is used');
    }
    const kind: MaterialSourceKind = doc.kind === 'E_LICENSE' ? 'E_LICENSE' : 'SUPPLY_CHAIN';
    const target = this.sourceFor(found.value.draft, materialCode, holderIndex, kind);
    if (!target.ok) return target;
    const client = this.deps.client;
    if (!client) return failure('api-unavailable', 'no central API configured');
    const copy = await client.createDerivedCopy(documentId, {
      purpose: this.purpose(found.value.draft),
      cause: DERIVED_COPY_CAUSE,
      validDays: this.deps.derivedCopyValidDays,
    });
    if (!copy.ok) return failure('api-unavailable', `derived copy failed: ${copy.error.message}`);
    return ok(
      await this.supply(found.value, target.value, {
        document: doc,
        derivedCopy: { derivedCopyId: copy.value.derivedCopyId, expiresAt: copy.value.expiresAt },
      }),
    );
  }

  /**
   * Previews every suggested document at once (the applicant sees them together on one
   * screen); each counts as previewed, so `useSuggested` may then use them.
   */
  async previewSuggested(): Promise<Result<SuggestedPreview[], DeskError>> {
    const found = this.consentedDraft();
    if (!found.ok) return found;
    const { session, draft, client } = found.value;
    const plan = await this.planView(session, draft);
    const previews: SuggestedPreview[] = [];
    for (const entry of plan.materials) {
      if (!entry.suggested) continue;
      const r = await client.previewDocument(entry.suggested, this.purpose(draft));
      if (!r.ok) return failure('api-unavailable', `preview failed: ${r.error.message}`);
      draft.previewed.add(entry.suggested);
      previews.push({
        materialCode: entry.materialCode,
        holderIndex: entry.holderIndex,
        preview: r.value,
      });
    }
    this.logger.info({
      event: 'application.suggestions-previewed',
      sessionId: session.id,
      documents: previews.length,
    });
    return ok(previews);
  }

  /**
   * Uses every suggested document the applicant has previewed, in one step (a derived copy of
   * each). Suggestions not previewed yet are left for the applicant to look at.
   */
  async useSuggested(): Promise<Result<PlanView, DeskError>> {
    const found = this.draft();
    if (!found.ok) return found;
    const { session, draft } = found.value;
    const plan = await this.planView(session, draft);
    const ready = plan.materials.filter(
      (m): m is PlanEntry & { suggested: string } =>
        m.suggested !== undefined && draft.previewed.has(m.suggested),
    );
    if (ready.length === 0) {
      return failure('nothing-suggested', 'no previewed suggestion left to use');
    }
    const client = this.deps.client;
    if (!client) return failure('api-unavailable', 'no central API configured');
    // The derived copies are asked for together; nothing is recorded unless all were made.
    const made = await Promise.all(
      ready.map(async (m) => {
        const doc = this.findDocument(draft, m.suggested)!;
        const kind: MaterialSourceKind = doc.kind === 'E_LICENSE' ? 'E_LICENSE' : 'SUPPLY_CHAIN';
        const target = this.sourceFor(draft, m.materialCode, m.holderIndex, kind);
        if (!target.ok) return target;
        const copy = await client.createDerivedCopy(doc.documentId, {
          purpose: this.purpose(draft),
          cause: DERIVED_COPY_CAUSE,
          validDays: this.deps.derivedCopyValidDays,
        });
        if (!copy.ok) {
          return failure('api-unavailable', `derived copy failed: ${copy.error.message}`);
        }
        return ok({ target: target.value, doc, copy: copy.value });
      }),
    );
    const refused = made.find((r) => !r.ok);
    if (refused && !refused.ok) return refused;
    for (const r of made) {
      if (!r.ok) continue;
      this.record(session, draft, r.value.target, {
        document: r.value.doc,
        derivedCopy: {
          derivedCopyId: r.value.copy.derivedCopyId,
          expiresAt: r.value.copy.expiresAt,
        },
      });
    }
    return ok(await this.planView(session, draft));
  }

  // ---- scans, commitments, authorisation -----------------------------------------------------

  /** Attaches the scanner's pages of a session material as this material's scan. */
  async attachScan(
    materialCode: string,
    holderIndex: number,
    scanMaterialId: string,
  ): Promise<Result<PlanView, DeskError>> {
    const found = this.draft();
    if (!found.ok) return found;
    const target = this.sourceFor(found.value.draft, materialCode, holderIndex, 'SCAN');
    if (!target.ok) return target;
    const file = await this.scanFile(scanMaterialId);
    if (!file) return failure('no-scan', `nothing scanned into ${scanMaterialId}`);
    return ok(
      await this.supply(found.value, target.value, {
        scan: { pages: file.pages, sha256: file.sha256, bytes: file.bytes.length },
        file,
      }),
    );
  }

  /** Records the applicant's signed commitment for a material that allows one. */
  async signCommitment(
    materialCode: string,
    holderIndex: number,
  ): Promise<Result<PlanView, DeskError>> {
    const found = this.draft();
    if (!found.ok) return found;
    const target = this.sourceFor(found.value.draft, materialCode, holderIndex, 'COMMITMENT');
    if (!target.ok) return target;
    return ok(
      await this.supply(found.value, target.value, {
        commitment: { signedAt: this.now().toISOString() },
      }),
    );
  }

  /** Removes what was supplied for a material (the applicant changes their mind). */
  async clearMaterial(
    materialCode: string,
    holderIndex: number,
  ): Promise<Result<PlanView, DeskError>> {
    const found = this.draft();
    if (!found.ok) return found;
    const { session, draft } = found.value;
    const target = this.target(draft, materialCode, holderIndex);
    if (!target.ok) return target;
    draft.supplied.delete(entryKey(materialCode, target.value.holderCode));
    return ok(await this.planView(session, draft));
  }

  /**
   * An enterprise agent shows the enterprise's authorisation: on file (the central API lists
   * the enterprises this person represents) or as a scan.
   */
  async showAuthorisation(
    source: 'ON_FILE' | 'SCAN',
    scanMaterialId?: string,
  ): Promise<Result<PlanView, DeskError>> {
    const found = this.draft();
    if (!found.ok) return found;
    const { session, draft } = found.value;
    const applicant = session.applicant;
    if (!applicant?.enterprise)
      return failure('not-an-agent', 'the applicant does not act for an enterprise');
    if (source === 'SCAN') {
      const file = scanMaterialId ? await this.scanFile(scanMaterialId) : undefined;
      if (!file) return failure('no-scan', 'scan the authorisation first');
      draft.authorisation = { source, file };
    } else {
      if (!draft.consent)
        return failure('no-consent', 'the applicant has not consented to the lookup');
      const client = this.deps.client;
      if (!client) return failure('api-unavailable', 'no central API configured');
      const r = await client.recommendations({ type: 'PERSON', code: applicant.idNumber });
      if (!r.ok)
        return failure('api-unavailable', `authorisation lookup failed: ${r.error.message}`);
      if (!r.value.represents.some((e) => e.creditCode === applicant.enterprise?.creditCode)) {
        return failure(
          'not-authorised',
          'no authorisation on file for this enterprise; scan it instead',
        );
      }
      draft.authorisation = { source };
    }
    this.logger.info({ event: 'application.authorisation-shown', sessionId: session.id, source });
    return ok(await this.planView(session, draft));
  }

  // ---- checking and submitting ---------------------------------------------------------------

  /** The completeness check: every deficiency at once, each in both languages. */
  check(): Result<CompletenessResult, DeskError> {
    const found = this.draft();
    if (!found.ok) return found;
    const { session, draft } = found.value;
    const result = this.runCheck(session, draft);
    this.logger.info({
      event: 'application.checked',
      sessionId: session.id,
      result: result.result,
      deficiencies: result.deficiencies.length,
    });
    return ok(result);
  }

  /**
   * Submits a complete application: one outbox transaction, then one forwarding attempt that
   * the applicant waits for at most `submitWaitMs`. Calling it again returns the same outcome
   * (a double tap never submits twice).
   */
  async submit(): Promise<Result<SubmitOutcome, DeskError>> {
    const found = this.draft();
    if (!found.ok) return found;
    const { session, draft } = found.value;
    if (draft.submitted) return ok(await draft.submitted);
    const check = this.runCheck(session, draft);
    if (check.result !== 'COMPLETE')
      return ok({ kind: 'incomplete', deficiencies: check.deficiencies });

    const now = this.now();
    const entry = buildSubmission({
      session,
      item: draft.item,
      formData: draft.formData,
      supplied: [...draft.supplied.values()],
      ...(draft.consent ? { consent: draft.consent } : {}),
      ...(draft.authorisation?.file ? { authorisationScan: draft.authorisation.file } : {}),
      check,
      terminalId: this.deps.terminalId,
      now,
    });
    const receipt = entry.receipt;

    let queued: ReturnType<OutboxStore['enqueue']>;
    try {
      queued = this.deps.outbox.enqueue(entry, now.getTime());
    } catch (e) {
      this.logger.error({
        event: 'application.not-saved',
        sessionId: session.id,
        error: (e as Error).message,
      });
      return failure('not-saved', 'the application could not be saved on this kiosk; call staff');
    }
    this.logger.info({
      event: 'application.queued',
      sessionId: session.id,
      localReference: queued.localReference,
      implementCode: draft.item.implementCode,
      files: entry.files.length,
    });

    draft.submitted = this.forwardWithin(queued.localReference, receipt);
    return ok(await draft.submitted);
  }

  /** Status by local reference or tracking number: the outbox row, and the live status if reachable. */
  async status(reference: string): Promise<Result<ApplicationStatusView, DeskError>> {
    const row = this.deps.outbox.row(reference) ?? this.deps.outbox.rowByTrackingNumber(reference);
    if (!row) return failure('not-found', 'no application with this reference on this kiosk');
    const view: ApplicationStatusView = {
      localReference: row.localReference,
      state: row.state === 'pending' ? 'queued' : row.state,
      trackingNumber: row.trackingNumber,
      status: row.status,
      receipt: row.receipt,
      forwardedAt: row.forwardedAt === null ? null : new Date(row.forwardedAt).toISOString(),
    };
    if (!row.applicationId || !this.deps.client) return ok(view);
    const live = await this.deps.client.getApplication(row.applicationId);
    if (!live.ok) return ok(view);
    this.deps.outbox.recordStatus(row.localReference, live.value.status);
    return ok({
      ...view,
      status: live.value.status,
      live: {
        status: live.value.status,
        clockPaused: live.value.clockPaused,
        ...(live.value.supplement ? { supplement: live.value.supplement.deficiencies } : {}),
        ...(live.value.deadlines ? { promisedDueDate: live.value.deadlines.promised.dueDate } : {}),
      },
    });
  }

  /** The open draft as the result delivery choice reads it (delivery.ts `DeliveryDesk`). */
  current(): Result<DraftFacts, DeskError> {
    const found = this.draft();
    if (!found.ok) return found;
    const { session, draft } = found.value;
    return ok({
      session,
      item: draft.item,
      businessId: draft.businessId,
      consented: draft.consent !== undefined,
      onFile: draft.onFile,
    });
  }

  // ---- internals ----------------------------------------------------------------------------

  private async forwardWithin(
    localReference: string,
    receipt: ReceiptFacts,
  ): Promise<SubmitOutcome> {
    const forwarder = this.deps.forwarder;
    if (!forwarder) {
      return { kind: 'provisional', localReference, receipt, reason: 'no central API configured' };
    }
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), this.deps.submitWaitMs);
    });
    const attempt = forwarder
      .forward(localReference)
      .catch((e: unknown) => ({ kind: 'retry-later' as const, message: (e as Error).message }));
    const outcome = await Promise.race([attempt, timeout]);
    clearTimeout(timer);
    if (outcome !== 'timeout' && outcome.kind === 'forwarded') {
      return { kind: 'forwarded', localReference, trackingNumber: outcome.trackingNumber, receipt };
    }
    // The forwarder keeps the application and retries; the receipt carries the local reference.
    forwarder.kick();
    const reason =
      outcome === 'timeout'
        ? 'the central API did not answer in time'
        : outcome.kind === 'gone'
          ? 'gone'
          : outcome.message;
    this.logger.info({ event: 'application.provisional', localReference, reason });
    return { kind: 'provisional', localReference, receipt, reason };
  }

  private runCheck(session: Session, draft: Draft): CompletenessResult {
    const applicant = session.applicant!;
    const enterprise = applicant.enterprise;
    return checkCompleteness({
      item: draft.item,
      applicant: enterprise
        ? { type: 'ENTERPRISE', code: enterprise.creditCode }
        : { type: 'PERSON', code: applicant.idNumber },
      ...(enterprise
        ? {
            agent: {
              idNumber: applicant.idNumber,
              ...(draft.authorisation ? { authorisation: draft.authorisation.source } : {}),
            },
          }
        : {}),
      formData: draft.formData,
      supplied: [...draft.supplied.values()],
      today: localDate(this.now()),
      ...(this.deps.hallRegion ? { hallRegion: this.deps.hallRegion } : {}),
    });
  }

  private draft(): Result<{ session: Session; draft: Draft }, DeskError> {
    const session = this.deps.session.active;
    if (!session?.applicant) return failure('no-applicant', 'identify the applicant first');
    const draft = session.data.get(DRAFT_KEY) as Draft | undefined;
    if (!draft) return failure('no-item', 'choose an item first (application.start)');
    return ok({ session, draft });
  }

  /** The draft, when the applicant consented to lookups and a central API is configured. */
  private consentedDraft(): Result<
    { session: Session; draft: Draft; client: ApprovalClient },
    DeskError
  > {
    const found = this.draft();
    if (!found.ok) return found;
    if (!found.value.draft.consent)
      return failure('no-consent', 'the applicant has not consented to the lookup');
    const client = this.deps.client;
    if (!client) return failure('api-unavailable', 'no central API configured');
    return ok({ ...found.value, client });
  }

  private applicantRef(session: Session): { type: 'PERSON' | 'ENTERPRISE'; code: string } {
    const a = session.applicant!;
    return a.enterprise
      ? { type: 'ENTERPRISE', code: a.enterprise.creditCode }
      : { type: 'PERSON', code: a.idNumber };
  }

  private target(
    draft: Draft,
    materialCode: string,
    holderIndex: number,
  ): Result<{ material: ItemRecord['materials'][number]; holderCode: string }, DeskError> {
    const session = this.deps.session.active!;
    const material = draft.item.materials.find((m) => m.code === materialCode);
    if (!material) return failure('unknown-material', `the item has no material ${materialCode}`);
    const holders = materialHolderCodes(material, {
      applicant: this.applicantRef(session),
      formData: draft.formData,
      supplied: [],
    });
    const holderCode = holders[holderIndex];
    if (holderCode === undefined || holderCode === '') {
      return failure(
        'unknown-material',
        `${materialCode} has no holder ${holderIndex} yet (fill in the form first)`,
      );
    }
    return ok({ material, holderCode });
  }

  /** The material, holder and the record's source of this kind, or why there is none. */
  private sourceFor(
    draft: Draft,
    materialCode: string,
    holderIndex: number,
    kind: MaterialSourceKind,
  ): Result<SupplyTarget, DeskError> {
    const target = this.target(draft, materialCode, holderIndex);
    if (!target.ok) return target;
    const source = target.value.material.sources.find((s) => s.kind === kind);
    if (!source) {
      return failure('source-not-accepted', `${materialCode} cannot be supplied as ${kind}`);
    }
    return ok({
      materialCode,
      holderCode: target.value.holderCode,
      kind,
      trustLevel: source.trustLevel,
    });
  }

  /** Records how a material is satisfied, logs it (no personal data) and returns the plan. */
  private async supply(
    { session, draft }: { session: Session; draft: Draft },
    target: SupplyTarget,
    what: Omit<SuppliedEntry, 'materialCode' | 'holderCode' | 'source' | 'trustLevel'>,
  ): Promise<PlanView> {
    this.record(session, draft, target, what);
    return this.planView(session, draft);
  }

  /** Records how a material is satisfied and logs it (no personal data). */
  private record(
    session: Session,
    draft: Draft,
    target: SupplyTarget,
    what: Omit<SuppliedEntry, 'materialCode' | 'holderCode' | 'source' | 'trustLevel'>,
  ): void {
    draft.supplied.set(entryKey(target.materialCode, target.holderCode), {
      materialCode: target.materialCode,
      holderCode: target.holderCode,
      source: target.kind,
      trustLevel: target.trustLevel,
      ...what,
    });
    this.logger.info({
      event: 'application.material-supplied',
      sessionId: session.id,
      materialCode: target.materialCode,
      source: target.kind,
      trustLevel: target.trustLevel,
      ...(what.scan ? { pages: what.scan.pages } : {}),
    });
  }

  private purpose(draft: Draft): Schemas['Purpose'] {
    return {
      itemCode: draft.item.implementCode,
      businessId: draft.businessId,
      terminalId: this.deps.terminalId,
    };
  }

  private findDocument(draft: Draft, documentId: string): OnFileDocument | undefined {
    for (const docs of draft.onFile.values()) {
      const doc = docs.find((d) => d.documentId === documentId);
      if (doc) return doc;
    }
    return undefined;
  }

  private async scanFile(scanMaterialId: string): Promise<ScanFile | undefined> {
    const pdf = await this.deps.scanPdf(scanMaterialId);
    if (!pdf || pdf.pages === 0) return undefined;
    return { bytes: pdf.pdf, sha256: pdf.sha256, pages: pdf.pages, mediaType: 'application/pdf' };
  }

  /** Looks up documents for holders not yet looked up (only after consent). */
  private async lookUp(draft: Draft, holderCodes: readonly string[]): Promise<string[]> {
    const client = this.deps.client;
    if (!draft.consent) return [];
    if (!client) return ['no central API configured'];
    const errors: string[] = [];
    for (const code of new Set(holderCodes)) {
      if (code === '' || draft.onFile.has(code)) continue;
      const r = await client.lookupDocuments({
        holder: holderRef(code),
        purpose: this.purpose(draft),
      });
      if (!r.ok) {
        errors.push(r.error.kind === 'http' ? `HTTP ${r.error.status}` : r.error.kind);
        continue;
      }
      draft.onFile.set(code, r.value.documents);
    }
    return errors;
  }

  private async planView(session: Session, draft: Draft): Promise<PlanView> {
    const applicant = this.applicantRef(session);
    const needed = draft.item.materials.filter((m) => materialNeeded(m, draft.formData));
    const holdersOf = new Map(
      needed.map((m) => [
        m.code,
        materialHolderCodes(m, { applicant, formData: draft.formData, supplied: [] }),
      ]),
    );
    const wantsLookup = needed.some((m) =>
      m.sources.some((s) => s.kind === 'E_LICENSE' || s.kind === 'SUPPLY_CHAIN'),
    );
    const lookupErrors = wantsLookup
      ? await this.lookUp(draft, [...holdersOf.values()].flat())
      : [];

    const materials: PlanEntry[] = [];
    for (const material of needed) {
      const holders = holdersOf.get(material.code) ?? [];
      const formSource = material.sources.find((s) => s.kind === 'FORM');
      // A form-only material is the form itself (its fields are checked one by one).
      const byForm =
        formSource !== undefined &&
        (material.sources.length === 1 ||
          (formSource.formFields ?? []).every((f) => {
            const v = draft.formData[f];
            return v !== undefined && v !== null && v !== '';
          }));
      holders.forEach((holderCode, holderIndex) => {
        const candidates = (draft.onFile.get(holderCode) ?? []).filter((doc) =>
          material.sources.some((s) =>
            doc.kind === 'E_LICENSE'
              ? s.kind === 'E_LICENSE' && (s.licenseTypes ?? []).includes(doc.licenseType ?? '')
              : s.kind === 'SUPPLY_CHAIN' && (s.recordKinds ?? []).some((k) => k === doc.kind),
          ),
        );
        const chosen = draft.supplied.get(entryKey(material.code, holderCode));
        const suggested = chosen
          ? undefined
          : suggestDocument(
              candidates.filter((d) =>
                documentFitsForm(draft.item, draft.formData, material.code, d),
              ),
              draft.previous,
              material.code,
              holderCode,
            );
        materials.push({
          materialCode: material.code,
          name: material.name,
          // A condition the form answers makes the material plainly needed ("needed", with its
          // explanation); only a condition left to the reviewer stays "needed in some cases".
          requirement:
            material.requirement.kind === 'CONDITIONAL' && !material.requirement.condition
              ? 'CONDITIONAL'
              : 'REQUIRED',
          ...(material.requirement.explanation
            ? { explanation: material.requirement.explanation }
            : {}),
          holderIndex,
          holderCount: holders.length,
          holderMasked: holderCode === '' ? '' : maskIdentifier(holderCode),
          sources: material.sources.map((s) => ({ kind: s.kind, trustLevel: s.trustLevel })),
          candidates: candidates.map((doc) => ({
            documentId: doc.documentId,
            kind: doc.kind,
            ...(doc.licenseType ? { licenseType: doc.licenseType } : {}),
            typeName: doc.typeName,
            numberMasked: maskIdentifier(doc.number),
            holderNameMasked: maskName(doc.holderName),
            validFrom: doc.validFrom,
            validUntil: doc.validUntil,
            status: doc.status,
            trustLevel: doc.trustLevel,
            previewed: draft.previewed.has(doc.documentId),
          })),
          ...(chosen
            ? {
                chosen: {
                  source: chosen.source,
                  trustLevel: chosen.trustLevel,
                  ...(chosen.document ? { documentId: chosen.document.documentId } : {}),
                  ...(chosen.derivedCopy
                    ? { derivedCopyExpiresAt: chosen.derivedCopy.expiresAt }
                    : {}),
                  ...(chosen.scan ? { pages: chosen.scan.pages } : {}),
                },
              }
            : {}),
          byForm,
          ...(suggested ? { suggested } : {}),
        });
      });
    }
    return {
      item: {
        implementCode: draft.item.implementCode,
        version: draft.item.version,
        name: draft.item.name,
        stale: draft.itemStale,
        visitsToHall: draft.item.visitsToHall,
        promisedWorkingDays: draft.item.timeLimits.promisedWorkingDays,
      },
      consented: draft.consent !== undefined,
      agent: session.applicant?.enterprise
        ? { authorisation: draft.authorisation?.source ?? null }
        : null,
      materials,
      lookupErrors,
    };
  }
}

/**
 * The document on file to propose for a material, among the candidates that agree with the form
 * (`documentFitsForm`: the vehicle certificate with the plate typed): the one the applicant's
 * last application used for it (same holder), if it is still valid; otherwise the only valid
 * one. Several and no history: no proposal, the applicant chooses.
 */
export function suggestDocument(
  candidates: readonly OnFileDocument[],
  previous: readonly Schemas['MaterialSubmission'][] | undefined,
  materialCode: string,
  holderCode: string,
): string | undefined {
  const valid = candidates.filter((d) => d.status === 'VALID');
  const used = (previous ?? []).find(
    (m) =>
      m.materialCode === materialCode &&
      m.documentId !== undefined &&
      (m.holderCode === undefined || m.holderCode === holderCode) &&
      valid.some((d) => d.documentId === m.documentId),
  );
  if (used?.documentId) return used.documentId;
  return valid.length === 1 ? valid[0]!.documentId : undefined;
}

/**
 * Prefilled answers as text to confirm on screen. Identifiers are masked by the one rule; a
 * name is masked when its group has an ID number (it names a person, e.g. `driver.name`
 * beside `driver.idNumber`), while an enterprise's name is shown.
 */
export function prefilledView(
  formFields: ItemRecord['formFields'],
  formData: Readonly<Record<string, unknown>>,
  keys: readonly string[],
): PrefilledField[] {
  const typeOf = new Map(formFields.map((f) => [f.key, f.type]));
  const personGroups = new Set(
    formFields.filter((f) => f.type === 'ID_NUMBER').map((f) => f.key.split('.')[0]),
  );
  return keys.flatMap((key) => {
    const field = formFields.find((f) => f.key === key);
    const value = formData[key];
    if (!field || value === undefined || value === null) return [];
    const type = typeOf.get(key);
    let display: string;
    if (type === 'ID_NUMBER' || type === 'CREDIT_CODE' || type === 'PHONE') {
      display = maskIdentifier(String(value));
    } else if (key.endsWith('.name') && personGroups.has(key.split('.')[0])) {
      display = maskName(String(value));
    } else if (Array.isArray(value)) {
      display = value
        .map((v) => (typeof v === 'object' && v !== null ? Object.values(v).join(' ') : String(v)))
        .join('、');
    } else {
      display = String(value);
    }
    return [{ key, label: field.label, display }];
  });
}
