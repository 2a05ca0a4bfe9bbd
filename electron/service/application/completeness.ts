/**
 * The kiosk's completeness check (行政许可法 Art. 32: tell the applicant everything that is
 * missing or wrong, in one notice). Every rule comes from the item record: which form fields
 * and materials are required or conditional, which sources and license types satisfy a
 * material, whose document it must be, the period every license must cover, and the
 * cross-field rules. The engine evaluates all of them and returns the complete list of
 * deficiencies, each with a message in both languages; it never stops at the first.
 *
 * Rules that need a machine-readable value a scan does not give (a plate on a scanned
 * certificate) are left to the reviewing department, as the central platform does.
 */
import {
  checkCreditCode,
  checkELicenseIdentifier,
  checkIdNumber,
} from '../../../drivers/common/identifiers.js';
import type { Schemas } from '../approval/client.js';

/** Recorded with every submission (the law asks which rules produced the list). */
export const COMPLETENESS_ENGINE_VERSION = 'hall-kiosk-completeness/1';

type ItemRecord = Schemas['ItemRecord'];
type Material = Schemas['Material'];
type FormField = Schemas['FormField'];
type Condition = Schemas['Condition'];
type ValueRef = Schemas['ValueRef'];
type CrossFieldRule = Schemas['CrossFieldRule'];
export type OnFileDocument = Schemas['Document'];
export type LocalizedText = Schemas['LocalizedText'];
export type Deficiency = Schemas['Deficiency'];
export type MaterialSourceKind = Schemas['MaterialSource']['kind'];

/** How the applicant satisfied one material for one holder. */
export interface SuppliedMaterial {
  readonly materialCode: string;
  /** Whose document this is, for materials with several holders. */
  readonly holderCode?: string;
  readonly source: MaterialSourceKind;
  /** E_LICENSE, SUPPLY_CHAIN: the document on file, as looked up. */
  readonly document?: OnFileDocument;
  /** E_LICENSE, SUPPLY_CHAIN: the derived copy made for this application. */
  readonly derivedCopy?: { readonly derivedCopyId: string; readonly expiresAt: string };
  /** SCAN: the scanned file. */
  readonly scan?: { readonly pages: number; readonly sha256: string; readonly bytes: number };
  /** COMMITMENT: when the applicant signed the commitment. */
  readonly commitment?: { readonly signedAt: string };
}

export interface CompletenessInput {
  readonly item: ItemRecord;
  readonly applicant: { readonly type: 'PERSON' | 'ENTERPRISE'; readonly code: string };
  /** Set when an agent applies for an enterprise. */
  readonly agent?: {
    readonly idNumber: string;
    /** How the agent showed the enterprise's authorisation; undefined = not shown. */
    readonly authorisation?: 'ON_FILE' | 'SCAN';
  };
  readonly formData: Readonly<Record<string, unknown>>;
  readonly supplied: readonly SuppliedMaterial[];
  /** The check's local date, YYYY-MM-DD. */
  readonly today: string;
  /** The hall's region (GB/T 2260), for place-of-application rules; unchecked when absent. */
  readonly hallRegion?: string;
}

export interface CompletenessResult {
  readonly engineVersion: string;
  readonly result: 'COMPLETE' | 'INCOMPLETE';
  readonly deficiencies: readonly Deficiency[];
}

const t = (zh: string, en: string): LocalizedText => ({ 'zh-CN': zh, en });

/** A value as text for comparisons: strings and finite numbers; anything else is ''. */
function asText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return '';
}

function present(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value === 'string') return value.trim() !== '';
  if (Array.isArray(value)) return value.length > 0;
  return true;
}

/** Evaluates an item record's condition over the form data. */
export function conditionHolds(
  condition: Condition,
  formData: Readonly<Record<string, unknown>>,
): boolean {
  if ('all' in condition) return condition.all.every((c) => conditionHolds(c, formData));
  if ('any' in condition) return condition.any.some((c) => conditionHolds(c, formData));
  if ('not' in condition) return !conditionHolds(condition.not, formData);
  const value = formData[condition.field];
  const expected = condition.value;
  const compare = (sign: 1 | -1): boolean =>
    typeof value === 'number' && typeof expected === 'number' && sign * (value - expected) > 0;
  const ops: Record<typeof condition.op, () => boolean> = {
    EQ: () => value === expected,
    NE: () => value !== expected,
    IN: () => Array.isArray(expected) && expected.includes(value),
    PRESENT: () => present(value),
    ABSENT: () => !present(value),
    GT: () => compare(1),
    LT: () => compare(-1),
  };
  return ops[condition.op]();
}

