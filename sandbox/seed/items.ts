/**
 * The hand-written catalogue: items a county hall sees daily, led by the fireworks road
 * transport permit as 烟花爆竹安全管理条例 (State Council Order 455, revised by Order 666)
 * Art. 22–24 defines it: seven materials, a single-trip validity, a decision within three
 * working days of acceptance, no fee, and application at the origin or the destination.
 *
 * Only the fireworks permit's legal basis is checked against the statute (see
 * /docs/approval-api.md); the others' citations illustrate the shape of the data and must be
 * checked against the province's published service guides before any real use.
 *
 * Implementation codes are `<hall region>-<handling item code>`; the handling item code is
 * the stable name other data (license renewals, tests) refers to.
 */
import { agency, type AgencyKind } from './authorities.js';
import type {
  Condition,
  CrossFieldRule,
  Department,
  FormField,
  ItemRecord,
  LegalBasis,
  LocalizedText,
  Material,
  MaterialSource,
  SpecialStep,
  DeliveryOption,
  ValueRef,
} from '../types.js';

/** The demo hall's county: Shangli, Pingxiang (萍乡市上栗县), the fireworks worked case. */
export const DEMO_HALL_REGION = '360322';

export const FIREWORKS_TRANSPORT = 'FW-ROAD-TRANSPORT-PERMIT';
export const FIREWORKS_TRANSPORT_CODE = `${DEMO_HALL_REGION}-${FIREWORKS_TRANSPORT}`;

const t = (zh: string, en: string): LocalizedText => ({ 'zh-CN': zh, en });
const form = (field: string): ValueRef => ({ source: 'FORM', field });
const doc = (material: string, field: string): ValueRef => ({
  source: 'DOCUMENT',
  material,
  field,
});

const FIREWORKS_REGULATION = t('烟花爆竹安全管理条例', 'Regulation on the Safety of Fireworks');

const eLicense = (...licenseTypes: string[]): MaterialSource => ({
  kind: 'E_LICENSE',
  licenseTypes,
  trustLevel: 'A',
});
const supplyChain = (kind: 'PURCHASE_CONTRACT' | 'QUALITY_CERTIFICATE'): MaterialSource => ({
  kind: 'SUPPLY_CHAIN',
  recordKinds: [kind],
  trustLevel: 'A',
});
const SCAN: MaterialSource = { kind: 'SCAN', trustLevel: 'C' };
const COMMITMENT: MaterialSource = { kind: 'COMMITMENT', trustLevel: 'D' };
const fromForm = (...formFields: string[]): MaterialSource => ({
  kind: 'FORM',
  formFields,
  trustLevel: 'D',
});

const required = { kind: 'REQUIRED' } as const;

// Result delivery (结果送达方式). Counters are the demo hall's; "最多跑一次" halls commonly
// post results free of charge (the agency pays), others send them postage due.
const HALL = t('上栗县政务服务中心', 'Shangli service hall');
const pickUp = (counter: LocalizedText, isDefault = false): DeliveryOption => ({
  kind: 'PICK_UP',
  detail: t(`${HALL['zh-CN']}${counter['zh-CN']}窗口领取`, `${counter.en} counter, ${HALL.en}`),
  isDefault,
});
const post = (paidBy: 'AGENCY' | 'APPLICANT', isDefault = false): DeliveryOption => ({
  kind: 'POST',
  detail:
    paidBy === 'AGENCY'
      ? t(
          'EMS 寄送到申请人确认的地址，邮费由发证机关承担',
          'Sent by EMS to your address; the agency pays the postage',
        )
      : t(
          'EMS 寄送到申请人确认的地址，邮费由申请人到付',
          'Sent by EMS to your address; you pay the postage on delivery',
        ),
  isDefault,
});
const eLicenseResult = (isDefault = false): DeliveryOption => ({
  kind: 'E_LICENSE',
  detail: t(
    '发放电子证照至证照库，可在自助终端或政务服务 App 查看和出示',
    'Issued to the license library as an electronic license; view and show it at a kiosk or in the government service app',
  ),
  isDefault,
});
const conditional = (
  condition: Condition,
  explanation: LocalizedText,
): Material['requirement'] => ({
  kind: 'CONDITIONAL',
  condition,
  explanation,
});

function material(
  code: string,
  name: LocalizedText,
  issuer: LocalizedText,
  sources: MaterialSource[],
  extra: Partial<Material> = {},
): Material {
  return {
    code,
    name,
    originals: 1,
    copies: 0,
    issuer,
    medium: 'EITHER',
    requirement: required,
    sources,
    ...extra,
  };
}

function field(
  key: string,
  label: LocalizedText,
  type: FormField['type'],
  extra: Partial<FormField> = {},
): FormField {
  return { key, label, type, required: true, ...extra };
}

function dept(code: string, zh: string, en: string): Department {
  return { code, name: t(zh, en) };
}

/** The trip window every license must cover (条例 Art. 24: the permit is for one trip). */
const TRIP_WINDOW = { coversFrom: form('trip.startDate'), coversUntil: form('trip.endDate') };

