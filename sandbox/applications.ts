/**
 * Applications and their department reviews. Each application is a small state machine whose
 * next step is due at a time on the sandbox clock; `processDue` runs every step that is due,
 * in time order, using each step's own due time as its event time, so moving the test clock
 * by three working days gives the same history as waiting for them.
 *
 *   SUBMITTED --acceptance check--> NOT_ACCEPTED
 *                                 | SUPPLEMENT_REQUIRED --supplement--> SUBMITTED
 *                                 | ACCEPTED -> [SPECIAL_PROCEDURE] -> IN_REVIEW
 *   IN_REVIEW --departments, in parallel--> SUPPLEMENT_REQUIRED (clock paused) --> IN_REVIEW
 *                                          | REJECTED (with reasons) | APPROVED -> ISSUED
 */
import { randomBytes } from 'node:crypto';
import { buildELicenseIdentifier } from '../drivers/common/identifiers.js';
import type { Logger } from '../drivers/common/logger.js';
import type { WorkingCalendar } from './calendar.js';
import type { Db } from './db.js';
import {
  batchCodeText,
  issuePermit,
  loadPermit,
  nextPermitNumber,
  type PermitKey,
} from './permits.js';
import { acceptanceCheck, reviewFindings, evaluateCondition, type RuleContext } from './rules.js';
import { agency } from './seed/authorities.js';
import { licenseType } from './seed/license-types.js';
import type {
  ApplicationRequest,
  ApplicationStatusCode,
  Deficiency,
  Department,
  GoodsLine,
  ItemRecord,
  LocalizedText,
  MaterialSubmission,
  StoredDocument,
} from './types.js';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
/** Time from submission (or supplement) to the acceptance decision. */
export const ACCEPTANCE_DELAY_MS = 10 * MINUTE_MS;
/** Department i reviews for (2 + i) hours: parallel reviews finish at different times. */
export const DEPARTMENT_REVIEW_BASE_MS = 2 * HOUR_MS;
export const DEPARTMENT_REVIEW_STEP_MS = HOUR_MS;
/** Time from approval to issuing the permit or license. */
export const ISSUE_DELAY_MS = 15 * MINUTE_MS;

type ReviewState = 'WAITING' | 'IN_REVIEW' | 'SUPPLEMENT_REQUESTED' | 'APPROVED' | 'REJECTED';
type NextStep = 'ACCEPTANCE' | 'SPECIAL_END' | 'REVIEW' | 'ISSUE';

interface DepartmentReviewState {
  department: Department;
  state: ReviewState;
  startedAt?: string;
  completedAt?: string;
  dueAt?: string;
  opinion?: LocalizedText;
}

export interface ApplicationState {
  history: { status: ApplicationStatusCode; at: string; note?: LocalizedText }[];
  acceptedAt?: string;
  completedAt?: string;
  notAcceptedReason?: LocalizedText;
  supplement?: { requestedAt: string; deficiencies: Deficiency[] };
  reviews: DepartmentReviewState[];
  specialProcedure?: {
    code: string;
    name: LocalizedText;
    startedAt: string;
    endsAt: string;
    countsTowardLimit: boolean;
  };
  specialDone?: boolean;
  pauses: { from: string; to?: string }[];
  rejectionReasons?: Deficiency[];
  permitNumber?: string;
  nextStep?: NextStep;
}

export interface ApplicationRow {
  application_id: string;
  tracking_number: string;
  terminal_id: string;
  item_code: string;
  applicant_code: string;
  agent_code: string | null;
  status: ApplicationStatusCode;
  submitted_at: string;
  next_step_at: number | null;
  request: string;
  state: string;
}

export interface EngineDeps {
  readonly db: Db;
  readonly calendar: WorkingCalendar;
  readonly permitKey: PermitKey;
  readonly logger: Logger;
  /** Region of each terminal, for place-of-application rules. */
  readonly terminalRegion: (terminalId: string) => string | undefined;
}