/** Whether the material is needed for this form data (OPTIONAL ones never are). */
export function materialNeeded(
  material: Material,
  formData: Readonly<Record<string, unknown>>,
): boolean {
  const { kind, condition } = material.requirement;
  if (kind === 'REQUIRED') return true;
  if (kind === 'OPTIONAL') return false;
  return condition ? conditionHolds(condition, formData) : true;
}

/** Holder codes a material needs one document from each; default the applicant. */
export function materialHolderCodes(
  material: Material,
  input: Pick<CompletenessInput, 'applicant' | 'formData' | 'supplied'>,
): string[] {
  if (!material.holders || material.holders.length === 0) return [input.applicant.code];
  return material.holders.map((ref) => asText(readRef(ref, input)));
}

function readRef(
  ref: ValueRef,
  input: Pick<CompletenessInput, 'applicant' | 'formData' | 'supplied'>,
): unknown {
  switch (ref.source) {
    case 'FORM':
      return input.formData[ref.field];
    case 'APPLICANT':
      return (input.applicant as Record<string, unknown>)[ref.field];
    case 'DOCUMENT': {
      const doc = input.supplied.find(
        (s) => s.materialCode === ref.material && s.document,
      )?.document;
      if (!doc) return undefined;
      if (ref.field === 'holderCode') return doc.holder.code;
      if (ref.field === 'validFrom') return doc.validFrom;
      if (ref.field === 'validUntil') return doc.validUntil;
      return (doc.data as Record<string, unknown>)[ref.field];
    }
  }
}

// ---- form fields --------------------------------------------------------------------------

const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** Mainland plates: province character, letter, 5 (ordinary) or 6 (new energy) characters. */
const PLATE = /^[\u4e00-\u9fa5][A-Z][A-Z0-9]{5,6}$/;
const REGION = /^\d{6}$/;
const PHONE = /^(1\d{10}|0\d{2,3}-?\d{7,8})$/;

function isDate(v: unknown): boolean {
  if (typeof v !== 'string' || !DATE.test(v)) return false;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(v);
}

function isGoodsLines(v: unknown): boolean {
  return (
    Array.isArray(v) &&
    v.length > 0 &&
    v.every(
      (l) =>
        typeof l === 'object' &&
        l !== null &&
        typeof (l as { category?: unknown }).category === 'string' &&
        typeof (l as { quantity?: unknown }).quantity === 'number' &&
        (l as { quantity: number }).quantity > 0,
    )
  );
}

/**
 * Format check per field type: returns the bilingual reason when the value is malformed.
 * Identifier types check their check characters (GB 11643, GB 32100).
 */
const FIELD_FORMATS: Record<
  FormField['type'],
  (v: unknown, f: FormField) => LocalizedText | undefined