function fireworksTransport(version: 1 | 2): ItemRecord {
  const psb = agency('psb', DEMO_HALL_REGION);
  const materials: Material[] = [
    material(
      'CARRIER_DG_TRANSPORT_LICENSE',
      t('承运人从事危险货物运输的资质证明', "Carrier's dangerous goods transport qualification"),
      t('道路运输管理机构', 'Road transport authority'),
      [eLicense('DG_TRANSPORT_OPERATION_LICENSE'), SCAN],
      { holders: [form('carrier.creditCode')], validity: TRIP_WINDOW },
    ),
    material(
      'DRIVER_ESCORT_QUALIFICATION',
      t('驾驶员、押运员的从业资格证明', 'Driver and escort qualifications'),
      t('道路运输管理机构', 'Road transport authority'),
      [eLicense('DG_PRACTITIONER_QUALIFICATION'), SCAN],
      {
        holders: [form('driver.idNumber'), form('escort.idNumber')],
        validity: TRIP_WINDOW,
      },
    ),
    material(
      'VEHICLE_ROAD_TRANSPORT_CERT',
      t('危险货物运输车辆的道路运输证明', "Vehicle's road transport certificate"),
      t('道路运输管理机构', 'Road transport authority'),
      [eLicense('VEHICLE_ROAD_TRANSPORT_CERT'), SCAN],
      { holders: [form('carrier.creditCode')], validity: TRIP_WINDOW },
    ),
    material(
      'CONSIGNOR_QUALIFICATION',
      t(
        '托运人从事烟花爆竹生产、经营的资质证明',
        "Consignor's production or trading qualification",
      ),
      t('应急管理部门', 'Emergency management authority'),
      [eLicense('FIREWORKS_PRODUCTION_LICENSE', 'FIREWORKS_WHOLESALE_LICENSE'), SCAN],
      { validity: TRIP_WINDOW },
    ),
    material(
      'PURCHASE_CONTRACT',
      t(
        '烟花爆竹的购销合同（载明种类、规格、数量）',
        'Purchase/sale contract stating type, specification and quantity',
      ),
      t('托运人与收货人', 'Consignor and consignee'),
      [supplyChain('PURCHASE_CONTRACT'), SCAN],
    ),
    material(
      'QUALITY_CERTIFICATES',
      t('烟花爆竹的产品质量和包装合格证明', 'Product quality and packaging certificates'),
      t('生产企业或检验机构', 'Manufacturer or testing body'),
      [supplyChain('QUALITY_CERTIFICATE'), SCAN],
    ),
    material(
      'TRIP_DETAILS',
      t(
        '运输车辆牌号、运输时间、起始地点、行驶路线、经停地点',
        'Plate, time, origin, route and stopovers',
      ),
      t('申请人填写', 'Filled in by the applicant'),
      [
        fromForm(
          'vehicle.plate',
          'trip.startDate',
          'trip.endDate',
          'trip.origin',
          'trip.destination',
          'trip.route',
          'trip.stopovers',
        ),
      ],
      { medium: 'ELECTRONIC' },
    ),
  ];
  if (version === 2) {
    materials.push(
      material(
        'DISPLAY_PERMIT',
        t('焰火晚会燃放许可证', 'Fireworks display permit'),
        t('公安机关', 'Public security organ'),
        [SCAN],
        {
          requirement: conditional(
            { field: 'trip.purpose', op: 'EQ', value: 'DISPLAY' },
            t('运往焰火晚会燃放现场的', 'When the goods go to a fireworks display'),
          ),
        },
      ),
    );
  }

  const formFields: FormField[] = [
    field('carrier.creditCode', t('承运人统一社会信用代码', 'Carrier credit code'), 'CREDIT_CODE', {
      prefillFrom: 'PREVIOUS_APPLICATION',
    }),
    field('carrier.name', t('承运人名称', 'Carrier name'), 'TEXT', {
      prefillFrom: 'PREVIOUS_APPLICATION',
    }),
    field('driver.idNumber', t('驾驶员身份证号', 'Driver ID number'), 'ID_NUMBER', {
      prefillFrom: 'PREVIOUS_APPLICATION',
    }),
    field('driver.name', t('驾驶员姓名', 'Driver name'), 'TEXT', {
      prefillFrom: 'PREVIOUS_APPLICATION',
    }),
    field('escort.idNumber', t('押运员身份证号', 'Escort ID number'), 'ID_NUMBER', {
      prefillFrom: 'PREVIOUS_APPLICATION',
    }),
    field('escort.name', t('押运员姓名', 'Escort name'), 'TEXT', {
      prefillFrom: 'PREVIOUS_APPLICATION',
    }),
    field('vehicle.plate', t('车辆牌号', 'Vehicle plate'), 'PLATE', {
      prefillFrom: 'PREVIOUS_APPLICATION',
    }),
    field('trip.startDate', t('运输开始日期', 'Trip start date'), 'DATE'),
    field('trip.endDate', t('运输结束日期', 'Trip end date'), 'DATE'),
    field('trip.origin', t('起始地点', 'Origin'), 'TEXT', { prefillFrom: 'PREVIOUS_APPLICATION' }),
    field('trip.originRegion', t('起运地行政区划', 'Origin region'), 'REGION', {
      prefillFrom: 'PREVIOUS_APPLICATION',
    }),
    field('trip.destination', t('到达地点', 'Destination'), 'TEXT', {
      prefillFrom: 'PREVIOUS_APPLICATION',
    }),
    field('trip.destinationRegion', t('到达地行政区划', 'Destination region'), 'REGION', {
      prefillFrom: 'PREVIOUS_APPLICATION',
    }),
    field('trip.route', t('行驶路线', 'Route'), 'TEXT', { prefillFrom: 'PREVIOUS_APPLICATION' }),
    field('trip.stopovers', t('经停地点', 'Stopovers'), 'TEXT_LIST', {
      required: false,
      prefillFrom: 'PREVIOUS_APPLICATION',
    }),
    field(
      'goods',
      t('烟花爆竹种类、规格、数量', 'Type, specification and quantity'),
      'GOODS_LINES',
    ),
  ];
  if (version === 2) {
    formFields.push(
      field('trip.purpose', t('运输用途', 'Purpose of the trip'), 'SELECT', {
        prefillFrom: 'PREVIOUS_APPLICATION',
        options: [
          { value: 'TRADE', label: t('销售', 'Trade') },
          { value: 'DISPLAY', label: t('焰火晚会燃放', 'Fireworks display') },
        ],
      }),
    );
  }

  const crossFieldRules: CrossFieldRule[] = [
    {
      code: 'TRIP_DATES_IN_ORDER',
      kind: 'DATE_ORDER',
      left: form('trip.startDate'),
      right: form('trip.endDate'),
      message: t('运输开始日期晚于结束日期', 'The trip starts after it ends'),
    },
    {
      code: 'PLATE_MATCHES_VEHICLE_CERT',
      kind: 'EQUALS',
      left: form('vehicle.plate'),
      right: doc('VEHICLE_ROAD_TRANSPORT_CERT', 'plateNumber'),
      message: t(
        '车辆牌号与道路运输证不一致',
        "The plate differs from the vehicle's road transport certificate",
      ),
    },
    {
      code: 'CARRIER_MATCHES_LICENSE',
      kind: 'EQUALS',
      left: form('carrier.creditCode'),
      right: doc('CARRIER_DG_TRANSPORT_LICENSE', 'holderCode'),
      message: t(
        '承运人与危险货物运输资质的持证单位不一致',
        'The carrier is not the holder of the dangerous goods transport license',
      ),
    },
    {
      code: 'VEHICLE_BELONGS_TO_CARRIER',
      kind: 'EQUALS',
      left: form('carrier.creditCode'),
      right: doc('VEHICLE_ROAD_TRANSPORT_CERT', 'holderCode'),
      message: t('车辆不属于承运人', 'The vehicle does not belong to the carrier'),
    },
    {
      code: 'GOODS_WITHIN_CONTRACT',
      kind: 'QUANTITY_AT_MOST',
      left: form('goods'),
      right: doc('PURCHASE_CONTRACT', 'goods'),
      message: t(
        '运输的种类或数量超出购销合同',
        'The goods exceed the purchase contract in type or quantity',
      ),
    },
  ];

  return {
    implementCode: FIREWORKS_TRANSPORT_CODE,
    basicCode: '000123021000',
    handlingItemCode: FIREWORKS_TRANSPORT,
    version,
    effectiveFrom: version === 1 ? '2016-02-06' : '2025-01-01',
    name: t('烟花爆竹道路运输许可', 'Fireworks road transport permit'),
    kind: 'LICENSING',
    category: 'public-security',
    agency: {
      name: psb.name,
      nature: 'STATUTORY',
      creditCode: psb.creditCode,
      level: 'COUNTY',
      regionCode: DEMO_HALL_REGION,
    },
    legalBasis: [
      {
        title: FIREWORKS_REGULATION,
        article: '第二十二条',
        text: t(
          '经由道路运输烟花爆竹的，应当经公安部门许可。',
          'Road transport of fireworks requires a permit from the public security organ.',
        ),
      },
      {
        title: FIREWORKS_REGULATION,
        article: '第二十三条',
        text: t(
          '托运人应当向运达地县级人民政府公安部门提出申请，并提交相关材料。',
          'The consignor applies to the county public security organ and submits the listed materials.',
        ),
      },
      {
        title: FIREWORKS_REGULATION,
        article: '第二十四条',
        text: t(
          '受理申请之日起3日内审查，对符合条件的核发许可证；不符合条件的书面说明理由。',
          'Decision within 3 days of acceptance; a refusal states its reasons in writing.',
        ),
      },
    ],
    acceptanceConditions: [
      t(
        '托运人持有烟花爆竹生产或经营许可',
        'The consignor holds a fireworks production or trading license',
      ),
      t('承运人具有危险货物运输资质', 'The carrier is qualified for dangerous goods transport'),
      t(
        '向起运地或运达地公安机关申请（2019年起可任选其一）',
        'Apply to the public security organ at the origin or the destination (either, since 2019)',
      ),
    ],
    applicantTypes: ['ENTERPRISE'],
    placeOfApplication: {
      rule: 'ORIGIN_OR_DESTINATION',
      regionFields: ['trip.originRegion', 'trip.destinationRegion'],
    },
    formFields,
    materials,
    crossFieldRules,
    timeLimits: { statutoryWorkingDays: 3, promisedWorkingDays: 3, countsFrom: 'ACCEPTANCE' },
    specialSteps: [],
    departments: [
      dept('PSB_PUBLIC_ORDER', '治安管理大队', 'Public order unit'),
      dept('PSB_TRAFFIC', '交通警察大队', 'Traffic police unit'),
    ],
    fee: {
      charged: false,
      basis: t('条例未规定收费', 'The regulation sets no fee'),
    },
    visitsToHall: 1,
    outcome: {
      kind: 'PERMIT',
      licenseType: 'FIREWORKS_ROAD_TRANSPORT_PERMIT',
      validity: { kind: 'SINGLE_TRIP' },
    },
    // Since the 2019 MPS flow the approved permit is electronic: pushed to the origin,
    // destination and en-route public security organs, checked at the roadside, cancelled when
    // the goods are booked in; a printed copy stamped by the issuing organ has the same force.
    resultDelivery: [
      {
        kind: 'E_LICENSE',
        detail: t(
          '电子许可证推送至起运地、运达地和途经地公安机关，路面查验电子许可证',
          'The electronic permit goes to the public security organs at origin, destination and en route; roadside checks read it',
        ),
        isDefault: true,
      },
      {
        kind: 'PICK_UP',
        detail: t(
          '上栗县政务服务中心公安窗口领取加盖公章的打印件',
          'A stamped printed copy at the public security counter, Shangli service hall',
        ),
        isDefault: false,
      },
    ],
    consultation: {
      phone: '0799-0000110',
      hours: t('工作日 9:00–17:00', 'Working days 9:00–17:00'),
      address: t('上栗县政务服务中心公安窗口', 'Public security counter, Shangli service hall'),
    },
    keywords: ['烟花', '爆竹', '运输', '危险货物', 'fireworks', 'transport', 'permit'],
  };
}

