/**
 * A generated province-scale catalogue for scale tests (search, paging, caching). Items are
 * built deterministically from a seed out of topic, agency and material pools, so they look
 * like a real implementation list (the same basic item implemented in every county) and
 * exercise every shape of the item record: conditional materials, license sources, special
 * steps, parallel departments, fees.
 */
import { seededRandom } from '../../drivers/common/synthetic.js';
import { agency, type AgencyKind } from './authorities.js';
import { LICENSE_TYPES } from './license-types.js';
import type { DeliveryOption, FormField, ItemRecord, LocalizedText, Material } from '../types.js';

/** Province used for generated items: Jiangxi (GB/T 2260 prefix 36). */
const PROVINCE_PREFIX = '36';
/** Cities 01..11 with up to 12 counties each give 132 synthetic county codes. */
const CITY_COUNT = 11;
const COUNTIES_PER_CITY = 12;

const TOPICS: readonly { zh: string; en: string; agency: AgencyKind; kind: ItemRecord['kind'] }[] =
  [
    {
      zh: '公共场所卫生许可',
      en: 'Public venue hygiene license',
      agency: 'market',
      kind: 'LICENSING',
    },
    {
      zh: '户口迁移',
      en: 'Household registration transfer',
      agency: 'psb',
      kind: 'PUBLIC_SERVICE',
    },
    { zh: '出生登记', en: 'Birth registration', agency: 'psb', kind: 'REGISTRATION' },
    {
      zh: '普通货物道路运输经营许可',
      en: 'Road freight operation license',
      agency: 'transport',
      kind: 'LICENSING',
    },
    {
      zh: '出租汽车驾驶员从业资格',
      en: 'Taxi driver qualification',
      agency: 'transport',
      kind: 'CONFIRMATION',
    },
    {
      zh: '特种设备使用登记',
      en: 'Special equipment registration',
      agency: 'market',
      kind: 'REGISTRATION',
    },
    { zh: '安全生产许可', en: 'Work safety license', agency: 'emergency', kind: 'LICENSING' },
    {
      zh: '危险化学品登记',
      en: 'Hazardous chemicals registration',
      agency: 'emergency',
      kind: 'REGISTRATION',
    },
    { zh: '保安服务许可', en: 'Security services license', agency: 'psb', kind: 'LICENSING' },
    {
      zh: '旅馆业特种行业许可',
      en: 'Hotel special trade license',
      agency: 'psb',
      kind: 'LICENSING',
    },
    {
      zh: '计量器具检定',
      en: 'Measuring instrument verification',
      agency: 'market',
      kind: 'PUBLIC_SERVICE',
    },
    {
      zh: '道路客运班线经营许可',
      en: 'Scheduled bus route license',
      agency: 'transport',
      kind: 'LICENSING',
    },
    { zh: '应急预案备案', en: 'Emergency plan filing', agency: 'emergency', kind: 'OTHER' },
    { zh: '广告发布登记', en: 'Advertising registration', agency: 'market', kind: 'REGISTRATION' },
    { zh: '养犬登记', en: 'Dog registration', agency: 'psb', kind: 'REGISTRATION' },
    {
      zh: '机动车维修经营备案',
      en: 'Vehicle repair business filing',
      agency: 'transport',
      kind: 'OTHER',
    },
  ];

const VARIANTS: readonly LocalizedText[] = [
  { 'zh-CN': '新办', en: 'new' },
  { 'zh-CN': '变更', en: 'change' },
  { 'zh-CN': '延续', en: 'renewal' },
  { 'zh-CN': '注销', en: 'cancellation' },
  { 'zh-CN': '补办', en: 'replacement' },
];

const MATERIAL_POOL: readonly { code: string; zh: string; en: string }[] = [
  { code: 'APPLICATION_FORM', zh: '申请表', en: 'Application form' },
  { code: 'ID_PROOF', zh: '身份证明', en: 'Identity document' },
  { code: 'PREMISES_PROOF', zh: '场所使用证明', en: 'Proof of premises' },
  { code: 'FLOOR_PLAN', zh: '平面布置图', en: 'Floor plan' },
  { code: 'STAFF_LIST', zh: '从业人员名单', en: 'Staff list' },
  { code: 'SAFETY_RULES', zh: '安全管理制度', en: 'Safety rules' },
  { code: 'EQUIPMENT_LIST', zh: '设备清单', en: 'Equipment list' },
  { code: 'INSPECTION_REPORT', zh: '检测报告', en: 'Inspection report' },
  { code: 'AUTHORISATION', zh: '授权委托书', en: 'Power of attorney' },
  { code: 'PREVIOUS_CERTIFICATE', zh: '原证件', en: 'Previous certificate' },
];