> = {
  TEXT: (v) => (typeof v === 'string' ? undefined : t('应为文字', 'must be text')),
  TEXT_LIST: (v) =>
    Array.isArray(v) && v.every((s) => typeof s === 'string')
      ? undefined
      : t('应为文字列表', 'must be a list of text'),
  DATE: (v) =>
    isDate(v) ? undefined : t('应为有效日期（年-月-日）', 'must be a valid date (YYYY-MM-DD)'),
  DATETIME: (v) =>
    typeof v === 'string' && !Number.isNaN(Date.parse(v))
      ? undefined
      : t('应为有效的日期时间', 'must be a valid date and time'),
  INTEGER: (v, f) => numberProblem(v, f, true),
  NUMBER: (v, f) => numberProblem(v, f, false),
  SELECT: (v, f) =>
    (f.options ?? []).some((o) => o.value === v)
      ? undefined
      : t('不是可选的值', 'is not one of the choices'),
  REGION: (v) =>
    typeof v === 'string' && REGION.test(v)
      ? undefined
      : t('应为6位行政区划代码', 'must be a 6-digit region code'),
  PLATE: (v) =>
    typeof v === 'string' && PLATE.test(v.replace(/[\s·.-]/g, '').toUpperCase())
      ? undefined
      : t('不是有效的车辆号牌', 'is not a valid vehicle plate'),
  CREDIT_CODE: (v) =>
    typeof v === 'string' && checkCreditCode(v).ok
      ? undefined
      : t(
          '不是有效的统一社会信用代码（校验位不符）',
          'is not a valid unified social credit code (check character)',
        ),
  ID_NUMBER: (v) =>
    typeof v === 'string' && checkIdNumber(v).ok
      ? undefined
      : t(
          '不是有效的公民身份号码（校验位不符）',
          'is not a valid citizen ID number (check character)',
        ),
  PHONE: (v) =>
    typeof v === 'string' && PHONE.test(v)
      ? undefined
      : t('不是有效的电话号码', 'is not a valid phone number'),
  GOODS_LINES: (v) =>
    isGoodsLines(v)
      ? undefined
      : t(
          '应列明种类、规格和数量（数量大于0）',
          'must list category, specification and a quantity above 0',
        ),
};

function numberProblem(v: unknown, f: FormField, integer: boolean): LocalizedText | undefined {
  if (typeof v !== 'number' || !Number.isFinite(v) || (integer && !Number.isInteger(v))) {
    return integer ? t('应为整数', 'must be a whole number') : t('应为数字', 'must be a number');
  }
  if (f.min !== undefined && v < f.min) return t(`不应小于${f.min}`, `must be at least ${f.min}`);
  if (f.max !== undefined && v > f.max) return t(`不应大于${f.max}`, `must be at most ${f.max}`);
  return undefined;
}

function formFieldDeficiencies(
  item: ItemRecord,
  formData: Readonly<Record<string, unknown>>,
): Deficiency[] {
  const out: Deficiency[] = [];
  for (const f of item.formFields) {
    const value = formData[f.key];
    const needed =
      f.required || (f.requiredWhen ? conditionHolds(f.requiredWhen, formData) : false);
    if (!present(value)) {
      if (needed) {
        out.push({
          code: 'missing-form-field',
          field: f.key,
          message: t(`请填写：${f.label['zh-CN']}`, `Please fill in: ${f.label.en}`),
        });
      }
      continue;
    }
    const problem =
      FIELD_FORMATS[f.type](value, f) ??
      (f.pattern && typeof value === 'string' && !new RegExp(f.pattern, 'u').test(value)
        ? t('格式不符', 'has the wrong format')
        : undefined);
    if (problem) {
      out.push({
        code: 'invalid-form-field',
        field: f.key,
        message: t(`${f.label['zh-CN']}${problem['zh-CN']}`, `${f.label.en} ${problem.en}`),
      });
    }
  }
  return out;
}

// ---- materials ----------------------------------------------------------------------------

function materialDeficiencies(input: CompletenessInput, material: Material): Deficiency[] {
  const formSource = material.sources.find((s) => s.kind === 'FORM');
  if (formSource) {
    // Filled in on the form: satisfied when its fields are (their own checks name them).
    const complete = (formSource.formFields ?? []).every((f) => present(input.formData[f]));
    if (complete || material.sources.length === 1) return [];
  }

  const holders = materialHolderCodes(material, input);
  const out: Deficiency[] = [];
  for (const holderCode of holders) {
    const candidates = input.supplied.filter((s) => s.materialCode === material.code);
    const supplied =
      candidates.find((s) => s.holderCode === holderCode) ??
      (holders.length === 1 ? candidates.find((s) => s.holderCode === undefined) : undefined);
    const base = { materialCode: material.code, ...(holders.length > 1 ? { holderCode } : {}) };
    if (!supplied) {
      out.push({
        ...base,
        code: 'missing-material',
        message: t(`缺少材料：${material.name['zh-CN']}`, `Missing material: ${material.name.en}`),
      });
      continue;
    }
    for (const problem of suppliedProblems(input, material, supplied, holderCode)) {
      out.push({ ...base, ...problem });
    }
  }
  return out;
}

type Problem = { code: string; message: LocalizedText };