export function loadItem(db: Db, code: string, version: number): ItemRecord | undefined {
  const row = db
    .prepare('SELECT record FROM items WHERE implement_code = ? AND version = ?')
    .get(code, version) as { record: string } | undefined;
  return row ? (JSON.parse(row.record) as ItemRecord) : undefined;
}

export function loadDocument(db: Db, id: string): StoredDocument | undefined {
  const row = db.prepare('SELECT record FROM documents WHERE document_id = ?').get(id) as
    { record: string } | undefined;
  return row ? (JSON.parse(row.record) as StoredDocument) : undefined;
}

function ruleContext(
  deps: EngineDeps,
  row: ApplicationRow,
  item: ItemRecord,
  request: ApplicationRequest,
  at: Date,
): RuleContext {
  return {
    item,
    request,
    document: (id) => loadDocument(deps.db, id),
    fileExists: (id, sha256) => {
      const f = deps.db
        .prepare('SELECT sha256 FROM files WHERE file_id = ? AND terminal_id = ?')
        .get(id, row.terminal_id) as { sha256: string } | undefined;
      return f !== undefined && (sha256 === undefined || sha256 === f.sha256);
    },
    today: deps.calendar.localDate(at),
  };
}

/** A tracking number like `HK-2026-000123` (drivers/common/codes.ts pattern). */
function nextTrackingNumber(db: Db, year: string): string {
  const prefix = `HK-${year}-`;
  const row = db
    .prepare('SELECT COUNT(*) AS n FROM applications WHERE tracking_number LIKE ?')
    .get(`${prefix}%`) as { n: number };
  return `${prefix}${String(row.n + 1).padStart(6, '0')}`;
}

export function newApplicationId(): string {
  return `app_${randomBytes(12).toString('base64url')}`;
}

/** Stores a new application in SUBMITTED with its acceptance check due. */
export function createApplication(
  deps: EngineDeps,
  terminalId: string,
  request: ApplicationRequest,
  now: Date,
): ApplicationRow {
  const applicationId = newApplicationId();
  const trackingNumber = nextTrackingNumber(deps.db, deps.calendar.localDate(now).slice(0, 4));
  const state: ApplicationState = {
    history: [{ status: 'SUBMITTED', at: now.toISOString() }],
    reviews: [],
    pauses: [],
    nextStep: 'ACCEPTANCE',
  };
  const row: ApplicationRow = {
    application_id: applicationId,
    tracking_number: trackingNumber,
    terminal_id: terminalId,
    item_code: request.itemImplementCode,
    applicant_code: request.applicant.code,
    agent_code: request.agent?.idNumber ?? null,
    status: 'SUBMITTED',
    submitted_at: now.toISOString(),
    next_step_at: now.getTime() + ACCEPTANCE_DELAY_MS,
    request: JSON.stringify(request),
    state: JSON.stringify(state),
  };
  deps.db
    .prepare(
      `INSERT INTO applications (application_id, tracking_number, terminal_id, item_code,
        applicant_code, agent_code, status, submitted_at, next_step_at, request, state)
       VALUES (@application_id, @tracking_number, @terminal_id, @item_code, @applicant_code,
        @agent_code, @status, @submitted_at, @next_step_at, @request, @state)`,
    )
    .run(row);
  deps.logger.info({
    event: 'application.submitted',
    applicationId,
    item: request.itemImplementCode,
  });
  return row;
}

export function saveApplication(
  db: Db,
  id: string,
  status: ApplicationStatusCode,
  state: ApplicationState,
  nextAt: number | null,
  request?: ApplicationRequest,
): void {
  db.prepare(
    `UPDATE applications SET status = ?, state = ?, next_step_at = ?,
       request = COALESCE(?, request) WHERE application_id = ?`,
  ).run(status, JSON.stringify(state), nextAt, request ? JSON.stringify(request) : null, id);
}

export function getApplicationRow(
  db: Db,
  where: 'id' | 'tracking',
  value: string,
): ApplicationRow | undefined {
  const column = where === 'id' ? 'application_id' : 'tracking_number';
  return db.prepare(`SELECT * FROM applications WHERE ${column} = ?`).get(value) as
    ApplicationRow | undefined;
}

