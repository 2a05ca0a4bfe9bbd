/**
 * Turns a checked draft into what the outbox stores: the application body as the central API
 * expects it (sandbox/openapi.yaml `ApplicationRequest`), the scans to upload, the receipt facts
 * (masked) and the audit facts (no personal data: how each material was satisfied, its trust
 * level and digest, the consent, the completeness engine's verdict).
 */
import { maskIdentifier, maskName } from '../../../drivers/common/mask.js';
import type { Schemas } from '../approval/client.js';
import type { ItemRecord } from '../catalogue/cache.js';
import type { OutboxEntryInput } from '../outbox/store.js';
import type { AuditFacts } from '../outbox/types.js';
import type { Session } from '../session/session.js';
import {
  materialHolderCodes,
  materialNeeded,
  type CompletenessResult,
  type SuppliedMaterial,
} from './completeness.js';
import { chosenDelivery } from './delivery.js';

/** Material code under which a scanned enterprise authorisation is sent (not an item material). */
export const AGENT_AUTHORISATION_MATERIAL = 'AGENT_AUTHORISATION';
/** 国办函〔2016〕108号: a document uploaded (scanned) by the applicant is trust level C. */
const SCAN_TRUST_LEVEL = 'C';

/** A scan taken for this application (bytes stay in the service). */
export interface ScanFile {
  readonly bytes: Uint8Array;
  readonly sha256: string;
  readonly pages: number;
  readonly mediaType: 'application/pdf';
}

/** A supplied material with its trust level and, for scans, the file. */
export interface SuppliedEntry extends SuppliedMaterial {
  readonly trustLevel: 'A' | 'B' | 'C' | 'D';
  readonly file?: ScanFile;
}

export interface SubmissionInput {
  readonly session: Session;
  readonly item: ItemRecord;
  readonly formData: Readonly<Record<string, unknown>>;
  readonly supplied: readonly SuppliedEntry[];
  readonly consent?: {
    readonly at: string;
    readonly scope: readonly string[];
    readonly textVersion: string;
  };
  readonly authorisationScan?: ScanFile;
  readonly check: CompletenessResult;
  readonly terminalId: string;
  readonly now: Date;
}

/**
 * The outbox entry for a complete application. Only materials the item needs for these
 * answers, from holders the answers name, are sent: a document chosen for a carrier that was
 * later replaced on the form stays behind.
 */
export function buildSubmission(input: SubmissionInput): OutboxEntryInput {
  const { session, item, formData, check } = input;
  const applicant = session.applicant;
  if (!applicant) throw new Error('buildSubmission: the session has no applicant');
  const enterprise = applicant.enterprise;
  const applicantRef = enterprise
    ? { type: 'ENTERPRISE' as const, code: enterprise.creditCode }
    : { type: 'PERSON' as const, code: applicant.idNumber };

  const files: OutboxEntryInput['files'][number][] = [];
  const materials: Schemas['MaterialSubmission'][] = [];
  const auditMaterials: AuditFacts['materials'][number][] = [];
  const addFile = (file: ScanFile): void => {
    files.push({
      materialIndex: materials.length,
      mediaType: file.mediaType,
      bytes: file.bytes,
      sha256: file.sha256,
      pages: file.pages,
    });
  };

  for (const entry of input.supplied) {
    const material = item.materials.find((m) => m.code === entry.materialCode);
    if (!material || !materialNeeded(material, formData)) continue;
    const holders = materialHolderCodes(material, {
      applicant: applicantRef,
      formData,
      supplied: [],
    });
    if (entry.holderCode !== undefined && !holders.includes(entry.holderCode)) continue;
    if (entry.file) addFile(entry.file);
    materials.push({
      materialCode: entry.materialCode,
      source: entry.source,
      ...(entry.document ? { documentId: entry.document.documentId } : {}),
      ...(entry.derivedCopy ? { derivedCopyId: entry.derivedCopy.derivedCopyId } : {}),
      ...(entry.holderCode !== undefined ? { holderCode: entry.holderCode } : {}),
    });
    auditMaterials.push({
      materialCode: entry.materialCode,
      source: entry.source,
      trustLevel: entry.trustLevel,
      ...(entry.file ? { sha256: entry.file.sha256 } : {}),
      ...(entry.document ? { documentId: entry.document.documentId } : {}),
      ...(entry.derivedCopy ? { derivedCopyId: entry.derivedCopy.derivedCopyId } : {}),
    });
  }
  if (input.authorisationScan) {
    // The scanned authorisation travels as an extra scan under its own material code.
    addFile(input.authorisationScan);
    materials.push({ materialCode: AGENT_AUTHORISATION_MATERIAL, source: 'SCAN' });
    auditMaterials.push({
      materialCode: AGENT_AUTHORISATION_MATERIAL,
      source: 'SCAN',
      trustLevel: SCAN_TRUST_LEVEL,
      sha256: input.authorisationScan.sha256,
    });
  }

  // Where the result goes: the applicant's choice this session, or the item's default.
  const delivery = chosenDelivery(session, item);
  const request: Schemas['ApplicationRequest'] = {
    itemImplementCode: item.implementCode,
    itemVersion: item.version,
    channel: 'KIOSK',
    terminalId: input.terminalId,
    applicant: enterprise
      ? { type: 'ENTERPRISE', code: enterprise.creditCode, name: enterprise.name }
      : { type: 'PERSON', code: applicant.idNumber, name: applicant.name },
    ...(enterprise ? { agent: { idNumber: applicant.idNumber, name: applicant.name } } : {}),
    formData: formData as Record<string, never>,
    materials,
    completeness: {
      engineVersion: check.engineVersion,
      result: check.result,
      deficiencies: [...check.deficiencies],
    },
    delivery: delivery.request,
  };
  return {
    request,
    files,
    receipt: {
      itemName: item.name,
      itemCode: item.implementCode,
      itemVersion: item.version,
      applicantNameMasked: maskName(request.applicant.name),
      applicantCodeMasked: maskIdentifier(request.applicant.code),
      ...(enterprise ? { agentNameMasked: maskName(applicant.name) } : {}),
      submittedAt: input.now.toISOString(),
      promisedWorkingDays: item.timeLimits.promisedWorkingDays,
      visitsToHall: item.visitsToHall,
      delivery: delivery.receipt,
    },
    audit: {
      terminalId: input.terminalId,
      sessionId: session.id,
      consent: input.consent
        ? {
            at: input.consent.at,
            scope: [...input.consent.scope],
            textVersion: input.consent.textVersion,
          }
        : { at: '', scope: [], textVersion: 'none' },
      completeness: {
        engineVersion: check.engineVersion,
        result: check.result,
        deficiencyCodes: check.deficiencies.map((d) => d.code),
      },
      materials: auditMaterials,
    },
  };
}
