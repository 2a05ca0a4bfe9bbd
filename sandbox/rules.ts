/**
 * The central platform's own checks of an application against its item record: the
 * acceptance check (Administrative Licensing Law Art. 32: one complete list of what is
 * missing) and the lead department's review (validity windows, cross-field rules). Pure
 * functions over data; the item record carries every rule.
 *
 * Form data is flat: keys are the item's form field keys (`trip.startDate`), values JSON.
 */
import { checkCreditCode, checkIdNumber } from '../drivers/common/identifiers.js';
import type {
  ApplicationRequest,
  Condition,
  CrossFieldRule,
  Deficiency,
  GoodsLine,
  ItemRecord,
  LocalizedText,
  Material,
  MaterialSubmission,
  StoredDocument,
  ValueRef,
} from './types.js';

export interface RuleContext {
  readonly item: ItemRecord;
  readonly request: ApplicationRequest;
  /** Looks up a document on file by id. */
  readonly document: (id: string) => StoredDocument | undefined;
  /** Whether this terminal uploaded a file with this id (and digest, when given). */
  readonly fileExists: (id: string, sha256?: string) => boolean;
  /** Local date (YYYY-MM-DD) of the check. */
  readonly today: string;
}

const t = (zh: string, en: string): LocalizedText => ({ 'zh-CN': zh, en });

function present(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value === 'string') return value.trim() !== '';
  if (Array.isArray(value)) return value.length > 0;
  return true;
}

export function evaluateCondition(
  condition: Condition,
  formData: Record<string, unknown>,
): boolean {
  if ('all' in condition) return condition.all.every((c) => evaluateCondition(c, formData));
  if ('any' in condition) return condition.any.some((c) => evaluateCondition(c, formData));
  if ('not' in condition) return !evaluateCondition(condition.not, formData);
  const value = formData[condition.field];
  switch (condition.op) {
    case 'EQ':
      return value === condition.value;
    case 'NE':
      return value !== condition.value;
    case 'IN':
      return Array.isArray(condition.value) && condition.value.includes(value);
    case 'PRESENT':
      return present(value);
    case 'ABSENT':
      return !present(value);
    case 'GT':
      return (
        typeof value === 'number' && typeof condition.value === 'number' && value > condition.value
      );
    case 'LT':
      return (
        typeof value === 'number' && typeof condition.value === 'number' && value < condition.value
      );
    default: {
      const never: never = condition.op;
      throw new Error(`unknown condition op ${String(never)}`);
    }
  }
}

export function materialApplies(material: Material, formData: Record<string, unknown>): boolean {
  switch (material.requirement.kind) {
    case 'REQUIRED':
      return true;
    case 'OPTIONAL':
      return false;
    case 'CONDITIONAL':
      return material.requirement.condition
        ? evaluateCondition(material.requirement.condition, formData)
        : true;
    default: {
      const never: never = material.requirement.kind;
      throw new Error(`unknown requirement ${String(never)}`);
    }
  }
}

/** Holder codes a material needs documents from; default: the applicant. */
export function materialHolders(material: Material, request: ApplicationRequest): string[] {
  if (!material.holders || material.holders.length === 0) return [request.applicant.code];
  return material.holders.map((ref) => String(readValue(ref, request, () => undefined) ?? ''));
}

function submissionFor(
  request: ApplicationRequest,
  materialCode: string,
  holderCode: string,
  holderCount: number,
): MaterialSubmission | undefined {
  const candidates = request.materials.filter((m) => m.materialCode === materialCode);
  return (
    candidates.find((m) => m.holderCode === holderCode) ??
    (holderCount === 1 ? candidates.find((m) => m.holderCode === undefined) : undefined)
  );
}

/**
 * Reads a value a rule refers to. DOCUMENT refs read the document supplied for the material
 * (the first one when there are several holders); `undefined` when nothing machine-readable
 * was supplied (a scan), in which case the rule is left to the human reviewer.
 */
export function readValue(
  ref: ValueRef,
  request: ApplicationRequest,
  document: (id: string) => StoredDocument | undefined,
): unknown {
  switch (ref.source) {
    case 'FORM':
      return request.formData[ref.field];
    case 'APPLICANT':
      return (request.applicant as unknown as Record<string, unknown>)[ref.field];
    case 'DOCUMENT': {
      const submission = request.materials.find(
        (m) => m.materialCode === ref.material && m.documentId !== undefined,
      );
      const doc = submission?.documentId ? document(submission.documentId) : undefined;
      if (!doc) return undefined;
      if (ref.field === 'holderCode') return doc.holder.code;
      if (ref.field === 'validFrom') return doc.validFrom;
      if (ref.field === 'validUntil') return doc.validUntil;
      return doc.data[ref.field];
    }
    default: {
      const never: never = ref.source;
      throw new Error(`unknown value source ${String(never)}`);
    }
  }
}

