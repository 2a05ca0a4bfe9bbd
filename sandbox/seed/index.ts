/**
 * Seeds a fresh data directory: the catalogue (hand-written items plus a generated
 * province-scale list), the cast's documents, agent links, goods batches with flow events,
 * and the repeat shipper's past fireworks permits (one cancelled on arrival, one expired, one
 * in transit), so a repeat application can be prefilled and every permit state can be shown.
 */
import { createHash } from 'node:crypto';
import type { WorkingCalendar } from '../calendar.js';
import { addCalendarDays } from '../calendar.js';
import { getMeta, setMeta, type Db } from '../db.js';
import { newApplicationId, type ApplicationState } from '../applications.js';
import {
  batchCodeText,
  issuePermit,
  nextPermitNumber,
  storeBatch,
  storeFlowEvent,
  type PermitKey,
} from '../permits.js';
import { agency, regionName } from './authorities.js';
import { generateCatalogue } from './catalogue.js';
import { buildCast, enterprise, person, PEOPLE, ROLES, VEHICLES, type Cast } from './cast.js';
import { DEMO_HALL_REGION, FIREWORKS_TRANSPORT_CODE, handWrittenItems } from './items.js';
import type {
  ApplicationRequest,
  GoodsLine,
  ItemRecord,
  MaterialSubmission,
  StoredDocument,
} from '../types.js';

/** Items in the generated catalogue by default: a province-scale list. */
export const DEFAULT_GENERATED_ITEMS = 5000;
export const DEMO_TERMINAL_ID = 'HK-DEMO-0001';

export interface SeedOptions {
  readonly now: Date;
  readonly calendar: WorkingCalendar;
  readonly permitKey: PermitKey;
  readonly generatedItems?: number;
}

export function catalogueItems(generated: number): ItemRecord[] {
  return [...handWrittenItems(), ...generateCatalogue(generated)];
}