/** Runs every step due at or before `now`, oldest first. Returns how many ran. */
export function processDue(deps: EngineDeps, now: Date): number {
  const next = deps.db.prepare(
    'SELECT * FROM applications WHERE next_step_at IS NOT NULL AND next_step_at <= ? ORDER BY next_step_at LIMIT 1',
  );
  let steps = 0;
  // Bound the loop: a step always moves next_step_at forward or clears it.
  while (steps < 100_000) {
    const row = next.get(now.getTime()) as ApplicationRow | undefined;
    if (!row) break;
    deps.db.transaction(() => step(deps, row, new Date(row.next_step_at!)))();
    steps++;
  }
  return steps;
}

function step(deps: EngineDeps, row: ApplicationRow, at: Date): void {
  const request = JSON.parse(row.request) as ApplicationRequest;
  const state = JSON.parse(row.state) as ApplicationState;
  const item = loadItem(deps.db, request.itemImplementCode, request.itemVersion);
  if (!item) {
    // Items are never deleted; if one is, park the application rather than retry forever.
    deps.logger.error({ event: 'application.item-missing', applicationId: row.application_id });
    saveApplication(deps.db, row.application_id, row.status, state, null);
    return;
  }
  const iso = at.toISOString();
  let status = row.status;
  let nextAt: number | null = null;

  const change = (to: ApplicationStatusCode, note?: LocalizedText): void => {
    status = to;
    state.history.push({ status: to, at: iso, ...(note ? { note } : {}) });
    deps.logger.info({
      event: 'application.status-changed',
      applicationId: row.application_id,
      status: to,
    });
  };

  switch (state.nextStep) {
    case 'ACCEPTANCE': {
      const ctx = ruleContext(deps, row, item, request, at);
      const verdict = acceptanceCheck(ctx, deps.terminalRegion(row.terminal_id));
      if (verdict.kind === 'not-accepted') {
        state.notAcceptedReason = verdict.reason;
        state.completedAt = iso;
        state.nextStep = undefined;
        change('NOT_ACCEPTED', verdict.reason);
      } else if (verdict.kind === 'supplement') {
        state.supplement = { requestedAt: iso, deficiencies: verdict.deficiencies };
        state.nextStep = undefined;
        change('SUPPLEMENT_REQUIRED');
      } else {
        state.acceptedAt = iso;
        change('ACCEPTED');
        nextAt = afterAcceptance(deps, item, request, state, at, change);
      }
      break;
    }
    case 'SPECIAL_END': {
      const open = state.pauses.find((p) => p.to === undefined);
      if (open) open.to = iso;
      state.specialDone = true;
      nextAt = startReview(item, state, at, change);
      break;
    }
    case 'REVIEW': {
      nextAt = completeDueReviews(deps, row, item, request, state, at, change);
      break;
    }
    case 'ISSUE': {
      issue(deps, row, item, request, state, at);
      state.completedAt = iso;
      state.nextStep = undefined;
      change('ISSUED');
      break;
    }
    default:
      state.nextStep = undefined;
  }
  saveApplication(deps.db, row.application_id, status, state, nextAt);
}

type Change = (to: ApplicationStatusCode, note?: LocalizedText) => void;

function afterAcceptance(
  _deps: EngineDeps,
  item: ItemRecord,
  request: ApplicationRequest,
  state: ApplicationState,
  at: Date,
  change: Change,
): number | null {
  const special = state.specialDone
    ? undefined
    : item.specialSteps.find(
        (s) => !s.appliesWhen || evaluateCondition(s.appliesWhen, request.formData),
      );
  if (special) {
    const endsAt = _deps.calendar.addWorkingDaysToInstant(at, special.maxWorkingDays);
    state.specialProcedure = {
      code: special.code,
      name: special.name,
      startedAt: at.toISOString(),
      endsAt: endsAt.toISOString(),
      countsTowardLimit: special.countsTowardLimit,
    };
    if (!special.countsTowardLimit) state.pauses.push({ from: at.toISOString() });
    state.nextStep = 'SPECIAL_END';
    change('SPECIAL_PROCEDURE', special.name);
    return endsAt.getTime();
  }
  return startReview(item, state, at, change);
}

