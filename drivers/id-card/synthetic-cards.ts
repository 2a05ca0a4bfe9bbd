/**
 * Synthetic cards for the simulator, fixtures and benchmarks: the demo cast of
 * drivers/common/synthetic.ts on resident ID cards (the same people the sandbox API knows),
 * plus residence permits and foreigner cards from drivers/common/synthetic-permits.ts.
 */
import { DEMO_PEOPLE_SEEDS, seededRandom, syntheticPerson } from '../common/synthetic.js';
import { syntheticForeigner, syntheticGatHolder } from '../common/synthetic-permits.js';
import { FINGERPRINT_BYTES, PHOTO_BYTES } from './codec.js';
import { foreignerDisplayName, type DocumentType, type IdentityDocument } from './document.js';
import { nationName } from './nations.js';

/** A card the simulator can place on its reader. */
export interface SimulatedCard {
  readonly document: IdentityDocument;
  /** Opaque stand-in for the WLT photo: seeded bytes of the real size. */
  readonly photo: Uint8Array;
  /** Two 512-byte templates when the card carries fingerprints. */
  readonly fingerprint?: Uint8Array;
  /** The 8-byte serial the SAM reports on select. */
  readonly serial: Uint8Array;
}

export interface CardSpec {
  readonly kind: DocumentType;
  readonly seed: number;
  /** Whether the card carries fingerprint templates; default true for resident cards. */
  readonly fingerprint?: boolean;
}

/** Finger position codes at byte 5 of each 512-byte template: right thumb, left thumb. */
const FINGER_RIGHT_THUMB = 0x0b;
const FINGER_LEFT_THUMB = 0x10;
const FINGER_TEMPLATE_BYTES = FINGERPRINT_BYTES / 2;
const FINGER_POSITION_OFFSET = 5;

function seededBytes(seed: number, length: number): Uint8Array {
  const rand = seededRandom(seed);
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) out[i] = Math.floor(rand() * 256);
  return out;
}

/** The identity document of a synthetic card. */
export function syntheticDocument(kind: DocumentType, seed: number): IdentityDocument {
  switch (kind) {
    case 'resident': {
      const p = syntheticPerson(seed);
      return {
        documentType: 'resident',
        name: p.name,
        sex: p.sex,
        birthDate: p.birthDate,
        idNumber: p.idNumber,
        validFrom: p.validFrom,
        validUntil: p.validUntil,
        nationCode: p.nationCode,
        nation: nationName(p.nationCode) ?? '',
        address: p.address,
        issuingAuthority: p.issuingAuthority,
      };
    }
    case 'gat-residence-permit': {
      const h = syntheticGatHolder(seed);
      return {
        documentType: 'gat-residence-permit',
        name: h.name,
        sex: h.sex,
        birthDate: h.birthDate,
        idNumber: h.idNumber,
        validFrom: h.validFrom,
        validUntil: h.validUntil,
        region: h.region,
        address: h.address,
        issuingAuthority: h.issuingAuthority,
        passNumber: h.passNumber,
        issueCount: h.issueCount,
      };
    }
    case 'foreigner-permanent-2017':
    case 'foreigner-permanent-2023': {
      const f = syntheticForeigner(seed, kind === 'foreigner-permanent-2017' ? 2017 : 2023);
      const common = {
        name: foreignerDisplayName(f.chineseName, f.englishName),
        sex: f.sex,
        birthDate: f.birthDate,
        idNumber: f.idNumber,
        validFrom: f.validFrom,
        validUntil: f.validUntil,
        englishName: f.englishName,
        chineseName: f.chineseName,
        nationality: f.nationality,
      };
      return kind === 'foreigner-permanent-2017'
        ? {
            documentType: kind,
            ...common,
            cardVersion: '20',
            issuingAuthorityCode: f.issuingAuthorityCode,
          }
        : { documentType: kind, ...common, renewalCount: f.renewalCount, previousNumberLink: '' };
    }
    default: {
      const never: never = kind;
      throw new TypeError(`syntheticDocument: unknown card kind ${String(never)}`);
    }
  }
}

/** A complete synthetic card: document, photo bytes, optional fingerprints and serial. */
export function syntheticCard(spec: CardSpec): SimulatedCard {
  const kindSalt = ['resident', 'gat-residence-permit', 'foreigner-permanent-2017'].indexOf(
    spec.kind,
  );
  const salt = spec.seed * 31 + kindSalt + 1;
  const withFingerprint = spec.fingerprint ?? spec.kind === 'resident';
  let fingerprint: Uint8Array | undefined;
  if (withFingerprint) {
    fingerprint = seededBytes(salt * 5 + 2, FINGERPRINT_BYTES);
    fingerprint[FINGER_POSITION_OFFSET] = FINGER_RIGHT_THUMB;
    fingerprint[FINGER_TEMPLATE_BYTES + FINGER_POSITION_OFFSET] = FINGER_LEFT_THUMB;
  }
  return {
    document: syntheticDocument(spec.kind, spec.seed),
    photo: seededBytes(salt * 5 + 1, PHOTO_BYTES),
    ...(fingerprint ? { fingerprint } : {}),
    serial: seededBytes(salt * 5 + 3, 8),
  };
}

/** The demo deck: every demo person's resident card, then one card of each other kind. */
export function demoCardSpecs(): CardSpec[] {
  return [
    ...DEMO_PEOPLE_SEEDS.map((seed): CardSpec => ({ kind: 'resident', seed })),
    { kind: 'gat-residence-permit', seed: 1 },
    { kind: 'foreigner-permanent-2017', seed: 1 },
    { kind: 'foreigner-permanent-2023', seed: 1 },
  ];
}
