/**
 * Who the sandbox knows: the same synthetic people the ID-card simulator carries
 * (DEMO_PEOPLE_SEEDS), synthetic enterprises, their e-licenses with valid GB/T 36904
 * identifiers, and the supply-chain platform's records (purchase contracts, quality
 * certificates, goods batches) for a repeat fireworks shipper, so that a repeat permit needs
 * no scan at all.
 *
 * Dates are relative to the day the data directory is seeded, so "expires in 20 days" stays
 * true in a fresh demo whatever the calendar says.
 */
import { buildELicenseIdentifier } from '../../drivers/common/identifiers.js';
import { gs1CheckDigit } from '../../drivers/common/gs1.js';
import {
  DEMO_PEOPLE_SEEDS,
  syntheticEnterprise,
  syntheticPerson,
  type SyntheticEnterprise,
  type SyntheticPerson,
} from '../../drivers/common/synthetic.js';
import { addCalendarDays } from '../calendar.js';
import { agency } from './authorities.js';
import { DEMO_HALL_REGION } from './items.js';
import { licenseType } from './license-types.js';
import type { GoodsLine, StoredDocument } from '../types.js';

/** Enterprise seeds by role in the fireworks story (see docs/approval-api.md, "Seed data"). */
export const ROLES = {
  /** 萍乡市莲花华盛烟花爆竹有限公司: producer, repeat shipper with everything on file. */
  consignor: 8,
  /** 朝阳鸿运烟花爆竹批发有限公司: the wholesaler that buys from the consignor. */
  consignee: 1,
  /** 朝阳红星危险货物运输有限公司: carrier with valid licenses and two vehicles. */
  carrier: 3,
  /** 深圳市福田恒通危险货物运输有限公司: carrier whose operation license runs out soon. */
  expiringCarrier: 7,
  /** 深圳市福田华盛烟花爆竹有限公司: producer with no supply-chain records (first-time). */
  newShipper: 2,
  /** 杭州市西湖金龙烟花爆竹批发有限公司: wholesaler whose license expires within 60 days. */
  expiringWholesaler: 6,
} as const;

/** Person seeds by role. */
export const PEOPLE = {
  /** Authorised agent of the consignor and of the first-time shipper. */
  agent: 1,
  driver: 2,
  escort: 3,
  /** A driver whose qualification expires 20 days after seeding. */
  expiringDriver: 4,
  /** Holds a fireworks retail license that expires 40 days after seeding. */
  retailer: 5,
} as const;

export const ENTERPRISE_SEEDS = [1, 2, 3, 4, 5, 6, 7, 8] as const;

export const VEHICLES = {
  carrierMain: '京AD1234',
  carrierSecond: '京AD5678',
  expiringCarrier: '粤BD0007',
} as const;

export interface CastBatch {
  readonly gtin: string;
  readonly batch: string;
  readonly productName: string;
  readonly line: GoodsLine;
  readonly manufacturerSeed: number;
  readonly producedOn: string;
}

export interface Cast {
  readonly people: readonly SyntheticPerson[];
  readonly enterprises: readonly SyntheticEnterprise[];
  readonly documents: readonly StoredDocument[];
  readonly agentLinks: readonly { personCode: string; enterpriseCode: string }[];
  readonly batches: readonly CastBatch[];
}

export function enterprise(seed: number): SyntheticEnterprise {
  return syntheticEnterprise(seed);
}

export function person(seed: number): SyntheticPerson {
  return syntheticPerson(seed);
}

/**
 * GTIN-14 for a synthetic product: indicator 0, GS1 China prefix 693, a company number from
 * the enterprise seed, an item reference, then the GS1 mod-10 check digit.
 */
export function syntheticGtin(manufacturerSeed: number, itemRef: number): string {
  const body = `0693${String(manufacturerSeed).padStart(5, '0')}${String(itemRef).padStart(4, '0')}`;
  return body + gs1CheckDigit(body);
}

/** The consignor's products; the repeat-shipper contract covers both. */
export const CONSIGNOR_PRODUCTS: readonly { name: string; line: GoodsLine; itemRef: number }[] = [
  {
    name: '36发组合烟花',
    line: { category: 'C级组合烟花', specification: '36发', quantity: 200, unit: '箱' },
    itemRef: 1,
  },
  {
    name: '5000响电光爆竹',
    line: { category: 'C级爆竹', specification: '5000响', quantity: 300, unit: '箱' },
    itemRef: 2,
  },
];

let serialCounter = 0;