function reviewDuration(index: number): number {
  return DEPARTMENT_REVIEW_BASE_MS + index * DEPARTMENT_REVIEW_STEP_MS;
}

function startReview(item: ItemRecord, state: ApplicationState, at: Date, change: Change): number {
  state.reviews = item.departments.map((department, i) => ({
    department,
    state: 'IN_REVIEW',
    startedAt: at.toISOString(),
    dueAt: new Date(at.getTime() + reviewDuration(i)).toISOString(),
  }));
  state.nextStep = 'REVIEW';
  change('IN_REVIEW');
  return nextReviewDue(state)!;
}

function nextReviewDue(state: ApplicationState): number | null {
  const due = state.reviews
    .filter((r) => r.state === 'IN_REVIEW' && r.dueAt)
    .map((r) => Date.parse(r.dueAt!));
  return due.length > 0 ? Math.min(...due) : null;
}

function completeDueReviews(
  deps: EngineDeps,
  row: ApplicationRow,
  item: ItemRecord,
  request: ApplicationRequest,
  state: ApplicationState,
  at: Date,
  change: Change,
): number | null {
  const iso = at.toISOString();
  for (const [index, review] of state.reviews.entries()) {
    if (review.state !== 'IN_REVIEW' || !review.dueAt || Date.parse(review.dueAt) > at.getTime()) {
      continue;
    }
    review.completedAt = iso;
    delete review.dueAt;
    if (index !== 0) {
      review.state = 'APPROVED';
      review.opinion = { 'zh-CN': '同意', en: 'Agreed' };
      continue;
    }
    // The lead department checks validity windows and cross-field rules.
    const findings = reviewFindings(ruleContext(deps, row, item, request, at));
    if (findings.reject.length > 0) {
      review.state = 'REJECTED';
      review.opinion = { 'zh-CN': '不符合许可条件', en: 'Conditions not met' };
      state.rejectionReasons = findings.reject;
    } else if (findings.supplement.length > 0) {
      review.state = 'SUPPLEMENT_REQUESTED';
      delete review.completedAt;
      state.supplement = { requestedAt: iso, deficiencies: findings.supplement };
      state.pauses.push({ from: iso });
      // Other departments stop the clock too; they restart when the supplement arrives.
      state.nextStep = undefined;
      change('SUPPLEMENT_REQUIRED');
      return null;
    } else {
      review.state = 'APPROVED';
      review.opinion = { 'zh-CN': '符合条件，同意', en: 'Conditions met; agreed' };
    }
  }

  const pending = nextReviewDue(state);
  if (pending !== null) return pending;
  if (state.reviews.some((r) => r.state === 'REJECTED')) {
    state.completedAt = iso;
    state.nextStep = undefined;
    change('REJECTED');
    return null;
  }
  change('APPROVED');
  if (item.outcome.kind === 'NONE') {
    state.completedAt = iso;
    state.nextStep = undefined;
    return null;
  }
  state.nextStep = 'ISSUE';
  return at.getTime() + ISSUE_DELAY_MS;
}

