/**
 * A complete fireworks road transport permit application as the completeness engine sees
 * it: the item record from the sandbox seed (version 2, with the conditional display permit),
 * synthetic parties with valid check characters, and licenses on file that cover the trip.
 * Tests break one thing at a time.
 */
import { buildELicenseIdentifier, checkCreditCode } from '../../../drivers/common/identifiers.js';
import { syntheticEnterprise, syntheticPerson } from '../../../drivers/common/synthetic.js';
import type { Schemas } from '../../../electron/service/approval/client.js';
import type {
  CompletenessInput,
  OnFileDocument,
  SuppliedMaterial,
} from '../../../electron/service/application/completeness.js';
import { FIREWORKS_TRANSPORT_CODE, handWrittenItems } from '../../../sandbox/seed/items.js';

export const consignor = syntheticEnterprise(8);
export const carrier = syntheticEnterprise(3);
export const agent = syntheticPerson(1);
export const driver = syntheticPerson(2);
export const escort = syntheticPerson(3);
export const PLATE = '京AD1234';
export const TODAY = '2026-03-02';

export function fireworksItem(version: 1 | 2 = 2): Schemas['ItemRecord'] {
  const item = handWrittenItems().find(
    (i) => i.implementCode === FIREWORKS_TRANSPORT_CODE && i.version === version,
  );
  if (!item) throw new Error('the sandbox seed has no fireworks item');
  return structuredClone(item) as unknown as Schemas['ItemRecord'];
}

let serial = 0;
export function license(
  licenseType: string,
  holder: { type: 'PERSON' | 'ENTERPRISE'; code: string; name: string },
  validFrom: string,
  validUntil: string | null,
  data: Record<string, unknown> = {},
): OnFileDocument {
  serial++;
  if (!checkCreditCode(carrier.creditCode).ok) throw new Error('fixture credit code invalid');
  return {
    documentId: buildELicenseIdentifier({
      typeCode: '3600000000123',
      issuerCreditCode: carrier.creditCode,
      serial: `2025${String(serial).padStart(5, '0')}`,
      version: '001',
    }),
    kind: 'E_LICENSE',
    licenseType,
    typeName: { 'zh-CN': licenseType, en: licenseType },
    number: `NO-${serial}`,
    holder: { type: holder.type, code: holder.code },
    holderName: holder.name,
    issuer: { name: 'issuer', creditCode: carrier.creditCode },
    issuedOn: validFrom,
    validFrom,
    validUntil,
    status: 'VALID',
    trustLevel: 'A',
    data: { holderCode: holder.code, ...data } as unknown as Record<string, never>,
  };
}

export const GOODS = [
  { category: 'C级组合烟花', specification: '36发', quantity: 100, unit: '箱' },
  { category: 'C级爆竹', specification: '5000响', quantity: 50, unit: '箱' },
];
const CONTRACT_GOODS = [
  { category: 'C级组合烟花', specification: '36发', quantity: 200, unit: '箱' },
  { category: 'C级爆竹', specification: '5000响', quantity: 300, unit: '箱' },
];

function record(
  kind: 'PURCHASE_CONTRACT' | 'QUALITY_CERTIFICATE',
  data: Record<string, unknown>,
): OnFileDocument {
  serial++;
  return {
    documentId: `SC-${kind}-${serial}`,
    kind,
    typeName: { 'zh-CN': kind, en: kind },
    number: `SC-${serial}`,
    holder: { type: 'ENTERPRISE', code: consignor.creditCode },
    holderName: consignor.name,
    issuer: { name: 'supply chain', creditCode: consignor.creditCode },
    issuedOn: '2026-01-10',
    validFrom: '2026-01-10',
    validUntil: '2026-12-31',
    status: 'VALID',
    trustLevel: 'A',
    data: data as Record<string, never>,
  };
}

const ent = (e: typeof consignor) => ({
  type: 'ENTERPRISE' as const,
  code: e.creditCode,
  name: e.name,
});
const per = (p: typeof driver) => ({ type: 'PERSON' as const, code: p.idNumber, name: p.name });

/** A complete application: every material from a license or record on file. */
export function completeInput(): CompletenessInput {
  const onFile = (
    materialCode: string,
    document: OnFileDocument,
    holderCode?: string,
  ): SuppliedMaterial => ({
    materialCode,
    source: document.kind === 'E_LICENSE' ? 'E_LICENSE' : 'SUPPLY_CHAIN',
    document,
    derivedCopy: { derivedCopyId: `dc-${document.documentId}`, expiresAt: '2026-03-09T00:00:00Z' },
    ...(holderCode ? { holderCode } : {}),
  });
  return {
    item: fireworksItem(2),
    applicant: { type: 'ENTERPRISE', code: consignor.creditCode },
    agent: { idNumber: agent.idNumber, authorisation: 'ON_FILE' },
    today: TODAY,
    hallRegion: '360322',
    formData: {
      'carrier.creditCode': carrier.creditCode,
      'carrier.name': carrier.name,
      'driver.idNumber': driver.idNumber,
      'driver.name': driver.name,
      'escort.idNumber': escort.idNumber,
      'escort.name': escort.name,
      'vehicle.plate': PLATE,
      'trip.startDate': '2026-03-05',
      'trip.endDate': '2026-03-07',
      'trip.origin': '上栗县某仓库',
      'trip.originRegion': '360322',
      'trip.destination': '朝阳区某仓库',
      'trip.destinationRegion': '110105',
      'trip.route': 'G60-G4',
      goods: GOODS,
      'trip.purpose': 'TRADE',
    },
    supplied: [
      onFile(
        'CARRIER_DG_TRANSPORT_LICENSE',
        license('DG_TRANSPORT_OPERATION_LICENSE', ent(carrier), '2024-01-01', '2027-12-31'),
      ),
      onFile(
        'DRIVER_ESCORT_QUALIFICATION',
        license('DG_PRACTITIONER_QUALIFICATION', per(driver), '2023-05-01', '2029-04-30'),
        driver.idNumber,
      ),
      onFile(
        'DRIVER_ESCORT_QUALIFICATION',
        license('DG_PRACTITIONER_QUALIFICATION', per(escort), '2023-05-01', '2029-04-30'),
        escort.idNumber,
      ),
      onFile(
        'VEHICLE_ROAD_TRANSPORT_CERT',
        license('VEHICLE_ROAD_TRANSPORT_CERT', ent(carrier), '2024-01-01', '2027-06-30', {
          plateNumber: PLATE,
        }),
      ),
      onFile(
        'CONSIGNOR_QUALIFICATION',
        license('FIREWORKS_PRODUCTION_LICENSE', ent(consignor), '2023-01-01', '2027-12-31'),
      ),
      onFile('PURCHASE_CONTRACT', record('PURCHASE_CONTRACT', { goods: CONTRACT_GOODS })),
      onFile('QUALITY_CERTIFICATES', record('QUALITY_CERTIFICATE', {})),
    ],
  };
}

/** Replaces the supplied entries of one material. */
export function withSupplied(
  input: CompletenessInput,
  materialCode: string,
  replacement: SuppliedMaterial[],
): CompletenessInput {
  return {
    ...input,
    supplied: [...input.supplied.filter((s) => s.materialCode !== materialCode), ...replacement],
  };
}

export function suppliedFor(input: CompletenessInput, materialCode: string): SuppliedMaterial {
  const s = input.supplied.find((m) => m.materialCode === materialCode);
  if (!s) throw new Error(`fixture has no ${materialCode}`);
  return s;
}