function suppliedProblems(
  input: CompletenessInput,
  material: Material,
  supplied: SuppliedMaterial,
  holderCode: string,
): Problem[] {
  const name = material.name;
  const source = material.sources.find((s) => s.kind === supplied.source);
  if (!source) {
    return [
      {
        code: 'source-not-accepted',
        message: t(`${name['zh-CN']}不能以此方式提供`, `${name.en} cannot be supplied this way`),
      },
    ];
  }
  switch (supplied.source) {
    case 'E_LICENSE':
    case 'SUPPLY_CHAIN':
      return documentProblems(input, material, source, supplied, holderCode);
    case 'SCAN':
      return scanProblems(material, supplied);
    case 'COMMITMENT':
      return supplied.commitment
        ? []
        : [
            {
              code: 'commitment-unsigned',
              message: t(
                `${name['zh-CN']}：告知承诺书未签署`,
                `${name.en}: the commitment is not signed`,
              ),
            },
          ];
    case 'FORM':
      return [];
  }
}

function documentProblems(
  input: CompletenessInput,
  material: Material,
  source: Schemas['MaterialSource'],
  supplied: SuppliedMaterial,
  holderCode: string,
): Problem[] {
  const name = material.name;
  const doc = supplied.document;
  const kindOk =
    doc !== undefined &&
    (supplied.source === 'E_LICENSE'
      ? doc.kind === 'E_LICENSE' && (source.licenseTypes ?? []).includes(doc.licenseType ?? '')
      : (source.recordKinds ?? []).some((k) => k === doc.kind));
  if (!doc || !kindOk) {
    return [
      {
        code: 'document-mismatch',
        message: t(
          `${name['zh-CN']}：所选证照类型不符`,
          `${name.en}: the document is of the wrong type`,
        ),
      },
    ];
  }
  const out: Problem[] = [];
  if (supplied.source === 'E_LICENSE' && !checkELicenseIdentifier(doc.documentId).ok) {
    out.push({
      code: 'license-identifier-invalid',
      message: t(
        `${name['zh-CN']}：电子证照标识不符合规范（校验位不符）`,
        `${name.en}: the e-license identifier is malformed (check character)`,
      ),
    });
  }
  if (doc.holder.code !== holderCode) {
    out.push({
      code: 'document-holder-mismatch',
      message: t(
        `${name['zh-CN']}：证照持有人不符`,
        `${name.en}: the document belongs to someone else`,
      ),
    });
  }
  if (doc.status === 'REVOKED') {
    out.push({
      code: 'document-revoked',
      message: t(`${name['zh-CN']}：证照已注销`, `${name.en}: the document has been revoked`),
    });
  }
  const validity = validityProblem(input, material, doc);
  if (validity) out.push(validity);
  if (supplied.derivedCopy && supplied.derivedCopy.expiresAt.slice(0, 10) < input.today) {
    out.push({
      code: 'derived-copy-expired',
      message: t(
        `${name['zh-CN']}：用证副本已过期，请重新调取`,
        `${name.en}: the derived copy has expired; fetch it again`,
      ),
    });
  }
  return out;
}

/**
 * Validity over the whole period applied for: the document must start on or before the
 * period's first day and end on or after its last day (and be valid today when the item asks).
 */
function validityProblem(
  input: CompletenessInput,
  material: Material,
  doc: OnFileDocument,
): Problem | undefined {
  const name = material.name;
  const v = material.validity;
  const until = doc.validUntil;
  const endsBefore = (date: string): boolean => until !== null && until < date;
  const from = v?.coversFrom ? readRef(v.coversFrom, input) : undefined;
  const to = v?.coversUntil ? readRef(v.coversUntil, input) : undefined;
  const periodStart = typeof from === 'string' && isDate(from) ? from : undefined;
  const periodEnd = typeof to === 'string' && isDate(to) ? to : undefined;
  const expiredToday =
    doc.status === 'EXPIRED' || (v?.validOnSubmission === true && endsBefore(input.today));
  const uncovered =
    (periodEnd !== undefined && endsBefore(periodEnd)) ||
    (periodStart !== undefined && doc.validFrom > periodStart);
  if (expiredToday || uncovered) {
    const end = until ?? '长期';
    return {
      code: 'document-validity',
      message: t(
        `${name['zh-CN']}的有效期（${doc.validFrom}至${end}）未覆盖所申请的整个期间`,
        `${name.en} is valid ${doc.validFrom} to ${until ?? 'no end date'}, which does not cover the whole period applied for`,
      ),
    };
  }
  if (v?.maxAgeDays !== undefined) {
    const ageDays =
      (Date.parse(`${input.today}T00:00:00Z`) - Date.parse(`${doc.issuedOn}T00:00:00Z`)) /
      86_400_000;
    if (ageDays > v.maxAgeDays) {
      return {
        code: 'document-too-old',
        message: t(
          `${name['zh-CN']}须为${v.maxAgeDays}日内出具`,
          `${name.en} must have been issued within ${v.maxAgeDays} days`,
        ),
      };
    }
  }
  return undefined;
}

