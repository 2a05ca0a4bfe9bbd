/**
 * The sandbox's view of the records openapi.yaml defines. The sandbox may not import the
 * kiosk's generated client types (layering: sandbox imports drivers/common only), so the
 * shapes it builds are typed here and checked against the spec by its tests.
 */

export interface LocalizedText {
  readonly 'zh-CN': string;
  readonly en: string;
}

export type HolderType = 'PERSON' | 'ENTERPRISE';

export interface HolderRef {
  readonly type: HolderType;
  readonly code: string;
}

export interface Purpose {
  readonly itemCode: string;
  readonly businessId: string;
  readonly terminalId: string;
}

export type Condition =
  | { readonly all: readonly Condition[] }
  | { readonly any: readonly Condition[] }
  | { readonly not: Condition }
  | {
      readonly field: string;
      readonly op: 'EQ' | 'NE' | 'IN' | 'PRESENT' | 'ABSENT' | 'GT' | 'LT';
      readonly value?: unknown;
    };

export interface ValueRef {
  readonly source: 'FORM' | 'APPLICANT' | 'DOCUMENT';
  readonly material?: string;
  readonly field: string;
}

export interface MaterialSource {
  readonly kind: 'E_LICENSE' | 'SUPPLY_CHAIN' | 'SCAN' | 'COMMITMENT' | 'FORM';
  readonly licenseTypes?: readonly string[];
  readonly recordKinds?: readonly ('PURCHASE_CONTRACT' | 'QUALITY_CERTIFICATE')[];
  readonly formFields?: readonly string[];
  readonly trustLevel: 'A' | 'B' | 'C' | 'D';
}

export interface Material {
  readonly code: string;
  readonly name: LocalizedText;
  readonly originals: number;
  readonly copies: number;
  readonly issuer: LocalizedText;
  readonly medium: 'PAPER' | 'ELECTRONIC' | 'EITHER';
  readonly requirement: {
    readonly kind: 'REQUIRED' | 'CONDITIONAL' | 'OPTIONAL';
    readonly condition?: Condition;
    readonly explanation?: LocalizedText;
  };
  readonly sources: readonly MaterialSource[];
  readonly holders?: readonly ValueRef[];
  readonly validity?: {
    readonly coversFrom?: ValueRef;
    readonly coversUntil?: ValueRef;
    readonly validOnSubmission?: boolean;
    readonly maxAgeDays?: number;
  };
  /** Page limits of a scan of this material; absent means at least one page. */
  readonly pages?: { readonly min?: number; readonly max?: number };
  readonly notes?: LocalizedText;
}

export interface FormField {
  readonly key: string;
  readonly label: LocalizedText;
  readonly type:
    | 'TEXT'
    | 'TEXT_LIST'
    | 'DATE'
    | 'DATETIME'
    | 'INTEGER'
    | 'NUMBER'
    | 'SELECT'
    | 'REGION'
    | 'PLATE'
    | 'CREDIT_CODE'
    | 'ID_NUMBER'
    | 'PHONE'
    | 'GOODS_LINES';
  readonly required: boolean;
  readonly requiredWhen?: Condition;
  readonly options?: readonly { readonly value: string; readonly label: LocalizedText }[];
  readonly pattern?: string;
  readonly min?: number;
  readonly max?: number;
  readonly unit?: string;
  readonly prefillFrom?: 'APPLICANT' | 'AGENT' | 'PREVIOUS_APPLICATION';
}

export interface CrossFieldRule {
  readonly code: string;
  readonly kind: 'EQUALS' | 'QUANTITY_AT_MOST' | 'DATE_ORDER';
  readonly left: ValueRef;
  readonly right: ValueRef;
  readonly appliesWhen?: Condition;
  readonly message: LocalizedText;
}

export interface LegalBasis {
  readonly title: LocalizedText;
  readonly article: string;
  readonly text?: LocalizedText;
}

export interface Fee {
  readonly charged: boolean;
  readonly amountFen?: number;
  readonly basis?: LocalizedText;
}

export interface SpecialStep {
  readonly code: string;
  readonly name: LocalizedText;
  readonly maxWorkingDays: number;
  readonly legalBasis?: LegalBasis;
  readonly fee?: Fee;
  readonly countsTowardLimit: boolean;
  readonly appliesWhen?: Condition;
}

/**
 * How the result reaches the applicant (结果送达方式): picked up at the hall, posted, or
 * issued as an electronic license to the license library.
 */
export type DeliveryKind = 'PICK_UP' | 'POST' | 'E_LICENSE';

/** One way an item delivers its result; exactly one option of an item is the default. */
export interface DeliveryOption {
  readonly kind: DeliveryKind;
  /** Where to pick it up, who pays the postage, where the e-license appears. */
  readonly detail: LocalizedText;
  readonly isDefault: boolean;
}

export interface Department {
  readonly code: string;
  readonly name: LocalizedText;
}