interface SimpleItemInput {
  readonly key: string;
  readonly basicCode: string;
  readonly name: LocalizedText;
  readonly kind: ItemRecord['kind'];
  readonly category: string;
  readonly agencyKind: AgencyKind;
  readonly law: LegalBasis;
  readonly applicantTypes: ItemRecord['applicantTypes'];
  readonly materials: Material[];
  readonly formFields?: FormField[];
  readonly statutory: number;
  readonly promised: number;
  readonly departments: Department[];
  readonly fee?: ItemRecord['fee'];
  readonly visits?: number;
  readonly outcome: ItemRecord['outcome'];
  readonly delivery: DeliveryOption[];
  readonly specialSteps?: SpecialStep[];
  readonly keywords: string[];
  readonly conditions?: LocalizedText[];
}

function simpleItem(input: SimpleItemInput): ItemRecord {
  const a = agency(input.agencyKind, DEMO_HALL_REGION);
  return {
    implementCode: `${DEMO_HALL_REGION}-${input.key}`,
    basicCode: input.basicCode,
    handlingItemCode: input.key,
    version: 1,
    effectiveFrom: '2024-01-01',
    name: input.name,
    kind: input.kind,
    category: input.category,
    agency: {
      name: a.name,
      nature: 'STATUTORY',
      creditCode: a.creditCode,
      level: 'COUNTY',
      regionCode: DEMO_HALL_REGION,
    },
    legalBasis: [input.law],
    acceptanceConditions: input.conditions ?? [],
    applicantTypes: input.applicantTypes,
    placeOfApplication: { rule: 'AGENCY_REGION' },
    formFields: input.formFields ?? [],
    materials: input.materials,
    crossFieldRules: [],
    timeLimits: {
      statutoryWorkingDays: input.statutory,
      promisedWorkingDays: input.promised,
      countsFrom: 'ACCEPTANCE',
    },
    specialSteps: input.specialSteps ?? [],
    departments: input.departments,
    fee: input.fee ?? { charged: false },
    visitsToHall: input.visits ?? 1,
    outcome: input.outcome,
    resultDelivery: input.delivery,
    keywords: input.keywords,
  };
}