function scanProblems(material: Material, supplied: SuppliedMaterial): Problem[] {
  const name = material.name;
  const pages = material.pages;
  const count = supplied.scan?.pages ?? 0;
  const min = Math.max(1, pages?.min ?? 1);
  if (count < min) {
    return [
      {
        code: count === 0 ? 'scan-missing' : 'scan-too-few-pages',
        message:
          count === 0
            ? t(`${name['zh-CN']}：尚未扫描`, `${name.en}: not scanned yet`)
            : t(
                `${name['zh-CN']}：应至少扫描${min}页，现有${count}页`,
                `${name.en}: scan at least ${min} pages (${count} so far)`,
              ),
      },
    ];
  }
  if (pages?.max !== undefined && count > pages.max) {
    return [
      {
        code: 'scan-too-many-pages',
        message: t(
          `${name['zh-CN']}：最多${pages.max}页，现有${count}页`,
          `${name.en}: at most ${pages.max} pages (${count} scanned)`,
        ),
      },
    ];
  }
  return [];
}

// ---- cross-field rules ----------------------------------------------------------------------

const normalise = (v: unknown): string =>
  asText(v)
    .toUpperCase()
    .replace(/[\s·.-]/g, '');

interface GoodsLine {
  category: string;
  specification?: string;
  quantity: number;
}

function goodsLines(v: unknown): GoodsLine[] | undefined {
  return Array.isArray(v) && isGoodsLines(v) ? (v as GoodsLine[]) : undefined;
}

const CROSS_FIELD_CHECKS: Record<
  CrossFieldRule['kind'],
  (left: unknown, right: unknown) => boolean
> = {
  EQUALS: (l, r) => normalise(l) === normalise(r),
  DATE_ORDER: (l, r) => asText(l) <= asText(r),
  QUANTITY_AT_MOST: (l, r) => {
    const shipped = goodsLines(l);
    const allowed = goodsLines(r);
    if (!shipped || !allowed) return !(typeof l === 'number' && typeof r === 'number' && l > r);
    return shipped.every((line) => {
      const match = allowed.find(
        (a) =>
          a.category === line.category && (a.specification ?? '') === (line.specification ?? ''),
      );
      return match !== undefined && line.quantity <= match.quantity;
    });
  },
};

/**
 * Whether a document on file agrees with the form for a material: every EQUALS rule that
 * compares a form answer with this material's document holds (or cannot be read yet). Used to
 * propose the one vehicle certificate whose plate the applicant typed, among a carrier's many.
 */
export function documentFitsForm(
  item: ItemRecord,
  formData: Readonly<Record<string, unknown>>,
  materialCode: string,
  document: OnFileDocument,
): boolean {
  const input = {
    applicant: { type: 'ENTERPRISE' as const, code: '' },
    formData,
    supplied: [{ materialCode, holderCode: document.holder.code, source: 'E_LICENSE', document }],
  } as Pick<CompletenessInput, 'applicant' | 'formData' | 'supplied'>;
  return item.crossFieldRules.every((rule) => {
    if (rule.kind !== 'EQUALS') return true;
    const sides = [rule.left, rule.right];
    const onDoc = sides.find((r) => r.source === 'DOCUMENT' && r.material === materialCode);
    const onForm = sides.find((r) => r.source === 'FORM');
    if (!onDoc || !onForm) return true;
    if (rule.appliesWhen && !conditionHolds(rule.appliesWhen, formData)) return true;
    const left = readRef(onForm, input);
    const right = readRef(onDoc, input);
    return !present(left) || !present(right) || CROSS_FIELD_CHECKS.EQUALS(left, right);
  });
}