/** Records a supplement and resumes the application; the caller has checked the status. */
export function applySupplement(
  deps: EngineDeps,
  row: ApplicationRow,
  materials: readonly MaterialSubmission[],
  formData: Record<string, unknown> | undefined,
  now: Date,
): void {
  const request = JSON.parse(row.request) as ApplicationRequest;
  const state = JSON.parse(row.state) as ApplicationState;
  const key = (m: MaterialSubmission) => `${m.materialCode}|${m.holderCode ?? ''}`;
  const replaced = new Set(materials.map(key));
  const merged: ApplicationRequest = {
    ...request,
    formData: { ...request.formData, ...(formData ?? {}) },
    materials: [...request.materials.filter((m) => !replaced.has(key(m))), ...materials],
  };
  const iso = now.toISOString();
  delete state.supplement;
  const open = state.pauses.find((p) => p.to === undefined);
  if (open) open.to = iso;

  let status: ApplicationStatusCode;
  let nextAt: number;
  const note = { 'zh-CN': '已补正材料', en: 'Supplement received' };
  if (state.acceptedAt === undefined) {
    status = 'SUBMITTED';
    state.nextStep = 'ACCEPTANCE';
    nextAt = now.getTime() + ACCEPTANCE_DELAY_MS;
  } else {
    status = 'IN_REVIEW';
    state.nextStep = 'REVIEW';
    state.reviews.forEach((r, i) => {
      if (r.state === 'IN_REVIEW' || r.state === 'SUPPLEMENT_REQUESTED') {
        r.state = 'IN_REVIEW';
        r.dueAt = new Date(now.getTime() + reviewDuration(i)).toISOString();
      }
    });
    nextAt = nextReviewDue(state)!;
  }
  state.history.push({ status, at: iso, note });
  saveApplication(deps.db, row.application_id, status, state, nextAt, merged);
  deps.logger.info({ event: 'application.supplemented', applicationId: row.application_id });
}

function issue(
  deps: EngineDeps,
  row: ApplicationRow,
  item: ItemRecord,
  request: ApplicationRequest,
  state: ApplicationState,
  at: Date,
): void {
  if (
    item.outcome.kind !== 'PERMIT' ||
    item.outcome.licenseType !== 'FIREWORKS_ROAD_TRANSPORT_PERMIT'
  ) {
    return;
  }
  const form = request.formData;
  const contract = request.materials.find(
    (m) => m.materialCode === 'PURCHASE_CONTRACT',
  )?.documentId;
  const contractDoc = contract ? loadDocument(deps.db, contract) : undefined;
  const contractBatches = (contractDoc?.data['batches'] ?? []) as { gtin: string; batch: string }[];
  const permitNumber = nextPermitNumber(
    deps.db,
    item.agency.regionCode,
    deps.calendar.localDate(at).slice(0, 4),
  );
  const type = licenseType('FIREWORKS_ROAD_TRANSPORT_PERMIT');
  issuePermit(deps.db, deps.permitKey, {
    permitNumber,
    itemImplementCode: item.implementCode,
    applicationId: row.application_id,
    consignor: { name: request.applicant.name, creditCode: request.applicant.code },
    carrier: {
      name: String(form['carrier.name'] ?? ''),
      creditCode: String(form['carrier.creditCode'] ?? ''),
    },
    vehiclePlate: String(form['vehicle.plate'] ?? ''),
    origin: String(form['trip.origin'] ?? ''),
    destination: String(form['trip.destination'] ?? ''),
    route: String(form['trip.route'] ?? ''),
    stopovers: Array.isArray(form['trip.stopovers']) ? (form['trip.stopovers'] as string[]) : [],
    goods: (Array.isArray(form['goods']) ? form['goods'] : []) as GoodsLine[],
    validFrom: String(form['trip.startDate']),
    validUntil: String(form['trip.endDate']),
    issuedAt: at.toISOString(),
    issuer: item.agency.name['zh-CN'],
    keyId: deps.permitKey.keyId,
    ecertIdentifier: buildELicenseIdentifier({
      typeCode: type.typeCode,
      issuerCreditCode: agency('psb', item.agency.regionCode).creditCode,
      serial: permitNumber.replace(/\D/g, '').slice(-12),
      version: '001',
    }),
    batchCodes: contractBatches.map((b) => batchCodeText(b.gtin, b.batch)),
  });
  state.permitNumber = permitNumber;
  deps.logger.info({ event: 'permit.issued', applicationId: row.application_id });
}

// ---- Views ------------------------------------------------------------------------------

