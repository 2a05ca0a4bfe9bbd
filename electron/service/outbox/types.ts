/** Shapes the outbox keeps. */
import type { Schemas } from '../approval/client.js';

/** The body of `POST /v1/applications` (sandbox/openapi.yaml `ApplicationRequest`). */
export type ApplicationRequestBody = Schemas['ApplicationRequest'];

/**
 * What a receipt (first print and reprint) shows, kept in clear after the personal data is
 * purged: masked identifiers only, never a full name or number.
 */
export interface ReceiptFacts {
  readonly itemName: { readonly 'zh-CN': string; readonly en: string };
  readonly itemCode: string;
  readonly itemVersion: number;
  readonly applicantNameMasked: string;
  readonly applicantCodeMasked: string;
  readonly agentNameMasked?: string;
  readonly submittedAt: string;
  readonly promisedWorkingDays: number;
  readonly visitsToHall: number;
  /** Where the result goes; the postal address masked. Absent on receipts from before. */
  readonly delivery?: {
    readonly kind: 'PICK_UP' | 'POST' | 'E_LICENSE';
    readonly detail: { readonly 'zh-CN': string; readonly en: string };
    readonly addressMasked?: string;
  };
}

/** What an audit needs, kept in clear: no personal data. */
export interface AuditFacts {
  readonly terminalId: string;
  readonly sessionId: string;
  readonly consent: {
    readonly at: string;
    readonly scope: readonly string[];
    readonly textVersion: string;
  };
  readonly completeness: {
    readonly engineVersion: string;
    readonly result: 'COMPLETE' | 'INCOMPLETE';
    readonly deficiencyCodes: readonly string[];
  };
  /** One entry per material submission: how it was satisfied and at what trust level. */
  readonly materials: readonly {
    readonly materialCode: string;
    readonly source: string;
    readonly trustLevel: 'A' | 'B' | 'C' | 'D';
    readonly sha256?: string;
    readonly documentId?: string;
    readonly derivedCopyId?: string;
  }[];
}