function storeItems(db: Db, items: readonly ItemRecord[]): void {
  const latest = new Map<string, number>();
  for (const item of items) {
    latest.set(item.implementCode, Math.max(latest.get(item.implementCode) ?? 0, item.version));
  }
  const insert = db.prepare(
    `INSERT INTO items (implement_code, version, latest, name_zh, name_en, keywords, category,
       region_code, record) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const item of items) {
    insert.run(
      item.implementCode,
      item.version,
      latest.get(item.implementCode) === item.version ? 1 : 0,
      item.name['zh-CN'],
      item.name.en.toLowerCase(),
      item.keywords.join(' ').toLowerCase(),
      item.category,
      item.agency.regionCode,
      JSON.stringify(item),
    );
  }
}

export function findDocument(
  documents: readonly StoredDocument[],
  kind: string,
  holderCode: string,
  data: Record<string, unknown> = {},
): StoredDocument {
  const found = documents.find(
    (d) =>
      (d.licenseType === kind || d.kind === kind) &&
      d.holder.code === holderCode &&
      Object.entries(data).every(([k, v]) => d.data[k] === v),
  );
  if (!found) throw new Error(`seed: no ${kind} on file for that holder`);
  return found;
}

export interface FireworksTrip {
  readonly startDate: string;
  readonly endDate: string;
  readonly goods?: readonly GoodsLine[];
  readonly carrierSeed?: number;
  readonly driverSeed?: number;
  readonly plate?: string;
}

/**
 * A fireworks road transport application from the repeat shipper (agent person 1) with every
 * material on file: the request a kiosk sends when nothing needs scanning. Used by the seed's
 * history, by tests, and as the documented example.
 */
export function fireworksRequest(cast: Cast, trip: FireworksTrip): ApplicationRequest {
  const consignor = enterprise(ROLES.consignor);
  const carrier = enterprise(trip.carrierSeed ?? ROLES.carrier);
  const driver = person(trip.driverSeed ?? PEOPLE.driver);
  const escort = person(PEOPLE.escort);
  const agentPerson = person(PEOPLE.agent);
  const consignee = enterprise(ROLES.consignee);
  const plate =
    trip.plate ??
    (carrier.creditCode === enterprise(ROLES.carrier).creditCode
      ? VEHICLES.carrierMain
      : VEHICLES.expiringCarrier);
  const docs = cast.documents;
  const materials: MaterialSubmission[] = [
    {
      materialCode: 'CARRIER_DG_TRANSPORT_LICENSE',
      source: 'E_LICENSE',
      documentId: findDocument(docs, 'DG_TRANSPORT_OPERATION_LICENSE', carrier.creditCode)
        .documentId,
    },
    {
      materialCode: 'DRIVER_ESCORT_QUALIFICATION',
      source: 'E_LICENSE',
      holderCode: driver.idNumber,
      documentId: findDocument(docs, 'DG_PRACTITIONER_QUALIFICATION', driver.idNumber).documentId,
    },
    {
      materialCode: 'DRIVER_ESCORT_QUALIFICATION',
      source: 'E_LICENSE',
      holderCode: escort.idNumber,
      documentId: findDocument(docs, 'DG_PRACTITIONER_QUALIFICATION', escort.idNumber).documentId,
    },
    {
      materialCode: 'VEHICLE_ROAD_TRANSPORT_CERT',
      source: 'E_LICENSE',
      documentId: findDocument(docs, 'VEHICLE_ROAD_TRANSPORT_CERT', carrier.creditCode, {
        plateNumber: plate,
      }).documentId,
    },
    {
      materialCode: 'CONSIGNOR_QUALIFICATION',
      source: 'E_LICENSE',
      documentId: findDocument(docs, 'FIREWORKS_PRODUCTION_LICENSE', consignor.creditCode)
        .documentId,
    },
    {
      materialCode: 'PURCHASE_CONTRACT',
      source: 'SUPPLY_CHAIN',
      documentId: findDocument(docs, 'PURCHASE_CONTRACT', consignor.creditCode).documentId,
    },
    {
      materialCode: 'QUALITY_CERTIFICATES',
      source: 'SUPPLY_CHAIN',
      documentId: findDocument(docs, 'QUALITY_CERTIFICATE', consignor.creditCode).documentId,
    },
    { materialCode: 'TRIP_DETAILS', source: 'FORM' },
  ];
  const origin = regionName(DEMO_HALL_REGION);
  const destination = regionName(consignee.regionCode);
  return {
    itemImplementCode: FIREWORKS_TRANSPORT_CODE,
    itemVersion: 2,
    channel: 'KIOSK',
    terminalId: DEMO_TERMINAL_ID,
    applicant: { type: 'ENTERPRISE', code: consignor.creditCode, name: consignor.name },
    agent: { idNumber: agentPerson.idNumber, name: agentPerson.name },
    formData: {
      'carrier.creditCode': carrier.creditCode,
      'carrier.name': carrier.name,
      'driver.idNumber': driver.idNumber,
      'driver.name': driver.name,
      'escort.idNumber': escort.idNumber,
      'escort.name': escort.name,
      'vehicle.plate': plate,
      'trip.startDate': trip.startDate,
      'trip.endDate': trip.endDate,
      'trip.origin': `${origin.zh}金山镇烟花爆竹仓库`,
      'trip.originRegion': DEMO_HALL_REGION,
      'trip.destination': `${destination.zh}${consignee.name}仓库`,
      'trip.destinationRegion': consignee.regionCode,
      'trip.route': 'G60沪昆高速—G4京港澳高速',
      'trip.stopovers': ['长沙服务区', '郑州服务区'],
      'trip.purpose': 'TRADE',
      goods: trip.goods ?? [
        { category: 'C级组合烟花', specification: '36发', quantity: 100, unit: '箱' },
        { category: 'C级爆竹', specification: '5000响', quantity: 150, unit: '箱' },
      ],
    },
    materials,
    completeness: { engineVersion: 'seed', result: 'COMPLETE', deficiencies: [] },
  };
}

function seedHistory(db: Db, cast: Cast, options: SeedOptions, seedDate: string): void {
  const { calendar, permitKey } = options;
  const day = (offset: number) => addCalendarDays(seedDate, offset);
  const at = (date: string, hour: number) =>
    new Date(calendar.startOfDay(date).getTime() + hour * 3_600_000).toISOString();
  const consignor = enterprise(ROLES.consignor);
  const carrier = enterprise(ROLES.carrier);
  const psb = agency('psb', DEMO_HALL_REGION);

  const trips = [
    { submitted: -40, start: -38, end: -37, arrived: true, batches: false },
    { submitted: -25, start: -23, end: -22, arrived: false, batches: false },
    { submitted: -3, start: -1, end: 1, arrived: false, batches: true },
  ];
  trips.forEach((trip, i) => {
    const request = fireworksRequest(cast, { startDate: day(trip.start), endDate: day(trip.end) });
    const submitted = day(trip.submitted);
    const applicationId = newApplicationId();
    const trackingNumber = `HK-${submitted.slice(0, 4)}-9${String(i + 1).padStart(5, '0')}`;
    const permitNumber = nextPermitNumber(db, DEMO_HALL_REGION, submitted.slice(0, 4));
    const batchCodes = trip.batches ? cast.batches.map((b) => batchCodeText(b.gtin, b.batch)) : [];
    const state: ApplicationState = {
      history: [
        { status: 'SUBMITTED', at: at(submitted, 1) },
        { status: 'ACCEPTED', at: at(submitted, 2) },
        { status: 'IN_REVIEW', at: at(submitted, 2) },
        { status: 'APPROVED', at: at(submitted, 6) },
        { status: 'ISSUED', at: at(submitted, 7) },
      ],
      acceptedAt: at(submitted, 2),
      completedAt: at(submitted, 7),
      reviews: [
        {
          department: {
            code: 'PSB_PUBLIC_ORDER',
            name: { 'zh-CN': '治安管理大队', en: 'Public order unit' },
          },
          state: 'APPROVED',
          startedAt: at(submitted, 2),
          completedAt: at(submitted, 4),
          opinion: { 'zh-CN': '符合条件，同意', en: 'Conditions met; agreed' },
        },
        {
          department: {
            code: 'PSB_TRAFFIC',
            name: { 'zh-CN': '交通警察大队', en: 'Traffic police unit' },
          },
          state: 'APPROVED',
          startedAt: at(submitted, 2),
          completedAt: at(submitted, 6),
          opinion: { 'zh-CN': '同意', en: 'Agreed' },
        },
      ],
      pauses: [],
      permitNumber,
    };
    db.prepare(
      `INSERT INTO applications (application_id, tracking_number, terminal_id, item_code,
        applicant_code, agent_code, status, submitted_at, next_step_at, request, state)
       VALUES (?, ?, ?, ?, ?, ?, 'ISSUED', ?, NULL, ?, ?)`,
    ).run(
      applicationId,
      trackingNumber,
      DEMO_TERMINAL_ID,
      request.itemImplementCode,
      consignor.creditCode,
      request.agent?.idNumber ?? null,
      at(submitted, 1),
      JSON.stringify(request),
      JSON.stringify(state),
    );
    issuePermit(db, permitKey, {
      permitNumber,
      itemImplementCode: request.itemImplementCode,
      applicationId,
      consignor: { name: consignor.name, creditCode: consignor.creditCode },
      carrier: { name: carrier.name, creditCode: carrier.creditCode },
      vehiclePlate: VEHICLES.carrierMain,
      origin: String(request.formData['trip.origin']),
      destination: String(request.formData['trip.destination']),
      route: String(request.formData['trip.route']),
      stopovers: request.formData['trip.stopovers'] as string[],
      goods: request.formData['goods'] as GoodsLine[],
      validFrom: day(trip.start),
      validUntil: day(trip.end),
      issuedAt: at(submitted, 7),
      issuer: psb.name['zh-CN'],
      keyId: permitKey.keyId,
      batchCodes,
    });
    if (trip.batches) {
      for (const b of cast.batches) {
        storeFlowEvent(db, b.gtin, b.batch, {
          type: 'SHIPPED',
          at: at(day(trip.start), 1),
          place: String(request.formData['trip.origin']),
          party: { name: consignor.name, creditCode: consignor.creditCode },
          permitNumber,
        });
      }
    }
    if (trip.arrived) {
      // An arrival needs a batch to hang on: the old trip's goods get their own batch record.
      const old = cast.batches[0]!;
      const oldBatch = `${old.batch.slice(0, 2)}OLD${i}`;
      storeBatch(db, {
        gtin: old.gtin,
        batch: oldBatch,
        productName: old.productName,
        line: old.line,
        manufacturer: { name: consignor.name, creditCode: consignor.creditCode },
      });
      storeFlowEvent(db, old.gtin, oldBatch, {
        type: 'ARRIVED',
        at: at(day(trip.end), 3),
        place: String(request.formData['trip.destination']),
        party: {
          name: enterprise(ROLES.consignee).name,
          creditCode: enterprise(ROLES.consignee).creditCode,
        },
        permitNumber,
      });
    }
  });
}

/** Seeds the data directory once; later starts find `seeded_on` and skip. */
export function seedDatabase(db: Db, options: SeedOptions): void {
  if (getMeta(db, 'seeded_on') !== undefined) return;
  const seedDate = options.calendar.localDate(options.now);
  const cast = buildCast(seedDate);
  db.transaction(() => {
    storeItems(db, catalogueItems(options.generatedItems ?? DEFAULT_GENERATED_ITEMS));
    const insertDoc = db.prepare(
      `INSERT INTO documents (document_id, kind, license_type, holder_type, holder_code,
         valid_until, record) VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const d of cast.documents) {
      insertDoc.run(
        d.documentId,
        d.kind,
        d.licenseType ?? null,
        d.holder.type,
        d.holder.code,
        d.validUntil,
        JSON.stringify(d),
      );
    }
    const insertLink = db.prepare(
      'INSERT INTO agent_links (person_code, enterprise_code) VALUES (?, ?)',
    );
    for (const l of cast.agentLinks) insertLink.run(l.personCode, l.enterpriseCode);

    const consignor = enterprise(ROLES.consignor);
    const manufacturer = { name: consignor.name, creditCode: consignor.creditCode };
    for (const b of cast.batches) {
      storeBatch(db, {
        gtin: b.gtin,
        batch: b.batch,
        productName: b.productName,
        line: b.line,
        manufacturer,
      });
      const producedAt = options.calendar.startOfDay(b.producedOn).getTime();
      storeFlowEvent(db, b.gtin, b.batch, {
        type: 'PRODUCED',
        at: new Date(producedAt + 9 * 3_600_000).toISOString(),
        place: consignor.address,
        party: manufacturer,
      });
      storeFlowEvent(db, b.gtin, b.batch, {
        type: 'WAREHOUSED',
        at: new Date(producedAt + 33 * 3_600_000).toISOString(),
        place: `${regionName(DEMO_HALL_REGION).zh}金山镇烟花爆竹仓库`,
        party: manufacturer,
      });
    }
    seedHistory(db, cast, options, seedDate);
    setMeta(db, 'seeded_on', seedDate);
    setMeta(db, 'catalogue_version', '1');
  })();
}

/** The cast as seeded in this data directory (same seed date, same documents). */
export function seededCast(db: Db): Cast {
  const seedDate = getMeta(db, 'seeded_on');
  if (!seedDate) throw new Error('the data directory is not seeded');
  return buildCast(seedDate);
}

export function contentHash(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex');
}