function deadline(
  calendar: WorkingCalendar,
  acceptedAt: string,
  workingDays: number,
  pausedWorkingDays: number,
  reference: Date,
): Record<string, unknown> {
  const accepted = calendar.localDate(new Date(acceptedAt));
  const dueDate = calendar.addWorkingDays(accepted, workingDays + pausedWorkingDays);
  return {
    workingDays,
    pausedWorkingDays,
    dueDate,
    remainingWorkingDays: calendar.workingDaysBetween(calendar.localDate(reference), dueDate),
  };
}

/** Working days the clock stood still: working days within each pause, (from, to]. */
export function pausedWorkingDays(
  calendar: WorkingCalendar,
  state: ApplicationState,
  now: Date,
): number {
  return state.pauses.reduce((sum, p) => {
    const from = calendar.localDate(new Date(p.from));
    const to = calendar.localDate(p.to ? new Date(p.to) : now);
    return sum + calendar.workingDaysBetween(from, to);
  }, 0);
}

/** The ApplicationStatus representation. */
export function statusView(
  deps: EngineDeps,
  row: ApplicationRow,
  now: Date,
): Record<string, unknown> {
  const request = JSON.parse(row.request) as ApplicationRequest;
  const state = JSON.parse(row.state) as ApplicationState;
  const item = loadItem(deps.db, request.itemImplementCode, request.itemVersion)!;
  const reference = state.completedAt ? new Date(state.completedAt) : now;
  const paused = pausedWorkingDays(deps.calendar, state, reference);
  const permit = state.permitNumber
    ? loadPermit(deps.db, state.permitNumber, now, deps.calendar)
    : undefined;
  return {
    applicationId: row.application_id,
    trackingNumber: row.tracking_number,
    itemImplementCode: request.itemImplementCode,
    itemVersion: request.itemVersion,
    itemName: item.name,
    status: row.status,
    submittedAt: row.submitted_at,
    ...(state.acceptedAt ? { acceptedAt: state.acceptedAt } : {}),
    history: state.history,
    ...(state.notAcceptedReason ? { notAcceptedReason: state.notAcceptedReason } : {}),
    ...(state.supplement ? { supplement: state.supplement } : {}),
    departmentReviews: state.reviews.map((r) => ({
      department: r.department,
      state: r.state,
      ...(r.startedAt ? { startedAt: r.startedAt } : {}),
      ...(r.completedAt ? { completedAt: r.completedAt } : {}),
      ...(r.opinion ? { opinion: r.opinion } : {}),
    })),
    ...(state.specialProcedure ? { specialProcedure: state.specialProcedure } : {}),
    ...(state.rejectionReasons ? { rejectionReasons: state.rejectionReasons } : {}),
    clockPaused: state.pauses.some((p) => p.to === undefined),
    ...(state.acceptedAt
      ? {
          deadlines: {
            statutory: deadline(
              deps.calendar,
              state.acceptedAt,
              item.timeLimits.statutoryWorkingDays,
              paused,
              reference,
            ),
            promised: deadline(
              deps.calendar,
              state.acceptedAt,
              item.timeLimits.promisedWorkingDays,
              paused,
              reference,
            ),
          },
        }
      : {}),
    ...(permit
      ? {
          permit: {
            permitNumber: permit.record.permitNumber,
            code: permit.code,
            ...(permit.record.ecertIdentifier
              ? { ecertIdentifier: permit.record.ecertIdentifier }
              : {}),
            state: permit.state,
            validFrom: permit.record.validFrom,
            validUntil: permit.record.validUntil,
          },
        }
      : {}),
  };
}

/** The ApplicationSummary representation (for prefilling a repeat application). */
export function summaryView(db: Db, row: ApplicationRow): Record<string, unknown> {
  const request = JSON.parse(row.request) as ApplicationRequest;
  const item = loadItem(db, request.itemImplementCode, request.itemVersion);
  return {
    applicationId: row.application_id,
    trackingNumber: row.tracking_number,
    itemImplementCode: request.itemImplementCode,
    itemVersion: request.itemVersion,
    itemName: item?.name ?? { 'zh-CN': request.itemImplementCode, en: request.itemImplementCode },
    status: row.status,
    submittedAt: row.submitted_at,
    formData: request.formData,
    materials: request.materials,
  };
}