const ID_CARD_COPY = material(
  'APPLICANT_ID',
  t('申请人身份证明', "Applicant's identity document"),
  t('公安机关', 'Public security organ'),
  [{ kind: 'FORM', formFields: [], trustLevel: 'A' }],
  {
    medium: 'ELECTRONIC',
    notes: t('在自助终端读取身份证即可', 'Read from the ID card at the kiosk'),
  },
);
const BUSINESS_LICENSE = material(
  'BUSINESS_LICENSE',
  t('营业执照', 'Business license'),
  t('市场监督管理部门', 'Market regulation authority'),
  [eLicense('BUSINESS_LICENSE'), SCAN],
  { validity: { validOnSubmission: true } },
);
const SAFETY_COMMITMENT = material(
  'SAFETY_COMMITMENT',
  t('安全生产承诺书', 'Safety commitment'),
  t('申请人', 'Applicant'),
  [COMMITMENT],
);
const ON_SITE_INSPECTION: SpecialStep = {
  code: 'ON_SITE_INSPECTION',
  name: t('现场核查', 'On-site inspection'),
  maxWorkingDays: 5,
  countsTowardLimit: false,
};

function dailyItems(): ItemRecord[] {
  const emergencyDept = [dept('EM_HAZCHEM', '危险化学品安全监管股', 'Hazardous chemicals unit')];
  const transportDept = [
    dept('TR_FREIGHT', '道路货运管理股', 'Road freight unit'),
    dept('TR_SAFETY', '安全监督股', 'Safety supervision unit'),
  ];
  const marketDept = [dept('MK_REGISTRATION', '登记注册股', 'Registration unit')];
  const psbPopulation = [dept('PSB_POPULATION', '户政管理大队', 'Household registration unit')];
  return [
    simpleItem({
      key: 'FW-RETAIL-LICENSE',
      basicCode: '000123022000',
      name: t('烟花爆竹经营（零售）许可', 'Fireworks trading license (retail)'),
      kind: 'LICENSING',
      category: 'emergency-management',
      agencyKind: 'emergency',
      law: { title: FIREWORKS_REGULATION, article: '第十九条' },
      applicantTypes: ['PERSON', 'ENTERPRISE'],
      materials: [
        ID_CARD_COPY,
        material(
          'SHOP_PREMISES',
          t('零售场所平面图及产权或租赁证明', 'Shop floor plan and lease or title'),
          t('申请人', 'Applicant'),
          [SCAN],
        ),
        material(
          'SAFETY_TRAINING',
          t('安全培训合格证明', 'Safety training certificate'),
          t('培训机构', 'Training body'),
          [SCAN],
        ),
        material(
          'PREVIOUS_RETAIL_LICENSE',
          t('原零售许可证（延续时）', 'Previous retail license (for renewal)'),
          t('应急管理部门', 'Emergency management authority'),
          [eLicense('FIREWORKS_RETAIL_LICENSE'), SCAN],
          {
            requirement: conditional(
              { field: 'renewal', op: 'EQ', value: 'YES' },
              t('申请延续的', 'When renewing'),
            ),
          },
        ),
        SAFETY_COMMITMENT,
      ],
      formFields: [
        field('shop.address', t('零售场所地址', 'Shop address'), 'TEXT'),
        field('renewal', t('是否延续', 'Renewal'), 'SELECT', {
          options: [
            { value: 'YES', label: t('延续', 'Renewal') },
            { value: 'NO', label: t('新办', 'New') },
          ],
        }),
      ],
      statutory: 20,
      promised: 5,
      departments: emergencyDept,
      outcome: {
        kind: 'LICENSE',
        licenseType: 'FIREWORKS_RETAIL_LICENSE',
        validity: { kind: 'YEARS', years: 1 },
      },
      specialSteps: [ON_SITE_INSPECTION],
      delivery: [
        pickUp(t('应急管理', 'Emergency management'), true),
        post('AGENCY'),
        eLicenseResult(),
      ],
      keywords: ['烟花', '零售', '许可', 'fireworks', 'retail'],
    }),
    simpleItem({
      key: 'FW-WHOLESALE-LICENSE',
      basicCode: '000123023000',
      name: t('烟花爆竹经营（批发）许可', 'Fireworks trading license (wholesale)'),
      kind: 'LICENSING',
      category: 'emergency-management',
      agencyKind: 'emergency',
      law: { title: FIREWORKS_REGULATION, article: '第十八条' },
      applicantTypes: ['ENTERPRISE'],
      materials: [
        BUSINESS_LICENSE,
        material(
          'WAREHOUSE_SAFETY_ASSESSMENT',
          t('仓库安全评价报告', 'Warehouse safety assessment report'),
          t('安全评价机构', 'Safety assessment body'),
          [SCAN],
        ),
        material(
          'MANAGER_TRAINING',
          t('主要负责人安全培训证明', 'Manager safety training certificate'),
          t('培训机构', 'Training body'),
          [SCAN],
        ),
        SAFETY_COMMITMENT,
      ],
      statutory: 30,
      promised: 15,
      departments: emergencyDept,
      outcome: {
        kind: 'LICENSE',
        licenseType: 'FIREWORKS_WHOLESALE_LICENSE',
        validity: { kind: 'YEARS', years: 3 },
      },
      specialSteps: [{ ...ON_SITE_INSPECTION, maxWorkingDays: 10 }],
      delivery: [
        pickUp(t('应急管理', 'Emergency management'), true),
        post('AGENCY'),
        eLicenseResult(),
      ],
      keywords: ['烟花', '批发', 'fireworks', 'wholesale'],
    }),
    simpleItem({
      key: 'FW-DISPLAY-PERMIT',
      basicCode: '000123024000',
      name: t('焰火晚会燃放许可', 'Fireworks display permit'),
      kind: 'LICENSING',
      category: 'public-security',
      agencyKind: 'psb',
      law: { title: FIREWORKS_REGULATION, article: '第四章（燃放安全）' },
      applicantTypes: ['ENTERPRISE'],
      materials: [
        BUSINESS_LICENSE,
        material(
          'DISPLAY_PLAN',
          t('燃放作业方案', 'Display operation plan'),
          t('燃放作业单位', 'Display contractor'),
          [SCAN],
        ),
        material(
          'OPERATOR_QUALIFICATION',
          t('燃放作业单位资质证明', "Display contractor's qualification"),
          t('公安机关', 'Public security organ'),
          [SCAN],
        ),
      ],
      formFields: [
        field('display.date', t('燃放日期', 'Display date'), 'DATE'),
        field('display.place', t('燃放地点', 'Display place'), 'TEXT'),
      ],
      statutory: 20,
      promised: 10,
      departments: [
        dept('PSB_PUBLIC_ORDER', '治安管理大队', 'Public order unit'),
        dept('PSB_FIRE', '消防救援大队', 'Fire and rescue unit'),
      ],
      outcome: { kind: 'PERMIT', validity: { kind: 'SINGLE_TRIP' } },
      specialSteps: [
        { ...ON_SITE_INSPECTION, code: 'EXPERT_REVIEW', name: t('专家论证', 'Expert review') },
      ],
      delivery: [pickUp(t('公安', 'Public security'), true), eLicenseResult()],
      keywords: ['焰火', '燃放', 'display', 'fireworks'],
    }),
    simpleItem({
      key: 'DG-ROAD-TRANSPORT-OPERATION',
      basicCode: '000125011000',
      name: t('道路危险货物运输经营许可', 'Dangerous goods road transport operation license'),
      kind: 'LICENSING',
      category: 'transport',
      agencyKind: 'transport',
      law: {
        title: t('中华人民共和国道路运输条例', 'Road Transport Regulation'),
        article: '第二十三条、第二十四条',
      },
      applicantTypes: ['ENTERPRISE'],
      materials: [
        BUSINESS_LICENSE,
        material(
          'VEHICLE_LIST',
          t('专用车辆及设备情况', 'Special vehicles and equipment'),
          t('申请人', 'Applicant'),
          [SCAN],
        ),
        material(
          'STAFF_QUALIFICATIONS',
          t('驾驶员、押运员从业资格证', 'Driver and escort qualifications'),
          t('道路运输管理机构', 'Road transport authority'),
          [eLicense('DG_PRACTITIONER_QUALIFICATION'), SCAN],
        ),
        material(
          'SAFETY_RULES',
          t('安全生产管理制度文本', 'Safety management rules'),
          t('申请人', 'Applicant'),
          [SCAN],
        ),
      ],
      statutory: 20,
      promised: 10,
      departments: transportDept,
      outcome: {
        kind: 'LICENSE',
        licenseType: 'DG_TRANSPORT_OPERATION_LICENSE',
        validity: { kind: 'YEARS', years: 4 },
      },
      delivery: [pickUp(t('交通运输', 'Transport'), true), post('APPLICANT'), eLicenseResult()],
      keywords: ['危险货物', '运输', '经营许可', 'dangerous goods', 'transport'],
    }),
    simpleItem({
      key: 'VEHICLE-ROAD-TRANSPORT-CERT',
      basicCode: '000125012000',
      name: t('道路运输证配发', 'Vehicle road transport certificate'),
      kind: 'LICENSING',
      category: 'transport',
      agencyKind: 'transport',
      law: {
        title: t('道路货物运输及站场管理规定', 'Rules on road freight transport and stations'),
        article: '第二十六条',
      },
      applicantTypes: ['ENTERPRISE'],
      materials: [
        BUSINESS_LICENSE,
        material(
          'VEHICLE_REGISTRATION',
          t('机动车行驶证', 'Vehicle registration certificate'),
          t('公安交通管理部门', 'Traffic police'),
          [SCAN],
        ),
        material(
          'VEHICLE_INSPECTION',
          t('车辆技术等级评定证明', 'Vehicle technical grade certificate'),
          t('检测机构', 'Testing body'),
          [SCAN],
        ),
      ],
      formFields: [field('vehicle.plate', t('车辆牌号', 'Vehicle plate'), 'PLATE')],
      statutory: 20,
      promised: 5,
      departments: transportDept.slice(0, 1),
      outcome: {
        kind: 'CERTIFICATE',
        licenseType: 'VEHICLE_ROAD_TRANSPORT_CERT',
        validity: { kind: 'YEARS', years: 2 },
      },
      delivery: [pickUp(t('交通运输', 'Transport'), true), post('APPLICANT')],
      keywords: ['道路运输证', '车辆', 'vehicle', 'certificate'],
    }),
    simpleItem({
      key: 'DG-PRACTITIONER-QUALIFICATION',
      basicCode: '000125013000',
      name: t('道路危险货物运输从业资格证换发', 'Dangerous goods transport qualification renewal'),
      kind: 'CONFIRMATION',
      category: 'transport',
      agencyKind: 'transport',
      law: {
        title: t('道路运输从业人员管理规定', 'Rules on road transport practitioners'),
        article: '第二十四条',
      },
      applicantTypes: ['PERSON'],
      materials: [
        ID_CARD_COPY,
        material(
          'CURRENT_QUALIFICATION',
          t('原从业资格证', 'Current qualification certificate'),
          t('道路运输管理机构', 'Road transport authority'),
          [eLicense('DG_PRACTITIONER_QUALIFICATION'), SCAN],
        ),
        material(
          'CONTINUING_EDUCATION',
          t('继续教育记录', 'Continuing education record'),
          t('培训机构', 'Training body'),
          [SCAN],
          { requirement: { kind: 'OPTIONAL' } },
        ),
      ],
      statutory: 10,
      promised: 1,
      departments: transportDept.slice(0, 1),
      visits: 0,
      outcome: {
        kind: 'CERTIFICATE',
        licenseType: 'DG_PRACTITIONER_QUALIFICATION',
        validity: { kind: 'YEARS', years: 6 },
      },
      delivery: [eLicenseResult(true), post('APPLICANT')],
      keywords: ['从业资格', '驾驶员', '押运员', 'qualification', 'driver'],
    }),
    simpleItem({
      key: 'BUSINESS-LICENSE-CHANGE',
      basicCode: '000111002000',
      name: t('营业执照变更登记', 'Business license change registration'),
      kind: 'REGISTRATION',
      category: 'market-regulation',
      agencyKind: 'market',
      law: {
        title: t(
          '中华人民共和国市场主体登记管理条例',
          'Regulation on the Registration of Market Entities',
        ),
        article: '第二十四条',
      },
      applicantTypes: ['ENTERPRISE'],
      materials: [
        BUSINESS_LICENSE,
        material(
          'CHANGE_RESOLUTION',
          t('变更决议或决定', 'Resolution on the change'),
          t('申请人', 'Applicant'),
          [SCAN],
        ),
        material(
          'NEW_ADDRESS_PROOF',
          t('新住所使用证明', 'Proof of use of the new address'),
          t('申请人', 'Applicant'),
          [SCAN],
          {
            requirement: conditional(
              { field: 'change.kind', op: 'EQ', value: 'ADDRESS' },
              t('变更住所的', 'When the address changes'),
            ),
          },
        ),
      ],
      formFields: [
        field('change.kind', t('变更事项', 'What changes'), 'SELECT', {
          options: [
            { value: 'NAME', label: t('名称', 'Name') },
            { value: 'ADDRESS', label: t('住所', 'Address') },
            { value: 'SCOPE', label: t('经营范围', 'Business scope') },
            { value: 'REPRESENTATIVE', label: t('法定代表人', 'Legal representative') },
          ],
        }),
      ],
      statutory: 15,
      promised: 1,
      departments: marketDept,
      visits: 0,
      outcome: {
        kind: 'REGISTRATION',
        licenseType: 'BUSINESS_LICENSE',
        validity: { kind: 'PERMANENT' },
      },
      delivery: [eLicenseResult(true), post('AGENCY'), pickUp(t('市场监管', 'Market regulation'))],
      keywords: ['营业执照', '变更', 'business license', 'change'],
    }),
    simpleItem({
      key: 'INDIVIDUAL-BUSINESS-REGISTRATION',
      basicCode: '000111003000',
      name: t('个体工商户设立登记', 'Individual business registration'),
      kind: 'REGISTRATION',
      category: 'market-regulation',
      agencyKind: 'market',
      law: {
        title: t('促进个体工商户发展条例', 'Regulation on Promoting Individual Businesses'),
        article: '第八条',
      },
      applicantTypes: ['PERSON'],
      materials: [
        ID_CARD_COPY,
        material(
          'PREMISES_PROOF',
          t('经营场所使用证明', 'Proof of use of the premises'),
          t('申请人', 'Applicant'),
          [SCAN, COMMITMENT],
        ),
      ],
      formFields: [
        field('business.name', t('字号名称', 'Trade name'), 'TEXT', { required: false }),
        field('business.scope', t('经营范围', 'Business scope'), 'TEXT'),
      ],
      statutory: 15,
      promised: 0,
      departments: marketDept,
      visits: 0,
      outcome: {
        kind: 'REGISTRATION',
        licenseType: 'BUSINESS_LICENSE',
        validity: { kind: 'PERMANENT' },
      },
      delivery: [eLicenseResult(true), post('AGENCY'), pickUp(t('市场监管', 'Market regulation'))],
      keywords: ['个体工商户', '设立', 'individual business'],
    }),
    simpleItem({
      key: 'FOOD-BUSINESS-LICENSE',
      basicCode: '000111004000',
      name: t('食品经营许可', 'Food business license'),
      kind: 'LICENSING',
      category: 'market-regulation',
      agencyKind: 'market',
      law: {
        title: t('中华人民共和国食品安全法', 'Food Safety Law'),
        article: '第三十五条',
      },
      applicantTypes: ['ENTERPRISE', 'PERSON'],
      materials: [
        BUSINESS_LICENSE,
        material(
          'LAYOUT_PLAN',
          t('经营场所布局图', 'Premises layout plan'),
          t('申请人', 'Applicant'),
          [SCAN],
        ),
        material(
          'FOOD_SAFETY_RULES',
          t('食品安全管理制度', 'Food safety rules'),
          t('申请人', 'Applicant'),
          [SCAN, COMMITMENT],
        ),
      ],
      statutory: 20,
      promised: 10,
      departments: marketDept,
      outcome: {
        kind: 'LICENSE',
        licenseType: 'FOOD_BUSINESS_LICENSE',
        validity: { kind: 'YEARS', years: 5 },
      },
      specialSteps: [ON_SITE_INSPECTION],
      delivery: [eLicenseResult(true), post('AGENCY'), pickUp(t('市场监管', 'Market regulation'))],
      keywords: ['食品', '经营许可', 'food'],
    }),
    simpleItem({
      key: 'ID-CARD-RENEWAL',
      basicCode: '000123001000',
      name: t('居民身份证换领', 'Resident ID card renewal'),
      kind: 'PUBLIC_SERVICE',
      category: 'public-security',
      agencyKind: 'psb',
      law: {
        title: t('中华人民共和国居民身份证法', 'Resident Identity Card Law'),
        article: '第十一条',
      },
      applicantTypes: ['PERSON'],
      materials: [
        ID_CARD_COPY,
        material(
          'PHOTO',
          t('符合标准的相片', 'Standard photo'),
          t('公安机关现场采集', 'Taken at the counter'),
          [SCAN],
        ),
      ],
      statutory: 60,
      promised: 15,
      departments: psbPopulation,
      fee: {
        charged: true,
        amountFen: 2000,
        basis: t('居民身份证工本费', 'ID card production fee'),
      },
      outcome: { kind: 'CERTIFICATE', validity: { kind: 'YEARS', years: 10 } },
      delivery: [pickUp(t('公安户政', 'Household registration'), true), post('APPLICANT')],
      keywords: ['身份证', '换领', 'ID card'],
    }),
    simpleItem({
      key: 'RESIDENCE-PERMIT',
      basicCode: '000123002000',
      name: t('居住证申领', 'Residence permit application'),
      kind: 'PUBLIC_SERVICE',
      category: 'public-security',
      agencyKind: 'psb',
      law: {
        title: t('居住证暂行条例', 'Interim Regulation on Residence Permits'),
        article: '第九条',
      },
      applicantTypes: ['PERSON'],
      materials: [
        ID_CARD_COPY,
        material(
          'RESIDENCE_PROOF',
          t('居住证明（租赁合同或房产证明）', 'Proof of residence (lease or title)'),
          t('申请人', 'Applicant'),
          [SCAN],
        ),
      ],
      formFields: [field('residence.address', t('居住地址', 'Address of residence'), 'TEXT')],
      statutory: 15,
      promised: 10,
      departments: psbPopulation,
      outcome: { kind: 'CERTIFICATE', validity: { kind: 'YEARS', years: 1 } },
      delivery: [pickUp(t('公安户政', 'Household registration'), true)],
      keywords: ['居住证', 'residence'],
    }),
    simpleItem({
      key: 'NO-CRIMINAL-RECORD',
      basicCode: '000123003000',
      name: t('无犯罪记录证明', 'Certificate of no criminal record'),
      kind: 'PUBLIC_SERVICE',
      category: 'public-security',
      agencyKind: 'psb',
      law: {
        title: t(
          '公安机关办理犯罪记录查询工作规定',
          'Rules on criminal record enquiries by public security organs',
        ),
        article: '第四条',
      },
      applicantTypes: ['PERSON'],
      materials: [ID_CARD_COPY],
      formFields: [field('purpose', t('用途', 'Purpose'), 'TEXT')],
      statutory: 3,
      promised: 1,
      departments: [dept('PSB_RECORDS', '法制大队', 'Legal affairs unit')],
      visits: 0,
      outcome: { kind: 'CERTIFICATE', validity: { kind: 'PERMANENT' } },
      delivery: [eLicenseResult(true), pickUp(t('公安', 'Public security'))],
      keywords: ['无犯罪记录', '证明', 'criminal record'],
    }),
    simpleItem({
      key: 'CIVIL-EXPLOSIVES-PURCHASE',
      basicCode: '000123025000',
      name: t('民用爆炸物品购买许可', 'Civil explosives purchase permit'),
      kind: 'LICENSING',
      category: 'public-security',
      agencyKind: 'psb',
      law: {
        title: t('民用爆炸物品安全管理条例', 'Regulation on the Safety of Civil Explosives'),
        article: '第二十一条',
      },
      applicantTypes: ['ENTERPRISE'],
      materials: [
        BUSINESS_LICENSE,
        material(
          'BLASTING_PERMIT',
          t('爆破作业许可或相关证明', 'Blasting operation permit'),
          t('公安机关', 'Public security organ'),
          [SCAN],
        ),
        material(
          'PURCHASE_CONTRACT',
          t('购买合同', 'Purchase contract'),
          t('申请人', 'Applicant'),
          [supplyChain('PURCHASE_CONTRACT'), SCAN],
        ),
      ],
      statutory: 5,
      promised: 3,
      departments: [dept('PSB_PUBLIC_ORDER', '治安管理大队', 'Public order unit')],
      outcome: { kind: 'PERMIT', validity: { kind: 'SINGLE_TRIP' } },
      delivery: [pickUp(t('公安', 'Public security'), true), eLicenseResult()],
      keywords: ['民爆', '购买', 'explosives'],
    }),
    simpleItem({
      key: 'HAZCHEM-BUSINESS-LICENSE',
      basicCode: '000123031000',
      name: t('危险化学品经营许可', 'Hazardous chemicals business license'),
      kind: 'LICENSING',
      category: 'emergency-management',
      agencyKind: 'emergency',
      law: {
        title: t('危险化学品安全管理条例', 'Regulation on the Safety of Hazardous Chemicals'),
        article: '第三十五条',
      },
      applicantTypes: ['ENTERPRISE'],
      materials: [
        BUSINESS_LICENSE,
        material(
          'STORAGE_FACILITY',
          t('储存设施相关证明', 'Storage facility documents'),
          t('申请人', 'Applicant'),
          [SCAN],
        ),
        SAFETY_COMMITMENT,
      ],
      statutory: 30,
      promised: 15,
      departments: emergencyDept,
      outcome: { kind: 'LICENSE', validity: { kind: 'YEARS', years: 3 } },
      specialSteps: [ON_SITE_INSPECTION],
      delivery: [
        pickUp(t('应急管理', 'Emergency management'), true),
        post('AGENCY'),
        eLicenseResult(),
      ],
      keywords: ['危险化学品', '经营许可', 'hazardous chemicals'],
    }),
  ];
}

/** Every hand-written item version, oldest first (the fireworks permit has two versions). */
export function handWrittenItems(): ItemRecord[] {
  return [fireworksTransport(1), fireworksTransport(2), ...dailyItems()];
}