export interface ItemRecord {
  readonly implementCode: string;
  readonly basicCode: string;
  readonly handlingItemCode: string;
  readonly version: number;
  readonly effectiveFrom: string;
  readonly name: LocalizedText;
  readonly kind: 'LICENSING' | 'CONFIRMATION' | 'REGISTRATION' | 'PUBLIC_SERVICE' | 'OTHER';
  readonly category: string;
  readonly agency: {
    readonly name: LocalizedText;
    readonly nature: 'STATUTORY' | 'AUTHORISED' | 'ENTRUSTED';
    readonly creditCode: string;
    readonly level: 'PROVINCE' | 'CITY' | 'COUNTY';
    readonly regionCode: string;
  };
  readonly legalBasis: readonly LegalBasis[];
  readonly acceptanceConditions: readonly LocalizedText[];
  readonly applicantTypes: readonly HolderType[];
  readonly placeOfApplication: {
    readonly rule: 'ANY_HALL' | 'APPLICANT_REGION' | 'ORIGIN_OR_DESTINATION' | 'AGENCY_REGION';
    readonly regionFields?: readonly string[];
  };
  readonly formFields: readonly FormField[];
  readonly materials: readonly Material[];
  readonly crossFieldRules: readonly CrossFieldRule[];
  readonly timeLimits: {
    readonly statutoryWorkingDays: number;
    readonly promisedWorkingDays: number;
    readonly countsFrom: 'ACCEPTANCE';
  };
  readonly specialSteps: readonly SpecialStep[];
  readonly departments: readonly Department[];
  readonly fee: Fee;
  readonly visitsToHall: number;
  readonly outcome: {
    readonly kind: 'PERMIT' | 'LICENSE' | 'CERTIFICATE' | 'REGISTRATION' | 'NONE';
    readonly licenseType?: string;
    readonly validity?: {
      readonly kind: 'SINGLE_TRIP' | 'YEARS' | 'PERMANENT';
      readonly years?: number;
    };
  };
  /** How the result may reach the applicant; the applicant chooses one when applying. */
  readonly resultDelivery: readonly DeliveryOption[];
  readonly consultation?: {
    readonly phone?: string;
    readonly hours?: LocalizedText;
    readonly address?: LocalizedText;
  };
  readonly keywords: readonly string[];
}

export interface GoodsLine {
  readonly category: string;
  readonly specification: string;
  readonly quantity: number;
  readonly unit: string;
}

export type DocumentKind = 'E_LICENSE' | 'PURCHASE_CONTRACT' | 'QUALITY_CERTIFICATE';

/** A document on file as stored; `status` is computed on read from the clock. */
export interface StoredDocument {
  readonly documentId: string;
  readonly kind: DocumentKind;
  readonly licenseType?: string;
  readonly typeCode?: string;
  readonly typeName: LocalizedText;
  readonly number: string;
  readonly holder: HolderRef;
  readonly holderName: string;
  readonly issuer: { readonly name: string; readonly creditCode: string };
  readonly issuedOn: string;
  readonly validFrom: string;
  readonly validUntil: string | null;
  readonly revoked?: boolean;
  readonly trustLevel: 'A' | 'B' | 'C' | 'D';
  readonly data: Record<string, unknown>;
}

export interface MaterialSubmission {
  readonly materialCode: string;
  readonly source: 'E_LICENSE' | 'SUPPLY_CHAIN' | 'SCAN' | 'COMMITMENT' | 'FORM';
  readonly documentId?: string;
  readonly derivedCopyId?: string;
  readonly fileId?: string;
  readonly sha256?: string;
  readonly holderCode?: string;
}

export interface Deficiency {
  readonly code: string;
  readonly materialCode?: string;
  readonly field?: string;
  readonly holderCode?: string;
  readonly message: LocalizedText;
}

export interface ApplicationRequest {
  readonly itemImplementCode: string;
  readonly itemVersion: number;
  readonly channel: 'KIOSK';
  readonly terminalId: string;
  readonly applicant: { readonly type: HolderType; readonly code: string; readonly name: string };
  readonly agent?: { readonly idNumber: string; readonly name: string };
  readonly formData: Record<string, unknown>;
  readonly materials: readonly MaterialSubmission[];
  readonly completeness: {
    readonly engineVersion: string;
    readonly result: 'COMPLETE' | 'INCOMPLETE';
    readonly deficiencies: readonly Deficiency[];
  };
  /** The applicant's choice among the item's `resultDelivery`; absent means its default. */
  readonly delivery?: { readonly kind: DeliveryKind; readonly address?: string };
}

export type ApplicationStatusCode =
  | 'SUBMITTED'
  | 'ACCEPTED'
  | 'NOT_ACCEPTED'
  | 'SUPPLEMENT_REQUIRED'
  | 'IN_REVIEW'
  | 'SPECIAL_PROCEDURE'
  | 'APPROVED'
  | 'REJECTED'
  | 'ISSUED'
  | 'WITHDRAWN';

export type PermitState = 'ISSUED' | 'IN_TRANSIT' | 'CANCELLED_ON_ARRIVAL' | 'EXPIRED' | 'REVOKED';

/** A terminal the sandbox accepts signed requests from. */
export interface TerminalEntry {
  readonly id: string;
  readonly keyId: string;
  /** 64 hex characters (32 bytes), as in the kiosk's key file. */
  readonly key: string;
  /** GB/T 2260 code of the hall's county, for place-of-application rules. */
  readonly regionCode?: string;
}