function eLicense(
  typeCodeName: string,
  holder: { type: 'PERSON' | 'ENTERPRISE'; code: string; name: string },
  issuerRegion: string,
  validFrom: string,
  validUntil: string | null,
  number: string,
  data: Record<string, unknown> = {},
): StoredDocument {
  const type = licenseType(typeCodeName);
  const issuer = agency(type.issuedBy, issuerRegion);
  serialCounter++;
  const serial = `${validFrom.slice(0, 4)}${String(serialCounter).padStart(5, '0')}`;
  const documentId = buildELicenseIdentifier({
    typeCode: type.typeCode,
    issuerCreditCode: issuer.creditCode,
    serial,
    version: '001',
  });
  return {
    documentId,
    kind: 'E_LICENSE',
    licenseType: type.code,
    typeCode: type.typeCode,
    typeName: type.name,
    number,
    holder: { type: holder.type, code: holder.code },
    holderName: holder.name,
    issuer: { name: issuer.name['zh-CN'], creditCode: issuer.creditCode },
    issuedOn: validFrom,
    validFrom,
    validUntil,
    trustLevel: 'A',
    data: { holderCode: holder.code, ...data },
  };
}

const ent = (seed: number) => {
  const e = enterprise(seed);
  return { type: 'ENTERPRISE' as const, code: e.creditCode, name: e.name, region: e.regionCode };
};
const per = (seed: number) => {
  const p = person(seed);
  return { type: 'PERSON' as const, code: p.idNumber, name: p.name, region: p.regionCode };
};