export type AcceptanceVerdict =
  | { readonly kind: 'not-accepted'; readonly reason: LocalizedText }
  | { readonly kind: 'supplement'; readonly deficiencies: Deficiency[] }
  | { readonly kind: 'accepted' };

/**
 * The acceptance check: is this the right office and applicant, and is every applicable
 * material and required form field there, referring to real documents and files? Returns
 * every deficiency at once.
 */
export function acceptanceCheck(ctx: RuleContext, terminalRegion?: string): AcceptanceVerdict {
  const { item, request } = ctx;
  if (!item.applicantTypes.includes(request.applicant.type)) {
    return {
      kind: 'not-accepted',
      reason: t('申请人类型不符合本事项要求', 'This item does not accept this kind of applicant'),
    };
  }
  if (
    terminalRegion !== undefined &&
    item.placeOfApplication.rule === 'ORIGIN_OR_DESTINATION' &&
    !(item.placeOfApplication.regionFields ?? []).some(
      (f) => request.formData[f] === terminalRegion,
    )
  ) {
    return {
      kind: 'not-accepted',
      reason: t(
        '本事项应向起运地或运达地公安机关申请',
        'Apply at the public security organ of the origin or the destination',
      ),
    };
  }

  const deficiencies: Deficiency[] = [];
  for (const f of item.formFields) {
    const needed =
      f.required || (f.requiredWhen ? evaluateCondition(f.requiredWhen, request.formData) : false);
    if (needed && !present(request.formData[f.key])) {
      deficiencies.push({
        code: 'missing-form-field',
        field: f.key,
        message: t(`缺少：${f.label['zh-CN']}`, `Missing: ${f.label.en}`),
      });
    }
  }
  for (const material of item.materials) {
    if (!materialApplies(material, request.formData)) continue;
    deficiencies.push(...materialDeficiencies(ctx, material));
  }
  return deficiencies.length > 0 ? { kind: 'supplement', deficiencies } : { kind: 'accepted' };
}

function materialDeficiencies(ctx: RuleContext, material: Material): Deficiency[] {
  const { request } = ctx;
  const formSource = material.sources.find((s) => s.kind === 'FORM');
  if (formSource) {
    // Filled in on the form (or read from the ID card): satisfied when its fields are.
    const missing = (formSource.formFields ?? []).filter((f) => !present(request.formData[f]));
    if (missing.length === 0) return [];
    if (material.sources.length === 1) return []; // the missing fields are reported once each
  }

  const holders = materialHolders(material, request);
  const out: Deficiency[] = [];
  for (const holderCode of holders) {
    const submission = submissionFor(request, material.code, holderCode, holders.length);
    const base = {
      materialCode: material.code,
      ...(holders.length > 1 ? { holderCode } : {}),
    };
    if (!submission) {
      out.push({
        ...base,
        code: 'missing-material',
        message: t(`缺少材料：${material.name['zh-CN']}`, `Missing material: ${material.name.en}`),
      });
      continue;
    }
    const problem = submissionProblem(ctx, material, submission, holderCode);
    if (problem) out.push({ ...base, code: problem.code, message: problem.message });
  }
  return out;
}

function submissionProblem(
  ctx: RuleContext,
  material: Material,
  submission: MaterialSubmission,
  holderCode: string,
): { code: string; message: LocalizedText } | undefined {
  const name = material.name;
  const source = material.sources.find((s) => s.kind === submission.source);
  if (!source) {
    return {
      code: 'source-not-accepted',
      message: t(`${name['zh-CN']}不接受该提交方式`, `${name.en} cannot be supplied this way`),
    };
  }
  switch (submission.source) {
    case 'E_LICENSE':
    case 'SUPPLY_CHAIN': {
      const doc = submission.documentId ? ctx.document(submission.documentId) : undefined;
      const kindOk =
        doc !== undefined &&
        (submission.source === 'E_LICENSE'
          ? doc.kind === 'E_LICENSE' && (source.licenseTypes ?? []).includes(doc.licenseType ?? '')
          : (source.recordKinds ?? []).some((k) => k === doc.kind));
      if (!doc || !kindOk) {
        return {
          code: 'document-mismatch',
          message: t(
            `${name['zh-CN']}：所选证照类型不符`,
            `${name.en}: the document is of the wrong type`,
          ),
        };
      }
      if (doc.holder.code !== holderCode) {
        return {
          code: 'document-holder-mismatch',
          message: t(
            `${name['zh-CN']}：证照持有人不符`,
            `${name.en}: the document belongs to someone else`,
          ),
        };
      }
      if (doc.revoked) {
        return {
          code: 'document-revoked',
          message: t(`${name['zh-CN']}：证照已注销`, `${name.en}: the document has been revoked`),
        };
      }
      return undefined;
    }
    case 'SCAN':
      return submission.fileId && ctx.fileExists(submission.fileId, submission.sha256)
        ? undefined
        : {
            code: 'file-missing',
            message: t(`${name['zh-CN']}：扫描件未上传`, `${name.en}: the scan was not uploaded`),
          };
    case 'COMMITMENT':
    case 'FORM':
      return undefined;
    default: {
      const never: never = submission.source;
      throw new Error(`unknown material source ${String(never)}`);
    }
  }
}

