/**
 * Generated from sandbox/openapi.yaml by electron/service/approval/generate-types.ts.
 * Do not edit: change the spec and regenerate.
 */
export interface paths {
  '/v1/health': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Liveness of the API; unsigned. */
    get: operations['getHealth'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/permit-keys': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Public keys that verify permit signatures offline; unsigned. */
    get: operations['listPermitKeys'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/items': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Search the catalogue (latest version of each item). */
    get: operations['listItems'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/catalogue/records': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Full item records (latest versions) page by page, for a kiosk's offline catalogue cache.
     * @description Pages are ordered by implementation code and stable for one `catalogueVersion`; the ETag
     *     names the version and the page, so a kiosk refreshes only when the catalogue changed.
     */
    get: operations['listItemRecords'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/items/{implementCode}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The latest version of one item record, fetched conditionally. */
    get: operations['getItem'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/items/{implementCode}/versions/{version}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** One exact version of an item record (immutable once published). */
    get: operations['getItemVersion'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/documents/lookup': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Documents on file for a holder (e-licenses and supply-chain records), bound to a purpose.
     * @description Read-only despite POST: the holder's code travels in the body, not the URL, so it never
     *     lands in access logs. Every lookup is recorded with its purpose (item, business id,
     *     terminal) for the "安全用证" audit. Safe to retry.
     */
    post: operations['lookupDocuments'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/documents/{documentId}/preview': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** A masked preview the applicant looks at before the document is used. Safe to retry. */
    post: operations['previewDocument'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/documents/{documentId}/derived-copies': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** A purpose-limited, expiring derived copy (加注件). Each call makes a new copy; not retried. */
    post: operations['createDerivedCopy'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/derived-copies/{derivedCopyId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A derived copy's metadata and whether it is still valid. */
    get: operations['getDerivedCopy'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/files': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Upload one scanned material as raw bytes; applications refer to the returned file id.
     * @description Content-addressed per terminal: uploading the same bytes again returns the same file
     *     (200) instead of a new one (201), so the upload is safe to retry.
     */
    post: operations['uploadFile'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/applications': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Submit an application, exactly once per Idempotency-Key.
     * @description Idempotency (draft-ietf-httpapi-idempotency-key-header), keys scoped to the terminal:
     *     same key and same body replays the stored response with `Idempotent-Replayed: true`;
     *     same key with another body is 422; a first request with that key still being processed
     *     is 409 with `Retry-After`; no key is 400. Stored responses are kept 30 days.
     */
    post: operations['createApplication'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/applications/search': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** An applicant's past applications, newest first, for status and for prefilling a repeat. Safe to retry. */
    post: operations['searchApplications'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/applications/{applicationId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Full status of one application. */
    get: operations['getApplication'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/applications/by-tracking-number/{trackingNumber}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Status by the tracking number printed on the receipt. */
    get: operations['getApplicationByTrackingNumber'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/applications/{applicationId}/supplements': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Answer a supplement request with the missing materials (same idempotency rules). */
    post: operations['submitSupplement'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/identities/resolve': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Resolve a government-app sign-in code (HKA1) scanned at the kiosk to the person. One use per code. */
    post: operations['resolveAppIdentity'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/sandbox/app-identity-codes': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Sandbox only — plays the government app and issues a sign-in code for a known person (demo and dev dock). */
    post: operations['issueAppIdentityCode'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/sandbox/permit-codes': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Sandbox only — plays a permit holder and shows the code of a permit in the asked live state (demo and dev dock).
     * @description Returns the most recently issued permit whose live state (at the sandbox's now) is
     *     `state`, signed with the sandbox's published permit key. The seed issues one that has
     *     arrived (CANCELLED_ON_ARRIVAL), one whose window closed (EXPIRED) and one in transit.
     *     When no permit is ISSUED or IN_TRANSIT any more (a demo data directory older than the
     *     seed's trip), the sandbox issues a fresh demo permit in that state, so asking again
     *     returns the same one. 404 when no permit is in a state the sandbox cannot make.
     */
    get: operations['getSandboxPermitCode'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/permits/verify': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Verify a scanned permit code — signature and live state. Safe to retry. */
    post: operations['verifyPermit'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/batches/trace': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Trace a scanned goods batch code through its flow events. Safe to retry. */
    post: operations['traceBatch'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/recommendations': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Items to offer an identified applicant (repeat applications, licenses about to expire). Safe to retry. */
    post: operations['getRecommendations'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/ratings/{ratingId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    /** Record a rating (好差评, one per visit). The client picks the id, so a retry is harmless. */
    put: operations['putRating'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/terminals/{terminalId}/heartbeat': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    /** The terminal reports it is alive and how its devices are. */
    put: operations['putHeartbeat'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/admin/clock': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Sandbox clock (test-clock mode only). */
    get: operations['getClock'];
    put?: never;
    /** Move the sandbox clock forward (test-clock mode only); due reviews run at once. */
    post: operations['moveClock'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/admin/flow-events': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Record a flow event for a batch, e.g. booked into the destination warehouse (test-clock mode only). */
    post: operations['recordFlowEvent'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
}
export type webhooks = Record<string, never>;
export interface components {
  schemas: {
    LocalizedText: {
      'zh-CN': string;
      en: string;
    };
    Uuid: string;
    OpaqueId: string;
    Sha256: string;
    /** @description GB/T 2260 administrative division code. */
    RegionCode: string;
    /** @description Opaque implementation code of an item (format differs by province). */
    ImplementCode: string;
    DocumentId: string;
    TerminalId: string;
    /** @description Upper-case letters, digits and inner hyphens (drivers/common/codes.ts). */
    TrackingNumber: string;
    /** Format: date */
    Date: string;
    /** Format: date-time */
    DateTime: string;
    Problem: {
      type: string;
      title: string;
      status: number;
      detail?: string;
      /** @description Stable machine-readable error code. */
      code: string;
      instance?: string;
      errors?: {
        path: string;
        message: string;
      }[];
    };
    Health: {
      /** @enum {string} */
      status: 'ok';
      time: components['schemas']['DateTime'];
    };
    /** @description Whose documents; PERSON uses the citizen ID number, ENTERPRISE the unified social credit code. */
    HolderRef: {
      /** @enum {string} */
      type: 'PERSON' | 'ENTERPRISE';
      code: string;
    };
    /** @description Why the documents are read; recorded with every access. */
    Purpose: {
      itemCode: components['schemas']['ImplementCode'];
      businessId: string;
      terminalId: components['schemas']['TerminalId'];
    };
    ItemPage: {
      items: components['schemas']['ItemSummary'][];
      total: number;
      page: number;
      pageSize: number;
      catalogueVersion: number;
    };
    ItemRecordPage: {
      records: components['schemas']['ItemRecord'][];
      total: number;
      page: number;
      pageSize: number;
      catalogueVersion: number;
    };
    ItemSummary: {
      implementCode: components['schemas']['ImplementCode'];
      version: number;
      name: components['schemas']['LocalizedText'];
      category: string;
      agencyName: components['schemas']['LocalizedText'];
      regionCode: components['schemas']['RegionCode'];
      visitsToHall: number;
      promisedWorkingDays: number;
      feeCharged: boolean;
      resultDelivery: components['schemas']['ResultDelivery'];
    };
    /**
     * @description One approval item (事项) with the standard item elements. Versioned: a published
     *     version never changes; a change is a new version. Completeness rules are data here:
     *     material requirements with conditions, the document sources and license types that
     *     satisfy each material, validity windows, and cross-field rules.
     */
    ItemRecord: {
      implementCode: components['schemas']['ImplementCode'];
      basicCode: string;
      handlingItemCode: string;
      version: number;
      effectiveFrom: components['schemas']['Date'];
      name: components['schemas']['LocalizedText'];
      /**
       * @description 许可 licensing, 确认 confirmation, 登记 registration, 公共服务 public service, 其他 other.
       * @enum {string}
       */
      kind: 'LICENSING' | 'CONFIRMATION' | 'REGISTRATION' | 'PUBLIC_SERVICE' | 'OTHER';
      category: string;
      agency: components['schemas']['Agency'];
      legalBasis: components['schemas']['LegalBasis'][];
      acceptanceConditions: components['schemas']['LocalizedText'][];
      applicantTypes: ('PERSON' | 'ENTERPRISE')[];
      placeOfApplication: components['schemas']['PlaceOfApplication'];
      formFields: components['schemas']['FormField'][];
      materials: components['schemas']['Material'][];
      crossFieldRules: components['schemas']['CrossFieldRule'][];
      timeLimits: components['schemas']['TimeLimits'];
      specialSteps: components['schemas']['SpecialStep'][];
      /** @description Departments that review in parallel after acceptance. */
      departments: components['schemas']['Department'][];
      fee: components['schemas']['Fee'];
      /** @description 到现场大厅次数 — visits the applicant makes to a hall (0 = none, 1 = 最多跑一次). */
      visitsToHall: number;
      outcome: components['schemas']['ItemOutcome'];
      resultDelivery: components['schemas']['ResultDelivery'];
      consultation?: components['schemas']['Consultation'];
      keywords: string[];
    };
    Agency: {
      name: components['schemas']['LocalizedText'];
      /**
       * @description 法定机关 statutory, 授权组织 authorised, 受委托单位 entrusted.
       * @enum {string}
       */
      nature: 'STATUTORY' | 'AUTHORISED' | 'ENTRUSTED';
      creditCode: string;
      /** @enum {string} */
      level: 'PROVINCE' | 'CITY' | 'COUNTY';
      regionCode: components['schemas']['RegionCode'];
    };
    LegalBasis: {
      title: components['schemas']['LocalizedText'];
      article: string;
      text?: components['schemas']['LocalizedText'];
    };
    /** @description Where the application may be made; ORIGIN_OR_DESTINATION names the form fields holding the two regions. */
    PlaceOfApplication: {
      /** @enum {string} */
      rule: 'ANY_HALL' | 'APPLICANT_REGION' | 'ORIGIN_OR_DESTINATION' | 'AGENCY_REGION';
      regionFields?: string[];
    };
    FormField: {
      key: string;
      label: components['schemas']['LocalizedText'];
      /** @enum {string} */
      type:
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
      required: boolean;
      requiredWhen?: components['schemas']['Condition'];
      options?: {
        value: string;
        label: components['schemas']['LocalizedText'];
      }[];
      pattern?: string;
      min?: number;
      max?: number;
      unit?: string;
      /**
       * @description Where the kiosk may take a default value from.
       * @enum {string}
       */
      prefillFrom?: 'APPLICANT' | 'AGENT' | 'PREVIOUS_APPLICATION';
    };
    /** @description A predicate over form data, as data. Leaves compare one form field. */
    Condition:
      | {
          all: components['schemas']['Condition'][];
        }
      | {
          any: components['schemas']['Condition'][];
        }
      | {
          not: components['schemas']['Condition'];
        }
      | {
          field: string;
          /** @enum {string} */
          op: 'EQ' | 'NE' | 'IN' | 'PRESENT' | 'ABSENT' | 'GT' | 'LT';
          value?: unknown;
        };
    /**
     * @description A value a rule reads. FORM: a form field by key. APPLICANT: `code`, `name` or `type`.
     *     DOCUMENT: a field of the document supplied for material `material` (its `data` fields,
     *     or `validFrom`, `validUntil`, `holderCode`).
     */
    ValueRef: {
      /** @enum {string} */
      source: 'FORM' | 'APPLICANT' | 'DOCUMENT';
      material?: string;
      field: string;
    };
    Material: {
      code: string;
      name: components['schemas']['LocalizedText'];
      originals: number;
      copies: number;
      issuer: components['schemas']['LocalizedText'];
      /** @enum {string} */
      medium: 'PAPER' | 'ELECTRONIC' | 'EITHER';
      requirement: components['schemas']['MaterialRequirement'];
      /** @description Ways the material can be satisfied, preferred first. */
      sources: components['schemas']['MaterialSource'][];
      /** @description Whose document it must be; one document per holder. Default is the applicant. */
      holders?: components['schemas']['ValueRef'][];
      validity?: components['schemas']['MaterialValidity'];
      /** @description Page limits of a scan of this material; absent means at least one page. */
      pages?: {
        min?: number;
        max?: number;
      };
      notes?: components['schemas']['LocalizedText'];
    };
    MaterialRequirement: {
      /** @enum {string} */
      kind: 'REQUIRED' | 'CONDITIONAL' | 'OPTIONAL';
      condition?: components['schemas']['Condition'];
      explanation?: components['schemas']['LocalizedText'];
    };
    MaterialSource: {
      /** @enum {string} */
      kind: 'E_LICENSE' | 'SUPPLY_CHAIN' | 'SCAN' | 'COMMITMENT' | 'FORM';
      /** @description E_LICENSE only — license type codes that satisfy the material. */
      licenseTypes?: string[];
      /** @description SUPPLY_CHAIN only. */
      recordKinds?: ('PURCHASE_CONTRACT' | 'QUALITY_CERTIFICATE')[];
      /** @description FORM only — the form fields that make up the material. */
      formFields?: string[];
      /**
       * @description 国办函〔2016〕108号 — A issued by the agency, B checked by staff, C uploaded, D self-made under commitment.
       * @enum {string}
       */
      trustLevel: 'A' | 'B' | 'C' | 'D';
    };
    MaterialValidity: {
      coversFrom?: components['schemas']['ValueRef'];
      coversUntil?: components['schemas']['ValueRef'];
      validOnSubmission?: boolean;
      maxAgeDays?: number;
    };
    /**
     * @description EQUALS: left and right must be equal (case and space insensitive).
     *     QUANTITY_AT_MOST: left (goods lines or a number) must not exceed right, per category.
     *     DATE_ORDER: left must be on or before right.
     */
    CrossFieldRule: {
      code: string;
      /** @enum {string} */
      kind: 'EQUALS' | 'QUANTITY_AT_MOST' | 'DATE_ORDER';
      left: components['schemas']['ValueRef'];
      right: components['schemas']['ValueRef'];
      appliesWhen?: components['schemas']['Condition'];
      message: components['schemas']['LocalizedText'];
    };
    TimeLimits: {
      statutoryWorkingDays: number;
      promisedWorkingDays: number;
      /** @enum {string} */
      countsFrom: 'ACCEPTANCE';
    };
    /** @description 特殊环节 — a step that pauses the clock unless it counts toward the limit. */
    SpecialStep: {
      code: string;
      name: components['schemas']['LocalizedText'];
      maxWorkingDays: number;
      legalBasis?: components['schemas']['LegalBasis'];
      fee?: components['schemas']['Fee'];
      countsTowardLimit: boolean;
      appliesWhen?: components['schemas']['Condition'];
    };
    /**
     * @description 结果送达方式 — picked up at the hall, posted, or issued as an electronic license.
     * @enum {string}
     */
    DeliveryKind: 'PICK_UP' | 'POST' | 'E_LICENSE';
    DeliveryOption: {
      kind: components['schemas']['DeliveryKind'];
      /** @description Where to pick it up, who pays the postage, where the electronic license appears. */
      detail: components['schemas']['LocalizedText'];
      isDefault: boolean;
    };
    /**
     * @description How an item's result may reach the applicant, one option per kind; exactly one option is
     *     the default, used when an application names no `delivery`.
     */
    ResultDelivery: components['schemas']['DeliveryOption'][];
    /**
     * @description The applicant's choice among the item's `resultDelivery`. A kind the item does not offer
     *     is refused (422); POST needs `address`, and only POST takes one.
     */
    DeliveryChoice: {
      kind: components['schemas']['DeliveryKind'];
      /** @description Postal address for POST, as confirmed or typed by the applicant. */
      address?: string;
    };
    Department: {
      code: string;
      name: components['schemas']['LocalizedText'];
    };
    Fee: {
      charged: boolean;
      /** @description Amount in fen (0.01 yuan). */
      amountFen?: number;
      basis?: components['schemas']['LocalizedText'];
    };
    ItemOutcome: {
      /** @enum {string} */
      kind: 'PERMIT' | 'LICENSE' | 'CERTIFICATE' | 'REGISTRATION' | 'NONE';
      licenseType?: string;
      validity?: {
        /** @enum {string} */
        kind: 'SINGLE_TRIP' | 'YEARS' | 'PERMANENT';
        years?: number;
      };
    };
    Consultation: {
      phone?: string;
      hours?: components['schemas']['LocalizedText'];
      address?: components['schemas']['LocalizedText'];
    };
    DocumentLookupRequest: {
      holder: components['schemas']['HolderRef'];
      purpose: components['schemas']['Purpose'];
      kinds?: components['schemas']['DocumentKind'][];
      licenseTypes?: string[];
    };
    PurposeRequest: {
      purpose: components['schemas']['Purpose'];
    };
    /** @enum {string} */
    DocumentKind: 'E_LICENSE' | 'PURCHASE_CONTRACT' | 'QUALITY_CERTIFICATE';
    DocumentList: {
      documents: components['schemas']['Document'][];
    };
    Document: {
      documentId: components['schemas']['DocumentId'];
      kind: components['schemas']['DocumentKind'];
      /** @description E_LICENSE only — the license type code (matches MaterialSource.licenseTypes). */
      licenseType?: string;
      /** @description E_LICENSE only — GB/T 36904 type code. */
      typeCode?: string;
      typeName: components['schemas']['LocalizedText'];
      number: string;
      holder: components['schemas']['HolderRef'];
      holderName: string;
      issuer: {
        name: string;
        creditCode: string;
      };
      issuedOn: components['schemas']['Date'];
      validFrom: components['schemas']['Date'];
      /** @description null for documents without an end date. */
      validUntil: components['schemas']['Date'] | null;
      /** @enum {string} */
      status: 'VALID' | 'EXPIRED' | 'REVOKED';
      /** @enum {string} */
      trustLevel: 'A' | 'B' | 'C' | 'D';
      /** @description Structured fields rules read (plate number, goods lines, counterparty, ...). */
      data: {
        [key: string]: unknown;
      };
    };
    DocumentPreview: {
      documentId: components['schemas']['DocumentId'];
      typeName: components['schemas']['LocalizedText'];
      lines: {
        label: components['schemas']['LocalizedText'];
        value: string;
      }[];
      watermark: components['schemas']['LocalizedText'];
    };
    DerivedCopyRequest: {
      purpose: components['schemas']['Purpose'];
      cause: string;
      validDays: number;
    };
    DerivedCopy: {
      derivedCopyId: components['schemas']['OpaqueId'];
      documentId: components['schemas']['DocumentId'];
      purpose: components['schemas']['Purpose'];
      cause: string;
      createdAt: components['schemas']['DateTime'];
      expiresAt: components['schemas']['DateTime'];
      /** @description Digest of the derived copy's canonical content. */
      sha256: components['schemas']['Sha256'];
      watermark: components['schemas']['LocalizedText'];
      /** @enum {string} */
      state: 'VALID' | 'EXPIRED';
    };
    FileRecord: {
      fileId: components['schemas']['OpaqueId'];
      sha256: components['schemas']['Sha256'];
      size: number;
      /** @enum {string} */
      mediaType: 'application/pdf' | 'image/jpeg' | 'image/png';
      fileName?: string;
      createdAt: components['schemas']['DateTime'];
      /** @description Unreferenced files may be deleted after this time (the sandbox keeps them). */
      expiresAt: components['schemas']['DateTime'];
    };
    /** @enum {string} */
    ApplicationStatusCode:
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
    Applicant: {
      /** @enum {string} */
      type: 'PERSON' | 'ENTERPRISE';
      code: string;
      name: string;
    };
    Agent: {
      idNumber: string;
      name: string;
    };
    MaterialSubmission: {
      materialCode: string;
      /** @enum {string} */
      source: 'E_LICENSE' | 'SUPPLY_CHAIN' | 'SCAN' | 'COMMITMENT' | 'FORM';
      documentId?: components['schemas']['DocumentId'];
      derivedCopyId?: components['schemas']['OpaqueId'];
      fileId?: components['schemas']['OpaqueId'];
      sha256?: components['schemas']['Sha256'];
      /** @description Whose document this is, when the material has several holders. */
      holderCode?: string;
    };
    Deficiency: {
      code: string;
      materialCode?: string;
      field?: string;
      holderCode?: string;
      message: components['schemas']['LocalizedText'];
    };
    ApplicationRequest: {
      itemImplementCode: components['schemas']['ImplementCode'];
      itemVersion: number;
      /** @enum {string} */
      channel: 'KIOSK';
      terminalId: components['schemas']['TerminalId'];
      applicant: components['schemas']['Applicant'];
      agent?: components['schemas']['Agent'];
      /** @description Answers keyed by the item's form field keys (flat, e.g. `trip.startDate`). */
      formData: {
        [key: string]: unknown;
      };
      materials: components['schemas']['MaterialSubmission'][];
      completeness: {
        engineVersion: string;
        /** @enum {string} */
        result: 'COMPLETE' | 'INCOMPLETE';
        deficiencies: components['schemas']['Deficiency'][];
      };
      /** @description How the result reaches the applicant; absent means the item's default option. */
      delivery?: components['schemas']['DeliveryChoice'];
    };
    ApplicationCreated: {
      applicationId: components['schemas']['OpaqueId'];
      trackingNumber: components['schemas']['TrackingNumber'];
      status: components['schemas']['ApplicationStatusCode'];
      statusUrl: string;
      /** @description Text for the receipt's QR code; scanning it at a kiosk opens the status. */
      receiptQrPayload: string;
      submittedAt: components['schemas']['DateTime'];
    };
    DepartmentReview: {
      department: components['schemas']['Department'];
      /** @enum {string} */
      state: 'WAITING' | 'IN_REVIEW' | 'SUPPLEMENT_REQUESTED' | 'APPROVED' | 'REJECTED';
      startedAt?: components['schemas']['DateTime'];
      completedAt?: components['schemas']['DateTime'];
      opinion?: components['schemas']['LocalizedText'];
    };
    Deadline: {
      workingDays: number;
      /** @description Working days the clock stood still (supplements, special procedures). */
      pausedWorkingDays: number;
      dueDate: components['schemas']['Date'];
      /** @description Working days left after today; negative when overdue. */
      remainingWorkingDays: number;
    };
    StatusEvent: {
      status: components['schemas']['ApplicationStatusCode'];
      at: components['schemas']['DateTime'];
      note?: components['schemas']['LocalizedText'];
    };
    ApplicationStatus: {
      applicationId: components['schemas']['OpaqueId'];
      trackingNumber: components['schemas']['TrackingNumber'];
      itemImplementCode: components['schemas']['ImplementCode'];
      itemVersion: number;
      itemName: components['schemas']['LocalizedText'];
      status: components['schemas']['ApplicationStatusCode'];
      submittedAt: components['schemas']['DateTime'];
      acceptedAt?: components['schemas']['DateTime'];
      history: components['schemas']['StatusEvent'][];
      notAcceptedReason?: components['schemas']['LocalizedText'];
      /** @description Present while SUPPLEMENT_REQUIRED — the complete list, in one notice. */
      supplement?: {
        requestedAt: components['schemas']['DateTime'];
        deficiencies: components['schemas']['Deficiency'][];
      };
      departmentReviews: components['schemas']['DepartmentReview'][];
      specialProcedure?: {
        code: string;
        name: components['schemas']['LocalizedText'];
        startedAt: components['schemas']['DateTime'];
        endsAt: components['schemas']['DateTime'];
        countsTowardLimit: boolean;
      };
      rejectionReasons?: components['schemas']['Deficiency'][];
      clockPaused: boolean;
      /** @description Present once accepted. */
      deadlines?: {
        statutory: components['schemas']['Deadline'];
        promised: components['schemas']['Deadline'];
      };
      permit?: components['schemas']['IssuedPermit'];
    };
    IssuedPermit: {
      permitNumber: string;
      /** @description The signed permit code as printed (drivers/common/codes.ts format). */
      code: string;
      ecertIdentifier?: string;
      state: components['schemas']['PermitState'];
      /** @description First valid day. */
      validFrom: components['schemas']['Date'];
      /** @description Last valid day (single trip). */
      validUntil: components['schemas']['Date'];
    };
    SupplementRequest: {
      materials: components['schemas']['MaterialSubmission'][];
      /** @description Answers keyed by the item's form field keys (flat, e.g. `trip.startDate`). */
      formData?: {
        [key: string]: unknown;
      };
    };
    ApplicationSearchRequest: {
      applicant: components['schemas']['HolderRef'];
      itemImplementCode?: components['schemas']['ImplementCode'];
      /** @default 10 */
      limit?: number;
    };
    ApplicationSearchResult: {
      applications: components['schemas']['ApplicationSummary'][];
    };
    ApplicationSummary: {
      applicationId: components['schemas']['OpaqueId'];
      trackingNumber: components['schemas']['TrackingNumber'];
      itemImplementCode: components['schemas']['ImplementCode'];
      itemVersion: number;
      itemName: components['schemas']['LocalizedText'];
      status: components['schemas']['ApplicationStatusCode'];
      submittedAt: components['schemas']['DateTime'];
      /** @description The answers given, for prefilling a repeat application. */
      formData: {
        [key: string]: unknown;
      };
      materials: components['schemas']['MaterialSubmission'][];
    };
    /** @enum {string} */
    PermitState: 'ISSUED' | 'IN_TRANSIT' | 'CANCELLED_ON_ARRIVAL' | 'EXPIRED' | 'REVOKED';
    CodeRequest: {
      code: string;
    };
    PermitVerification: {
      /**
       * @description VALID — signed by a published permit key; INVALID — altered or forged; UNKNOWN_KEY — key id not published; MALFORMED — not a permit code.
       * @enum {string}
       */
      signature: 'VALID' | 'INVALID' | 'UNKNOWN_KEY' | 'MALFORMED';
      keyId?: string;
      state?: components['schemas']['PermitState'];
      permit?: components['schemas']['Permit'];
      checkedAt: components['schemas']['DateTime'];
    };
    Permit: {
      permitNumber: string;
      itemImplementCode: components['schemas']['ImplementCode'];
      applicationId?: components['schemas']['OpaqueId'];
      consignor: components['schemas']['PartyMasked'];
      carrier: components['schemas']['PartyMasked'];
      vehiclePlate: string;
      origin: string;
      destination: string;
      route?: string;
      stopovers?: string[];
      goods: components['schemas']['GoodsLine'][];
      validFrom: components['schemas']['Date'];
      validUntil: components['schemas']['Date'];
      issuedAt: components['schemas']['DateTime'];
      issuer: string;
      state: components['schemas']['PermitState'];
      arrivedAt?: components['schemas']['DateTime'];
      batchCodes?: string[];
    };
    PartyMasked: {
      name: string;
      creditCodeMasked: string;
    };
    GoodsLine: {
      /** @description Fireworks category (GB 10631 classes A–D) or product class. */
      category: string;
      specification: string;
      quantity: number;
      unit: string;
    };
    PermitKeyList: {
      keys: {
        keyId: string;
        /** @enum {string} */
        algorithm: 'Ed25519';
        publicKeyPem: string;
        /** @description The raw 32-byte public key, base64url. */
        publicKeyBase64Url: string;
        createdAt: components['schemas']['DateTime'];
      }[];
    };
    BatchTrace: {
      /** @description The batch code in GS1 human-readable form, e.g. `(01)…(10)…`. */
      code: string;
      gtin: string;
      batch: string;
      product: {
        name: string;
        line: components['schemas']['GoodsLine'];
      };
      manufacturer: components['schemas']['PartyMasked'];
      events: components['schemas']['FlowEvent'][];
    };
    /** @enum {string} */
    FlowEventType: 'PRODUCED' | 'WAREHOUSED' | 'SHIPPED' | 'ARRIVED' | 'SOLD';
    FlowEvent: {
      type: components['schemas']['FlowEventType'];
      at: components['schemas']['DateTime'];
      place: string;
      party: components['schemas']['PartyMasked'];
      permitNumber?: string;
    };
    FlowEventRequest: {
      /** @description The batch code as scanned (GS1 element string, either form). */
      code: string;
      type: components['schemas']['FlowEventType'];
      place: string;
      permitNumber?: string;
    };
    ResolvedIdentity: {
      idNumber: string;
      name: string;
      appId: string;
      resolvedAt: components['schemas']['DateTime'];
    };
    AppIdentityCodeRequest: {
      idNumber: string;
      /** @default gov-app */
      appId?: string;
      /** @default 300 */
      validSeconds?: number;
    };
    AppIdentityCodeIssued: {
      /** @description The QR text (`HKA1|…`, drivers/common/codes.ts). */
      code: string;
      expiresAt: components['schemas']['DateTime'];
    };
    SandboxPermitCode: {
      /** @description The QR text (`HKP1|…`, drivers/common/codes.ts). */
      code: string;
      permitNumber: string;
      state: components['schemas']['PermitState'];
      validFrom: components['schemas']['Date'];
      validUntil: components['schemas']['Date'];
      keyId: string;
    };
    RecommendationRequest: {
      applicant: components['schemas']['HolderRef'];
      terminalId: components['schemas']['TerminalId'];
    };
    RecommendationList: {
      recommendations: components['schemas']['Recommendation'][];
      /** @description Enterprises this person is an authorised agent of. */
      represents: {
        creditCode: string;
        name: string;
      }[];
    };
    Recommendation: {
      implementCode: components['schemas']['ImplementCode'];
      name: components['schemas']['LocalizedText'];
      /** @enum {string} */
      reason: 'REPEAT' | 'LICENSE_EXPIRING';
      detail: components['schemas']['LocalizedText'];
      holder?: components['schemas']['HolderRef'];
      documentId?: components['schemas']['DocumentId'];
      expiresOn?: components['schemas']['Date'];
      lastApplicationId?: components['schemas']['OpaqueId'];
    };
    RatingRequest: {
      terminalId: components['schemas']['TerminalId'];
      /** @enum {string} */
      channel: 'KIOSK';
      trackingNumber?: components['schemas']['TrackingNumber'];
      /** @description 国办发〔2019〕51号 five levels, 5 = 非常满意 … 1 = 非常不满意. */
      score: number;
      aspects?: string[];
      comment?: string;
    };
    Rating: {
      ratingId: components['schemas']['Uuid'];
      trackingNumber?: components['schemas']['TrackingNumber'];
      score: number;
      recordedAt: components['schemas']['DateTime'];
    };
    HeartbeatRequest: {
      sentAt: components['schemas']['DateTime'];
      softwareVersion: string;
      /** @enum {string} */
      status: 'IN_SERVICE' | 'DEGRADED' | 'OUT_OF_SERVICE';
      devices?: {
        family: string;
        state: string;
      }[];
      outboxDepth?: number;
    };
    HeartbeatResponse: {
      terminalId: components['schemas']['TerminalId'];
      receivedAt: components['schemas']['DateTime'];
      catalogueVersion: number;
    };
    ClockState: {
      now: components['schemas']['DateTime'];
      /** @description How far the sandbox clock is ahead of real time. */
      offsetMs: number;
    };
    ClockMove: {
      advanceMs?: number;
      advanceWorkingDays?: number;
      to?: components['schemas']['DateTime'];
    };
  };
  responses: {
    /** @description The representation the client holds is current. */
    NotModified: {
      headers: {
        [name: string]: unknown;
      };
      content?: never;
    };
    /** @description The request is malformed or misses a required part. */
    BadRequest: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        'application/problem+json': components['schemas']['Problem'];
      };
    };
    /** @description Signature missing, invalid, outside the five-minute window, or its nonce was reused. */
    Unauthorized: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        'application/problem+json': components['schemas']['Problem'];
      };
    };
    /** @description Signed correctly, but this terminal may not do that. */
    Forbidden: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        'application/problem+json': components['schemas']['Problem'];
      };
    };
    /** @description No such resource. */
    NotFound: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        'application/problem+json': components['schemas']['Problem'];
      };
    };
    /** @description A request with this Idempotency-Key is still being processed, or the resource is in a state that forbids the action. */
    Conflict: {
      headers: {
        'Retry-After'?: number;
        [name: string]: unknown;
      };
      content: {
        'application/problem+json': components['schemas']['Problem'];
      };
    };
    /** @description The code has expired. */
    Gone: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        'application/problem+json': components['schemas']['Problem'];
      };
    };
    /** @description The body exceeds the size limit. */
    PayloadTooLarge: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        'application/problem+json': components['schemas']['Problem'];
      };
    };
    /** @description The content type is not accepted here. */
    UnsupportedMediaType: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        'application/problem+json': components['schemas']['Problem'];
      };
    };
    /** @description Well-formed but not acceptable (idempotency key reused with another body, digest mismatch, unknown references). */
    Unprocessable: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        'application/problem+json': components['schemas']['Problem'];
      };
    };
  };
  parameters: {
    ImplementCode: components['schemas']['ImplementCode'];
    /** @description An e-license identifier (GB/T 36904) or a supply-chain record id. */
    DocumentId: components['schemas']['DocumentId'];
    IfNoneMatch: string;
    /** @description A UUID the terminal creates and stores before the first send. */
    IdempotencyKey: components['schemas']['Uuid'];
  };
  requestBodies: never;
  headers: {
    ETag: string;
  };
  pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
  getHealth: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The API answers. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Health'];
        };
      };
    };
  };
  listPermitKeys: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Current and previous permit-signing keys. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PermitKeyList'];
        };
      };
    };
  };
  listItems: {
    parameters: {
      query?: {
        /** @description words in the name or keywords */
        q?: string;
        category?: string;
        regionCode?: components['schemas']['RegionCode'];
        page?: number;
        pageSize?: number;
      };
      header?: {
        'If-None-Match'?: components['parameters']['IfNoneMatch'];
      };
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description One page of item summaries. The ETag changes whenever the catalogue does. */
      200: {
        headers: {
          ETag: components['headers']['ETag'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ItemPage'];
        };
      };
      304: components['responses']['NotModified'];
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
    };
  };
  listItemRecords: {
    parameters: {
      query?: {
        page?: number;
        pageSize?: number;
      };
      header?: {
        'If-None-Match'?: components['parameters']['IfNoneMatch'];
      };
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description One page of item records. */
      200: {
        headers: {
          ETag: components['headers']['ETag'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ItemRecordPage'];
        };
      };
      304: components['responses']['NotModified'];
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
    };
  };
  getItem: {
    parameters: {
      query?: never;
      header?: {
        'If-None-Match'?: components['parameters']['IfNoneMatch'];
      };
      path: {
        implementCode: components['parameters']['ImplementCode'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The item record. ETag identifies code and version. */
      200: {
        headers: {
          ETag: components['headers']['ETag'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ItemRecord'];
        };
      };
      304: components['responses']['NotModified'];
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      404: components['responses']['NotFound'];
    };
  };
  getItemVersion: {
    parameters: {
      query?: never;
      header?: {
        'If-None-Match'?: components['parameters']['IfNoneMatch'];
      };
      path: {
        implementCode: components['parameters']['ImplementCode'];
        version: number;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The item record at that version. */
      200: {
        headers: {
          ETag: components['headers']['ETag'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ItemRecord'];
        };
      };
      304: components['responses']['NotModified'];
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      404: components['responses']['NotFound'];
    };
  };
  lookupDocuments: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['DocumentLookupRequest'];
      };
    };
    responses: {
      /** @description Matching documents, expired ones included and marked. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['DocumentList'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
    };
  };
  previewDocument: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description An e-license identifier (GB/T 36904) or a supply-chain record id. */
        documentId: components['parameters']['DocumentId'];
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['PurposeRequest'];
      };
    };
    responses: {
      /** @description Preview lines with masked identifiers and the watermark text. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['DocumentPreview'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
    };
  };
  createDerivedCopy: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description An e-license identifier (GB/T 36904) or a supply-chain record id. */
        documentId: components['parameters']['DocumentId'];
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['DerivedCopyRequest'];
      };
    };
    responses: {
      /** @description The derived copy. */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['DerivedCopy'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
    };
  };
  getDerivedCopy: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        derivedCopyId: components['schemas']['OpaqueId'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The derived copy. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['DerivedCopy'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      404: components['responses']['NotFound'];
    };
  };
  uploadFile: {
    parameters: {
      query?: never;
      header: {
        /** @description Lower-case hex SHA-256 of the file; must match the bytes received. */
        'X-File-SHA256': components['schemas']['Sha256'];
        /** @description Original file name, percent-encoded UTF-8; for display only. */
        'X-File-Name'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/pdf': string;
        'image/jpeg': string;
        'image/png': string;
      };
    };
    responses: {
      /** @description The same bytes were uploaded before; the existing file. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['FileRecord'];
        };
      };
      /** @description Stored. */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['FileRecord'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      413: components['responses']['PayloadTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      422: components['responses']['Unprocessable'];
    };
  };
  createApplication: {
    parameters: {
      query?: never;
      header: {
        /** @description A UUID the terminal creates and stores before the first send. */
        'Idempotency-Key': components['parameters']['IdempotencyKey'];
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['ApplicationRequest'];
      };
    };
    responses: {
      /** @description Submitted (or the replay of the first submission). */
      201: {
        headers: {
          /** @description `true` when this response is the stored response of an earlier request. */
          'Idempotent-Replayed'?: 'true';
          Location?: string;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApplicationCreated'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      409: components['responses']['Conflict'];
      422: components['responses']['Unprocessable'];
    };
  };
  searchApplications: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['ApplicationSearchRequest'];
      };
    };
    responses: {
      /** @description Past applications. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApplicationSearchResult'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
    };
  };
  getApplication: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        applicationId: components['schemas']['OpaqueId'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Status, department reviews, deadlines with pauses applied. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApplicationStatus'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      404: components['responses']['NotFound'];
    };
  };
  getApplicationByTrackingNumber: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        trackingNumber: components['schemas']['TrackingNumber'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Status of the application. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApplicationStatus'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      404: components['responses']['NotFound'];
    };
  };
  submitSupplement: {
    parameters: {
      query?: never;
      header: {
        /** @description A UUID the terminal creates and stores before the first send. */
        'Idempotency-Key': components['parameters']['IdempotencyKey'];
      };
      path: {
        applicationId: components['schemas']['OpaqueId'];
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['SupplementRequest'];
      };
    };
    responses: {
      /** @description Supplement recorded; the application's new status. */
      200: {
        headers: {
          /** @description `true` when this response is the stored response of an earlier request. */
          'Idempotent-Replayed'?: 'true';
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApplicationStatus'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      422: components['responses']['Unprocessable'];
    };
  };
  resolveAppIdentity: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CodeRequest'];
      };
    };
    responses: {
      /** @description The person the app signed in. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ResolvedIdentity'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      410: components['responses']['Gone'];
    };
  };
  issueAppIdentityCode: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['AppIdentityCodeRequest'];
      };
    };
    responses: {
      /** @description A one-time sign-in code. */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AppIdentityCodeIssued'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      404: components['responses']['NotFound'];
    };
  };
  getSandboxPermitCode: {
    parameters: {
      query: {
        state: components['schemas']['PermitState'];
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A permit code in the asked state. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SandboxPermitCode'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      404: components['responses']['NotFound'];
    };
  };
  verifyPermit: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CodeRequest'];
      };
    };
    responses: {
      /** @description The verdict. An invalid signature is a 200 with `signature` not VALID. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PermitVerification'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
    };
  };
  traceBatch: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CodeRequest'];
      };
    };
    responses: {
      /** @description The batch and its flow events, oldest first. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['BatchTrace'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      404: components['responses']['NotFound'];
    };
  };
  getRecommendations: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['RecommendationRequest'];
      };
    };
    responses: {
      /** @description Recommendations, most relevant first, and the enterprises the person acts for. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['RecommendationList'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
    };
  };
  putRating: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        ratingId: components['schemas']['Uuid'];
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['RatingRequest'];
      };
    };
    responses: {
      /** @description Already recorded with the same content. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Rating'];
        };
      };
      /** @description Recorded. */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Rating'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      404: components['responses']['NotFound'];
      422: components['responses']['Unprocessable'];
    };
  };
  putHeartbeat: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        terminalId: components['schemas']['TerminalId'];
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['HeartbeatRequest'];
      };
    };
    responses: {
      /** @description Received; server time lets the terminal notice clock drift. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['HeartbeatResponse'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
    };
  };
  getClock: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The sandbox's current time. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ClockState'];
        };
      };
      401: components['responses']['Unauthorized'];
      404: components['responses']['NotFound'];
    };
  };
  moveClock: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['ClockMove'];
      };
    };
    responses: {
      /** @description The clock after the move. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ClockState'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      404: components['responses']['NotFound'];
      422: components['responses']['Unprocessable'];
    };
  };
  recordFlowEvent: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['FlowEventRequest'];
      };
    };
    responses: {
      /** @description Recorded; the batch's trace. */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['BatchTrace'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      404: components['responses']['NotFound'];
    };
  };
}