/** Builds the whole cast for a data directory seeded on `seedDate` (YYYY-MM-DD). */
export function buildCast(seedDate: string): Cast {
  serialCounter = 0;
  const day = (offset: number): string => addCalendarDays(seedDate, offset);
  const documents: StoredDocument[] = [];

  // Business licenses for every enterprise (no end date).
  for (const seed of ENTERPRISE_SEEDS) {
    const e = ent(seed);
    documents.push(
      eLicense('BUSINESS_LICENSE', e, e.region, day(-2000 - seed * 30), null, e.code, {
        legalRepresentative: enterprise(seed).legalRepresentative.name,
        address: enterprise(seed).address,
      }),
    );
  }

  // Fireworks producers and wholesalers.
  const consignor = ent(ROLES.consignor);
  documents.push(
    eLicense(
      'FIREWORKS_PRODUCTION_LICENSE',
      consignor,
      consignor.region,
      day(-400),
      day(700),
      `（赣）YH安许证字〔${day(-400).slice(0, 4)}〕0008号`,
      {
        scope: ['C级组合烟花', 'C级爆竹'],
      },
    ),
  );
  const newShipper = ent(ROLES.newShipper);
  documents.push(
    eLicense(
      'FIREWORKS_PRODUCTION_LICENSE',
      newShipper,
      newShipper.region,
      day(-300),
      day(800),
      `（粤）YH安许证字〔${day(-300).slice(0, 4)}〕0002号`,
    ),
  );
  const consignee = ent(ROLES.consignee);
  documents.push(
    eLicense(
      'FIREWORKS_WHOLESALE_LICENSE',
      consignee,
      consignee.region,
      day(-500),
      day(600),
      `（京）YH经许〔${day(-500).slice(0, 4)}〕0101号`,
    ),
  );
  const expiringWholesaler = ent(ROLES.expiringWholesaler);
  documents.push(
    eLicense(
      'FIREWORKS_WHOLESALE_LICENSE',
      expiringWholesaler,
      expiringWholesaler.region,
      day(-1065),
      day(30),
      `（浙）YH经许〔${day(-1065).slice(0, 4)}〕0066号`,
    ),
  );

  // Carriers: operation licenses and vehicle certificates.
  const carrier = ent(ROLES.carrier);
  documents.push(
    eLicense(
      'DG_TRANSPORT_OPERATION_LICENSE',
      carrier,
      carrier.region,
      day(-600),
      day(860),
      `京交运管许可危字110105000123号`,
      {
        scope: ['1类（爆炸品）'],
      },
    ),
  );
  for (const plate of [VEHICLES.carrierMain, VEHICLES.carrierSecond]) {
    documents.push(
      eLicense(
        'VEHICLE_ROAD_TRANSPORT_CERT',
        carrier,
        carrier.region,
        day(-200),
        day(530),
        `京字${plate.slice(1)}号`,
        {
          plateNumber: plate,
          operatorCreditCode: carrier.code,
          vehicleType: '厢式危险品运输车',
        },
      ),
    );
  }
  const expiringCarrier = ent(ROLES.expiringCarrier);
  documents.push(
    eLicense(
      'DG_TRANSPORT_OPERATION_LICENSE',
      expiringCarrier,
      expiringCarrier.region,
      day(-1455),
      day(5),
      `粤交运管许可危字440304000777号`,
      {
        scope: ['1类（爆炸品）'],
      },
    ),
    eLicense(
      'VEHICLE_ROAD_TRANSPORT_CERT',
      expiringCarrier,
      expiringCarrier.region,
      day(-100),
      day(630),
      `粤字${VEHICLES.expiringCarrier.slice(1)}号`,
      {
        plateNumber: VEHICLES.expiringCarrier,
        operatorCreditCode: expiringCarrier.code,
        vehicleType: '厢式危险品运输车',
      },
    ),
  );

  // Drivers and escorts.
  const qualification = (
    seed: number,
    role: 'DRIVER' | 'ESCORT',
    until: string,
  ): StoredDocument => {
    const p = per(seed);
    return eLicense('DG_PRACTITIONER_QUALIFICATION', p, p.region, day(-1000), until, p.code, {
      role,
      category: '道路危险货物运输',
    });
  };
  documents.push(
    qualification(PEOPLE.driver, 'DRIVER', day(1190)),
    qualification(PEOPLE.escort, 'ESCORT', day(1190)),
    qualification(PEOPLE.expiringDriver, 'DRIVER', day(20)),
  );

  // A retailer whose yearly license is about to lapse.
  const retailer = per(PEOPLE.retailer);
  documents.push(
    eLicense(
      'FIREWORKS_RETAIL_LICENSE',
      retailer,
      DEMO_HALL_REGION,
      day(-325),
      day(40),
      `（赣）YH零许〔${day(-325).slice(0, 4)}〕0315号`,
      {
        shopAddress: `${person(PEOPLE.retailer).address}门面`,
      },
    ),
  );

  // Supply chain: the consignor's batches, contract with the consignee, quality certificates.
  const batches: CastBatch[] = CONSIGNOR_PRODUCTS.map((p, i) => ({
    gtin: syntheticGtin(ROLES.consignor, p.itemRef),
    batch: `LH${day(-20).replace(/-/g, '').slice(2)}${String.fromCharCode(65 + i)}`,
    productName: p.name,
    line: p.line,
    manufacturerSeed: ROLES.consignor,
    producedOn: day(-20),
  }));
  const contractNumber = `GX-${day(-10).replace(/-/g, '')}-0001`;
  documents.push({
    documentId: `SC-PC-${ROLES.consignor}-0001`,
    kind: 'PURCHASE_CONTRACT',
    typeName: { 'zh-CN': '烟花爆竹购销合同', en: 'Fireworks purchase contract' },
    number: contractNumber,
    holder: { type: 'ENTERPRISE', code: consignor.code },
    holderName: consignor.name,
    issuer: {
      name: '烟花爆竹流向管理信息系统',
      creditCode: agency('emergency', DEMO_HALL_REGION).creditCode,
    },
    issuedOn: day(-10),
    validFrom: day(-10),
    validUntil: day(180),
    trustLevel: 'A',
    data: {
      holderCode: consignor.code,
      seller: { name: consignor.name, creditCode: consignor.code },
      buyer: { name: consignee.name, creditCode: consignee.code },
      goods: CONSIGNOR_PRODUCTS.map((p) => p.line),
      batches: batches.map((b) => ({ gtin: b.gtin, batch: b.batch })),
    },
  });
  batches.forEach((b, i) => {
    documents.push({
      documentId: `SC-QC-${ROLES.consignor}-000${i + 1}`,
      kind: 'QUALITY_CERTIFICATE',
      typeName: {
        'zh-CN': '产品质量和包装合格证明',
        en: 'Product quality and packaging certificate',
      },
      number: `QC-${b.batch}`,
      holder: { type: 'ENTERPRISE', code: consignor.code },
      holderName: consignor.name,
      issuer: {
        name: '萍乡市烟花爆竹产品质量检验所（模拟）',
        creditCode: agency('market', '360321').creditCode,
      },
      issuedOn: day(-18),
      validFrom: day(-18),
      validUntil: day(347),
      trustLevel: 'A',
      data: {
        holderCode: consignor.code,
        product: b.productName,
        line: b.line,
        gtin: b.gtin,
        batch: b.batch,
        result: 'PASS',
        packaging: 'PASS',
      },
    });
  });

  // The agent's authorisations, on file so an agent needs no paper to act for them.
  const agent = person(PEOPLE.agent);
  for (const principal of [consignor, newShipper]) {
    documents.push(
      eLicense(
        'AGENT_AUTHORISATION',
        principal,
        principal.region,
        day(-30),
        day(335),
        `SQ-${principal.code.slice(-6)}-01`,
        {
          agentIdNumber: agent.idNumber,
          agentName: agent.name,
          scope: 'FW-ROAD-TRANSPORT-PERMIT',
        },
      ),
    );
  }

  const agentCode = agent.idNumber;
  return {
    people: DEMO_PEOPLE_SEEDS.map((s) => person(s)),
    enterprises: ENTERPRISE_SEEDS.map((s) => enterprise(s)),
    documents,
    agentLinks: [
      { personCode: agentCode, enterpriseCode: consignor.code },
      { personCode: agentCode, enterpriseCode: newShipper.code },
    ],
    batches,
  };
}