/**
 * Result delivery of a generated item, from its topic and outcome alone (no random draw, so
 * adding it left every other generated value as it was): every item can be picked up at the
 * agency's counter; licenses are also issued electronically (the default); every other topic
 * also posts its result, free of charge.
 */
function generatedDelivery(
  topicIndex: number,
  agencyName: LocalizedText,
  outcome: ItemRecord['outcome']['kind'],
): DeliveryOption[] {
  const electronic = outcome === 'LICENSE';
  const options: DeliveryOption[] = [
    {
      kind: 'PICK_UP',
      detail: {
        'zh-CN': `${agencyName['zh-CN']}办事窗口领取`,
        en: `At the counter of ${agencyName.en}`,
      },
      isDefault: !electronic,
    },
  ];
  if (topicIndex % 2 === 0) {
    options.push({
      kind: 'POST',
      detail: {
        'zh-CN': 'EMS 寄送到申请人确认的地址，邮费由发证机关承担',
        en: 'Sent by EMS to your address; the agency pays the postage',
      },
      isDefault: false,
    });
  }
  if (electronic) {
    options.push({
      kind: 'E_LICENSE',
      detail: {
        'zh-CN': '发放电子证照至证照库',
        en: 'Issued to the license library as an electronic license',
      },
      isDefault: true,
    });
  }
  return options;
}

function regionCodes(): string[] {
  const codes: string[] = [];
  for (let city = 1; city <= CITY_COUNT; city++) {
    for (let county = 2; county < 2 + COUNTIES_PER_CITY; county++) {
      codes.push(
        `${PROVINCE_PREFIX}${String(city).padStart(2, '0')}${String(county).padStart(2, '0')}`,
      );
    }
  }
  return codes;
}

function generatedMaterials(rand: () => number, variant: number): Material[] {
  const count = 1 + Math.floor(rand() * 6);
  const start = Math.floor(rand() * MATERIAL_POOL.length);
  const materials: Material[] = [];
  for (let i = 0; i < count; i++) {
    const m = MATERIAL_POOL[(start + i) % MATERIAL_POOL.length]!;
    const useLicense = rand() < 0.25;
    const license = LICENSE_TYPES[Math.floor(rand() * LICENSE_TYPES.length)]!;
    const isConditional =
      m.code === 'AUTHORISATION' || (m.code === 'PREVIOUS_CERTIFICATE' && variant !== 0);
    materials.push({
      code: m.code,
      name: { 'zh-CN': m.zh, en: m.en },
      originals: 1,
      copies: Math.floor(rand() * 2),
      issuer: { 'zh-CN': '申请人', en: 'Applicant' },
      medium: 'EITHER',
      requirement:
        m.code === 'AUTHORISATION'
          ? {
              kind: 'CONDITIONAL',
              condition: { field: 'byAgent', op: 'EQ', value: 'YES' },
              explanation: { 'zh-CN': '委托代理人办理的', en: 'When an agent applies' },
            }
          : isConditional
            ? {
                kind: 'CONDITIONAL',
                condition: { field: 'variant', op: 'NE', value: 'NEW' },
                explanation: { 'zh-CN': '非新办的', en: 'Unless it is a new application' },
              }
            : { kind: 'REQUIRED' },
      sources: useLicense
        ? [
            { kind: 'E_LICENSE', licenseTypes: [license.code], trustLevel: 'A' },
            { kind: 'SCAN', trustLevel: 'C' },
          ]
        : [{ kind: 'SCAN', trustLevel: 'C' }],
    });
  }
  return materials;
}

const GENERATED_FORM_FIELDS: readonly FormField[] = [
  {
    key: 'byAgent',
    label: { 'zh-CN': '是否委托代理', en: 'Applying through an agent' },
    type: 'SELECT',
    required: true,
    options: [
      { value: 'YES', label: { 'zh-CN': '是', en: 'Yes' } },
      { value: 'NO', label: { 'zh-CN': '否', en: 'No' } },
    ],
  },
  {
    key: 'variant',
    label: { 'zh-CN': '办理类型', en: 'Kind of application' },
    type: 'SELECT',
    required: true,
    options: [
      { value: 'NEW', label: { 'zh-CN': '新办', en: 'New' } },
      { value: 'OTHER', label: { 'zh-CN': '其他', en: 'Other' } },
    ],
  },
];