function crossFieldDeficiencies(input: CompletenessInput): Deficiency[] {
  const out: Deficiency[] = [];
  for (const rule of input.item.crossFieldRules) {
    if (rule.appliesWhen && !conditionHolds(rule.appliesWhen, input.formData)) continue;
    const left = readRef(rule.left, input);
    const right = readRef(rule.right, input);
    // Unreadable (not filled in, or only a scan): the missing value is reported elsewhere or
    // left to the reviewing department.
    if (!present(left) || !present(right)) continue;
    if (!CROSS_FIELD_CHECKS[rule.kind](left, right)) {
      out.push({
        code: rule.code,
        ...(rule.left.source === 'FORM' ? { field: rule.left.field } : {}),
        ...(rule.right.material ? { materialCode: rule.right.material } : {}),
        message: rule.message,
      });
    }
  }
  return out;
}

// ---- the check ------------------------------------------------------------------------------

function applicantDeficiencies(input: CompletenessInput): Deficiency[] {
  const out: Deficiency[] = [];
  const { item, applicant } = input;
  if (!item.applicantTypes.includes(applicant.type)) {
    out.push({
      code: 'applicant-type-not-accepted',
      message:
        applicant.type === 'PERSON'
          ? t('本事项须由单位申请', 'This item must be applied for by an organisation')
          : t('本事项须由个人申请', 'This item must be applied for by a person'),
    });
  }
  const codeOk =
    applicant.type === 'PERSON'
      ? checkIdNumber(applicant.code).ok
      : checkCreditCode(applicant.code).ok;
  if (!codeOk) {
    out.push({
      code: 'applicant-identifier-invalid',
      message:
        applicant.type === 'PERSON'
          ? t(
              '申请人公民身份号码无效（校验位不符）',
              "The applicant's ID number is invalid (check character)",
            )
          : t(
              '申请单位统一社会信用代码无效（校验位不符）',
              "The organisation's credit code is invalid (check character)",
            ),
    });
  }
  if (applicant.type === 'ENTERPRISE' && input.agent && input.agent.authorisation === undefined) {
    out.push({
      code: 'agent-authorisation-missing',
      message: t(
        '经办人须出示单位的授权委托（已备案或扫描）',
        "The agent must show the organisation's authorisation (on file or scanned)",
      ),
    });
  }
  if (input.agent && !checkIdNumber(input.agent.idNumber).ok) {
    out.push({
      code: 'agent-identifier-invalid',
      message: t(
        '经办人公民身份号码无效（校验位不符）',
        "The agent's ID number is invalid (check character)",
      ),
    });
  }
  const place = item.placeOfApplication;
  if (
    input.hallRegion !== undefined &&
    place.rule === 'ORIGIN_OR_DESTINATION' &&
    (place.regionFields ?? []).some((f) => present(input.formData[f])) &&
    !(place.regionFields ?? []).some((f) => input.formData[f] === input.hallRegion)
  ) {
    out.push({
      code: 'wrong-place-of-application',
      message: t(
        '本事项应向起运地或运达地的机关申请，本大厅不能受理',
        'Apply where the trip starts or ends; this hall cannot accept it',
      ),
    });
  }
  return out;
}

/** Runs every rule of the item record and returns the complete list of deficiencies. */
export function checkCompleteness(input: CompletenessInput): CompletenessResult {
  const deficiencies = [
    ...applicantDeficiencies(input),
    ...formFieldDeficiencies(input.item, input.formData),
    ...input.item.materials
      .filter((m) => materialNeeded(m, input.formData))
      .flatMap((m) => materialDeficiencies(input, m)),
    ...crossFieldDeficiencies(input),
  ];
  return {
    engineVersion: COMPLETENESS_ENGINE_VERSION,
    result: deficiencies.length === 0 ? 'COMPLETE' : 'INCOMPLETE',
    deficiencies,
  };
}