export interface ReviewFindings {
  /** Fixable by the applicant: the lead department asks for a supplement. */
  readonly supplement: Deficiency[];
  /** Substantive: the lead department rejects. */
  readonly reject: Deficiency[];
}

/** The lead department's review: validity windows and cross-field rules. */
export function reviewFindings(ctx: RuleContext): ReviewFindings {
  const { item, request } = ctx;
  const supplement: Deficiency[] = [];
  for (const material of item.materials) {
    if (!materialApplies(material, request.formData) || !material.validity) continue;
    const v = material.validity;
    const from = v.coversFrom ? String(readValue(v.coversFrom, request, ctx.document) ?? '') : '';
    const until = v.coversUntil
      ? String(readValue(v.coversUntil, request, ctx.document) ?? '')
      : '';
    // Only the documents of the current holders count: a supplement may have replaced a driver.
    const holders = materialHolders(material, request);
    const current = request.materials.filter(
      (m) =>
        m.materialCode === material.code &&
        (m.holderCode === undefined || holders.includes(m.holderCode)),
    );
    for (const submission of current) {
      const doc = submission.documentId ? ctx.document(submission.documentId) : undefined;
      if (!doc) continue;
      const endsBefore = (date: string): boolean =>
        date !== '' && doc.validUntil !== null && doc.validUntil < date;
      const tooLate = (v.validOnSubmission && endsBefore(ctx.today)) || endsBefore(until);
      const tooEarly = from !== '' && doc.validFrom > from;
      if (tooLate || tooEarly) {
        supplement.push({
          code: 'document-validity',
          materialCode: material.code,
          ...(submission.holderCode ? { holderCode: submission.holderCode } : {}),
          message: t(
            `${material.name['zh-CN']}的有效期未覆盖所需期间（至${doc.validUntil ?? '长期'}）`,
            `${material.name.en} is not valid for the whole period needed (valid until ${doc.validUntil ?? 'no end date'})`,
          ),
        });
      }
    }
  }

  const reject: Deficiency[] = [];
  for (const rule of item.crossFieldRules) {
    if (rule.appliesWhen && !evaluateCondition(rule.appliesWhen, request.formData)) continue;
    if (crossFieldViolated(rule, request, ctx.document)) {
      reject.push({ code: rule.code, message: rule.message });
    }
  }
  return { supplement, reject };
}

const normalise = (v: unknown): string =>
  String(v)
    .toUpperCase()
    .replace(/[\s·.-]/g, '');

function asGoods(v: unknown): GoodsLine[] | undefined {
  if (!Array.isArray(v)) return undefined;
  return v.filter(
    (l): l is GoodsLine =>
      typeof l === 'object' && l !== null && typeof (l as GoodsLine).quantity === 'number',
  );
}

/** True when the rule can be evaluated and fails; unevaluable rules go to the human reviewer. */
export function crossFieldViolated(
  rule: CrossFieldRule,
  request: ApplicationRequest,
  document: (id: string) => StoredDocument | undefined,
): boolean {
  const left = readValue(rule.left, request, document);
  const right = readValue(rule.right, request, document);
  if (left === undefined || right === undefined) return false;
  switch (rule.kind) {
    case 'EQUALS':
      return normalise(left) !== normalise(right);
    case 'DATE_ORDER':
      return String(left) > String(right);
    case 'QUANTITY_AT_MOST': {
      const shipped = asGoods(left);
      const allowed = asGoods(right);
      if (!shipped || !allowed)
        return typeof left === 'number' && typeof right === 'number' && left > right;
      return shipped.some((line) => {
        const match = allowed.find(
          (a) => a.category === line.category && a.specification === line.specification,
        );
        return !match || line.quantity > match.quantity;
      });
    }
    default: {
      const never: never = rule.kind;
      throw new Error(`unknown rule kind ${String(never)}`);
    }
  }
}

/** Check characters of the applicant's and agent's codes; the problems, if any. */
export function identifierProblems(
  request: ApplicationRequest,
): { path: string; message: string }[] {
  const problems: { path: string; message: string }[] = [];
  const a = request.applicant;
  const ok = a.type === 'PERSON' ? checkIdNumber(a.code).ok : checkCreditCode(a.code).ok;
  if (!ok) {
    problems.push({
      path: '/applicant/code',
      message:
        a.type === 'PERSON'
          ? 'not a valid citizen ID number (GB 11643 check character)'
          : 'not a valid unified social credit code (GB 32100 check character)',
    });
  }
  if (request.agent && !checkIdNumber(request.agent.idNumber).ok) {
    problems.push({ path: '/agent/idNumber', message: 'not a valid citizen ID number' });
  }
  return problems;
}