/** `count` generated items, deterministic for a given seed. */
export function generateCatalogue(count: number, seed = 2026): ItemRecord[] {
  const rand = seededRandom(seed);
  const regions = regionCodes();
  const items: ItemRecord[] = [];
  for (let n = 0; n < count; n++) {
    const topicIndex = n % TOPICS.length;
    const topic = TOPICS[topicIndex]!;
    const variantIndex = Math.floor(n / TOPICS.length) % VARIANTS.length;
    const variant = VARIANTS[variantIndex]!;
    const regionCode = regions[Math.floor(n / (TOPICS.length * VARIANTS.length)) % regions.length]!;
    const a = agency(topic.agency, regionCode);
    const statutory = [5, 10, 15, 20, 30, 60][Math.floor(rand() * 6)]!;
    const promised = Math.max(0, Math.floor(statutory * (0.2 + rand() * 0.6)));
    const handling = `GEN-${String(topicIndex + 1).padStart(2, '0')}-${variantIndex + 1}`;
    const item: Omit<ItemRecord, 'resultDelivery'> = {
      implementCode: `${regionCode}-${handling}-${String(n).padStart(5, '0')}`,
      basicCode: `0003${String(topicIndex + 1).padStart(4, '0')}0${variantIndex + 1}0`,
      handlingItemCode: handling,
      version: 1 + Math.floor(rand() * 3),
      effectiveFrom: `202${3 + Math.floor(rand() * 3)}-0${1 + Math.floor(rand() * 9)}-01`,
      name: {
        'zh-CN': `${topic.zh}（${variant['zh-CN']}）`,
        en: `${topic.en} (${variant.en})`,
      },
      kind: topic.kind,
      category: `generated-${topic.agency}`,
      agency: {
        name: a.name,
        nature: rand() < 0.9 ? 'STATUTORY' : 'ENTRUSTED',
        creditCode: a.creditCode,
        level: 'COUNTY',
        regionCode,
      },
      legalBasis: [
        {
          title: { 'zh-CN': `${topic.zh}管理办法（示例）`, en: `${topic.en} rules (sample)` },
          article: `第${1 + Math.floor(rand() * 40)}条`,
        },
      ],
      acceptanceConditions: [],
      applicantTypes: rand() < 0.5 ? ['PERSON'] : ['ENTERPRISE'],
      placeOfApplication: { rule: 'AGENCY_REGION' },
      formFields: GENERATED_FORM_FIELDS,
      materials: generatedMaterials(rand, variantIndex),
      crossFieldRules: [],
      timeLimits: {
        statutoryWorkingDays: statutory,
        promisedWorkingDays: promised,
        countsFrom: 'ACCEPTANCE',
      },
      specialSteps:
        rand() < 0.2
          ? [
              {
                code: 'ON_SITE_INSPECTION',
                name: { 'zh-CN': '现场核查', en: 'On-site inspection' },
                maxWorkingDays: 1 + Math.floor(rand() * 10),
                countsTowardLimit: rand() < 0.3,
              },
            ]
          : [],
      departments: [
        { code: 'MAIN', name: { 'zh-CN': '业务股室', en: 'Business unit' } },
        ...(rand() < 0.3
          ? [{ code: 'SECOND', name: { 'zh-CN': '会签股室', en: 'Co-signing unit' } }]
          : []),
      ],
      fee:
        rand() < 0.15
          ? { charged: true, amountFen: 1000 * (1 + Math.floor(rand() * 20)) }
          : { charged: false },
      visitsToHall: Math.floor(rand() * 2),
      outcome: {
        kind: rand() < 0.5 ? 'LICENSE' : 'CERTIFICATE',
        validity: { kind: 'YEARS', years: 1 + Math.floor(rand() * 5) },
      },
      keywords: [topic.zh, topic.en.toLowerCase(), variant['zh-CN']],
    };
    items.push({
      ...item,
      resultDelivery: generatedDelivery(topicIndex, a.name, item.outcome.kind),
    });
  }
  return items;
}
