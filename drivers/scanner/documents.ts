/**
 * Synthetic paper documents for the scanner simulator: what an applicant for a fireworks
 * road transport permit typically brings. Each page is an SVG in millimetres (A4 portrait)
 * rendered by sharp (librsvg + Pango, CJK text through fontconfig, e.g. Noto CJK).
 *
 * Every value comes from `drivers/common/synthetic.ts` or a seeded PRNG: nobody real.
 */
import QRCode from 'qrcode';
import sharp from 'sharp';
import { encodeBatchCode, encodeELicenseCode } from '../common/codes.js';
import { gs1CheckDigit } from '../common/gs1.js';
import {
  buildELicenseIdentifier,
  creditCodeCheckChar,
  orgCodeCheckChar,
} from '../common/identifiers.js';
import { seededRandom, syntheticEnterprise } from '../common/synthetic.js';
import type { SyntheticEnterprise } from '../common/synthetic.js';
import { MM_PER_INCH } from './types.js';

export type SyntheticDocumentKind =
  'purchase-contract' | 'quality-certificate' | 'business-license' | 'blank-sheet';

export const SYNTHETIC_DOCUMENT_KINDS: readonly SyntheticDocumentKind[] = [
  'purchase-contract',
  'quality-certificate',
  'business-license',
  'blank-sheet',
];

/** Sheets per document kind. */
export const DOCUMENT_PAGE_COUNT: Record<SyntheticDocumentKind, number> = {
  'purchase-contract': 3,
  'quality-certificate': 1,
  'business-license': 1,
  'blank-sheet': 1,
};

/** One sheet of paper: which document, which of its pages (1-based), which synthetic data. */
export interface SyntheticSheet {
  readonly kind: SyntheticDocumentKind;
  readonly page: number;
  /** Seed of the enterprise (and of the numbers on the paper). */
  readonly seed: number;
}

/** A4 in millimetres. */
const PAGE_WIDTH_MM = 210;
const PAGE_HEIGHT_MM = 297;
/** Slightly warm paper: real scans are never pure white, which blank detection must handle. */
const PAPER_COLOUR = '#f6f4ee';
const INK = '#1a1a1a';
const SEAL_RED = '#c8252c';
const SERIF = "'Noto Serif CJK SC', 'Noto Serif', serif";
const SANS = "'Noto Sans CJK SC', 'Noto Sans', sans-serif";

/** The sheets of a whole document, in feeding order. */
export function documentSheets(kind: SyntheticDocumentKind, seed: number): SyntheticSheet[] {
  return Array.from({ length: DOCUMENT_PAGE_COUNT[kind] }, (_, i) => ({ kind, page: i + 1, seed }));
}

/** GB 32100 prefix of government bodies (registration authority 1, kind 1). */
const GOVERNMENT_BODY_PREFIX = '11';

/** Synthetic credit code of a public body: prefix, region, 8-digit organisation body, checks. */
function publicBodyCreditCode(regionCode: string, orgBody8: string): string {
  const first17 = `${GOVERNMENT_BODY_PREFIX}${regionCode}${orgBody8}${orgCodeCheckChar(orgBody8)}`;
  return first17 + creditCodeCheckChar(first17);
}

/**
 * GB/T 36904 type code of the business license: the national market regulator's credit code
 * (national region 100000, organisation body 90000104, as the sandbox's seed uses) + `001`.
 */
export const BUSINESS_LICENSE_TYPE_CODE = `${publicBodyCreditCode('100000', '90000104')}001`;
/** Where a scanned license QR points; `.example` so no real service is ever contacted. */
const LICENSE_VERIFY_BASE_URL = 'https://license-verify.example/verify';

/**
 * What the business license's QR code carries: an e-license verification URL whose
 * identifier names the county market regulator as issuer and the credit code as serial.
 */
export function businessLicenseQrText(enterprise: SyntheticEnterprise): string {
  const identifier = buildELicenseIdentifier({
    typeCode: BUSINESS_LICENSE_TYPE_CODE,
    issuerCreditCode: publicBodyCreditCode(enterprise.regionCode, '90000204'),
    serial: enterprise.creditCode,
    version: '001',
  });
  return encodeELicenseCode(identifier, LICENSE_VERIFY_BASE_URL);
}

/** The batch (lot) number printed on a synthetic quality certificate. */
export function qualityCertificateBatchCode(seed: number): string {
  const rand = seededRandom(seed * 31 + 7);
  return `PC2026${String(1 + Math.floor(rand() * 12)).padStart(2, '0')}${String(
    1000 + Math.floor(rand() * 9000),
  )}`;
}

/**
 * The certificate's traceability QR: a GS1 element string (GTIN with the GS1 China prefix
 * 69x and a made-up company number, production date, batch).
 */
export function qualityCertificateQrText(seed: number): string {
  const gtinBody = `0069${String(1_000_000 + (seed % 9_000_000)).padStart(9, '0')}`;
  return encodeBatchCode({
    gtin: gtinBody + gs1CheckDigit(gtinBody),
    productionDate: '261009',
    batch: qualityCertificateBatchCode(seed),
  });
}

/** The contract number printed on every page of a synthetic purchase contract. */
export function purchaseContractNumber(seed: number): string {
  const rand = seededRandom(seed * 53 + 11);
  return `GX-2026-${String(100000 + Math.floor(rand() * 900000))}`;
}

// ---- SVG helpers -------------------------------------------------------------------------

function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function textAt(
  x: number,
  y: number,
  content: string,
  opts: {
    size?: number;
    weight?: 'normal' | 'bold';
    anchor?: 'start' | 'middle' | 'end';
    font?: string;
    fill?: string;
  } = {},
): string {
  return (
    `<text x="${x}" y="${y}" font-family="${opts.font ?? SERIF}" font-size="${opts.size ?? 3.6}" ` +
    `font-weight="${opts.weight ?? 'normal'}" text-anchor="${opts.anchor ?? 'start'}" ` +
    `fill="${opts.fill ?? INK}">${esc(content)}</text>`
  );
}

function lines(
  x: number,
  y: number,
  rows: readonly string[],
  lineHeightMm = 6.2,
  size = 3.6,
): string {
  return rows.map((row, i) => textAt(x, y + i * lineHeightMm, row, { size })).join('');
}

/** A QR code as one SVG path of unit squares, placed at (x, y) with the given side in mm. */
function qrSvg(content: string, x: number, y: number, sideMm: number): string {
  const qr = QRCode.create(content, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  const quiet = 4; // ISO/IEC 18004 quiet zone: 4 modules
  const total = n + 2 * quiet;
  let d = '';
  for (let row = 0; row < n; row++) {
    for (let col = 0; col < n; col++) {
      if (qr.modules.get(row, col)) d += `M${col + quiet} ${row + quiet}h1v1h-1z`;
    }
  }
  const scale = sideMm / total;
  return (
    `<g transform="translate(${x} ${y}) scale(${scale})">` +
    `<rect width="${total}" height="${total}" fill="#ffffff"/>` +
    `<path d="${d}" fill="#000000" shape-rendering="crispEdges"/></g>`
  );
}

/**
 * A round company seal: red ring, star, the name in two rows above the star and the seal's
 * purpose below it. (librsvg ignores `textPath`, so the name is not set along the arc.)
 */
function seal(cx: number, cy: number, name: string, purpose: string): string {
  const r = 19;
  const chars = Array.from(name);
  const half = Math.ceil(chars.length / 2);
  const style = { size: 2.8, anchor: 'middle' as const, fill: SEAL_RED, font: SANS };
  return (
    `<g opacity="0.85">` +
    `<circle cx="${cx}" cy="${cy}" r="${r}" fill="none" stroke="${SEAL_RED}" stroke-width="1.1"/>` +
    textAt(cx, cy - 10, chars.slice(0, half).join(''), style) +
    textAt(cx, cy - 6, chars.slice(half).join(''), style) +
    textAt(cx, cy + 4, '★', { size: 9, anchor: 'middle', fill: SEAL_RED }) +
    textAt(cx, cy + 11, purpose, style) +
    `</g>`
  );
}

function pageFrame(body: string, widthPx: number, heightPx: number): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${widthPx}" height="${heightPx}" ` +
    `viewBox="0 0 ${PAGE_WIDTH_MM} ${PAGE_HEIGHT_MM}">` +
    `<rect width="${PAGE_WIDTH_MM}" height="${PAGE_HEIGHT_MM}" fill="${PAPER_COLOUR}"/>` +
    body +
    `</svg>`
  );
}

function footer(page: number, total: number, contractNo: string): string {
  return textAt(
    PAGE_WIDTH_MM / 2,
    285,
    `合同编号 ${contractNo}\u3000\u3000第 ${page} 页 共 ${total} 页`,
    {
      size: 3,
      anchor: 'middle',
    },
  );
}

// ---- documents -------------------------------------------------------------------------

const PRODUCTS = [
  { name: '组合烟花（C级）', spec: '36发', unit: '箱', price: 420 },
  { name: '礼花弹（B级）', spec: '4寸', unit: '箱', price: 960 },
  { name: '电光爆竹（C级）', spec: '1000响', unit: '箱', price: 180 },
  { name: '喷花类（D级）', spec: '小型', unit: '箱', price: 95 },
] as const;

function contractPage(page: number, seed: number): string {
  const seller = syntheticEnterprise(seed);
  const buyer = syntheticEnterprise(seed + 100);
  const contractNo = purchaseContractNumber(seed);
  const rand = seededRandom(seed * 97 + 5);
  const rows = PRODUCTS.map((p) => ({ ...p, qty: 20 + Math.floor(rand() * 180) }));
  const total = rows.reduce((sum, r) => sum + r.qty * r.price, 0);
  let body = '';

  if (page === 1) {
    body += textAt(105, 30, '烟花爆竹购销合同', { size: 8, weight: 'bold', anchor: 'middle' });
    body += textAt(150, 42, `合同编号：${contractNo}`, { size: 3.4 });
    body += lines(22, 56, [
      `供货方（甲方）：${seller.name}`,
      `统一社会信用代码：${seller.creditCode}`,
      `地址：${seller.address}`,
      `购货方（乙方）：${buyer.name}`,
      `统一社会信用代码：${buyer.creditCode}`,
      `地址：${buyer.address}`,
      '根据《中华人民共和国民法典》及《烟花爆竹安全管理条例》，经双方协商一致，订立本合同。',
      '第一条\u3000产品名称、规格、数量及价款',
    ]);
    const top = 112;
    const cols = [22, 72, 102, 122, 146, 170, 188];
    const head = ['产品名称', '规格', '单位', '数量', '单价（元）', '金额（元）'];
    body += `<rect x="22" y="${top}" width="166" height="${8 * (rows.length + 2)}" fill="none" stroke="${INK}" stroke-width="0.3"/>`;
    for (let i = 1; i < rows.length + 2; i++) {
      body += `<line x1="22" y1="${top + 8 * i}" x2="188" y2="${top + 8 * i}" stroke="${INK}" stroke-width="0.25"/>`;
    }
    for (const x of cols.slice(1, -1)) {
      body += `<line x1="${x}" y1="${top}" x2="${x}" y2="${top + 8 * (rows.length + 1)}" stroke="${INK}" stroke-width="0.25"/>`;
    }
    head.forEach(
      (h, i) => (body += textAt(cols[i]! + 2, top + 5.6, h, { size: 3.2, weight: 'bold' })),
    );
    rows.forEach((r, i) => {
      const y = top + 8 * (i + 1) + 5.6;
      const cells = [
        r.name,
        r.spec,
        r.unit,
        String(r.qty),
        String(r.price),
        String(r.qty * r.price),
      ];
      cells.forEach((c, j) => (body += textAt(cols[j]! + 2, y, c, { size: 3.2 })));
    });
    body += textAt(24, top + 8 * (rows.length + 1) + 5.6, `合计金额：人民币 ${total} 元整`, {
      size: 3.4,
      weight: 'bold',
    });
    body += lines(22, 176, [
      '第二条\u3000质量标准：产品符合 GB 10631《烟花爆竹 安全与质量》，每批附产品质量合格证。',
      '第三条\u3000包装：按 GB 10631 要求包装，外包装标明危险货物类别 1.3G 或 1.4G。',
      '第四条\u3000交货方式：乙方持道路运输通行证自提，运输车辆须具备危险货物运输资质。',
      '第五条\u3000交货期限：合同签订后十五日内分批交货。',
      '第六条\u3000结算方式：货到验收合格后七日内以银行转账方式付清全款。',
    ]);
  } else if (page === 2) {
    body += lines(
      22,
      30,
      [
        '第七条\u3000运输安全',
        '\u3000\u3000一、运输车辆须悬挂危险货物标志，按公安机关核定的路线、时间行驶。',
        '\u3000\u3000二、运输途中不得在人员密集场所停留，驾驶员、押运员须持证上岗。',
        '\u3000\u3000三、每车装载量不得超过道路运输通行证核定数量。',
        '第八条\u3000验收',
        '\u3000\u3000乙方收货时按本合同第一条清点数量，并查验产品质量合格证及批号。',
        '\u3000\u3000发现质量问题，乙方应在收货后三日内书面提出，甲方应在五日内处理。',
        '第九条\u3000违约责任',
        '\u3000\u3000一、甲方逾期交货的，每逾期一日按未交货部分金额的千分之三支付违约金。',
        '\u3000\u3000二、乙方逾期付款的，每逾期一日按未付金额的千分之三支付违约金。',
        '\u3000\u3000三、因运输资质不全导致无法交货的，责任由乙方承担。',
        '第十条\u3000不可抗力',
        '\u3000\u3000因不可抗力不能履行合同的，受影响一方应及时通知对方，并在十日内提供证明。',
        '第十一条\u3000争议解决',
        '\u3000\u3000履行本合同发生争议的，双方协商解决；协商不成的，向甲方所在地人民法院起诉。',
        '第十二条\u3000其他',
        '\u3000\u3000本合同一式肆份，双方各执贰份，自双方签字盖章之日起生效。',
        '\u3000\u3000本合同未尽事宜，由双方另行签订补充协议，补充协议与本合同具有同等效力。',
      ],
      9,
    );
  } else {
    body += lines(22, 30, ['（以下无正文）'], 9);
    const sign = (x: number, role: string, enterprise: SyntheticEnterprise): string =>
      lines(
        x,
        60,
        [
          `${role}（盖章）：`,
          enterprise.name,
          `法定代表人：${enterprise.legalRepresentative.name}`,
          '委托代理人：',
          `电话：${enterprise.legalRepresentative.phone}`,
          '签订日期：2026 年 11 月 18 日',
        ],
        9,
      ) + seal(x + 30, 82, enterprise.name, '合同专用章');
    body += sign(22, '甲方', seller) + sign(112, '乙方', buyer);
    body += lines(22, 140, [`签订地点：${seller.address}`], 9);
  }
  return body + footer(page, DOCUMENT_PAGE_COUNT['purchase-contract'], contractNo);
}

function qualityCertificatePage(seed: number): string {
  const maker = syntheticEnterprise(seed);
  const product = PRODUCTS[seed % PRODUCTS.length]!;
  const batch = qualityCertificateBatchCode(seed);
  let body = '';
  body += `<rect x="15" y="15" width="180" height="180" fill="none" stroke="${INK}" stroke-width="0.8"/>`;
  body += textAt(105, 38, '产品质量合格证', { size: 10, weight: 'bold', anchor: 'middle' });
  body += textAt(105, 48, 'CERTIFICATE OF QUALITY', { size: 4, anchor: 'middle', font: SANS });
  body += lines(
    28,
    68,
    [
      `产品名称：${product.name}`,
      `规格型号：${product.spec}`,
      `产品类别：烟花爆竹\u3000危险货物类别 1.4G`,
      `生产批号：${batch}`,
      '生产日期：2026 年 10 月 09 日',
      '执行标准：GB 10631-2013',
      '检验结论：经检验，本批产品符合标准要求，准予出厂。',
      `生产企业：${maker.name}`,
      `企业地址：${maker.address}`,
    ],
    9,
    4,
  );
  body += qrSvg(qualityCertificateQrText(seed), 150, 120, 34);
  body += textAt(167, 159, '批次追溯码', { size: 3, anchor: 'middle' });
  body += `<rect x="28" y="160" width="36" height="14" fill="none" stroke="${SEAL_RED}" stroke-width="0.8"/>`;
  body += textAt(46, 169, '检验合格', {
    size: 5,
    anchor: 'middle',
    fill: SEAL_RED,
    weight: 'bold',
  });
  body += textAt(70, 169, '检验员：07', { size: 4 });
  return body;
}

function businessLicensePage(seed: number): string {
  const e = syntheticEnterprise(seed);
  const rand = seededRandom(seed * 13 + 1);
  const capital = (100 + Math.floor(rand() * 49) * 100).toString();
  let body = '';
  body += `<rect x="10" y="10" width="190" height="277" fill="none" stroke="#6b5a2e" stroke-width="2.4"/>`;
  body += `<rect x="14" y="14" width="182" height="269" fill="none" stroke="#6b5a2e" stroke-width="0.5"/>`;
  body += textAt(105, 58, '营 业 执 照', { size: 14, weight: 'bold', anchor: 'middle' });
  body += textAt(105, 68, '（副\u3000本）', { size: 4.5, anchor: 'middle' });
  body += textAt(24, 36, '统一社会信用代码', { size: 3.4 });
  body += textAt(24, 43, e.creditCode, { size: 4.2, font: SANS, weight: 'bold' });
  body += qrSvg(businessLicenseQrText(e), 158, 22, 32);
  body += textAt(174, 58, '扫描二维码登录', { size: 2.6, anchor: 'middle' });
  body += textAt(174, 62, '国家企业信用信息公示系统', { size: 2.2, anchor: 'middle' });
  body += lines(
    28,
    92,
    [
      `名\u3000\u3000称\u3000${e.name}`,
      '类\u3000\u3000型\u3000有限责任公司（自然人投资或控股）',
      `法定代表人\u3000${e.legalRepresentative.name}`,
      '经营范围\u3000烟花爆竹批发、零售；危险货物道路运输（1类1项）；',
      '\u3000\u3000\u3000\u3000\u3000普通货物仓储（依法须经批准的项目，经相关部门批准后方可开展经营活动）',
      `注册资本\u3000人民币 ${capital} 万元`,
      '成立日期\u30002012 年 05 月 16 日',
      '营业期限\u3000长期',
      `住\u3000\u3000所\u3000${e.address}`,
    ],
    12,
    4,
  );
  body += textAt(150, 235, '登记机关', { size: 4, anchor: 'middle' });
  body += seal(150, 250, `${e.address.slice(0, 6)}市场监督管理局`, '登记专用章');
  body += textAt(150, 272, '2026 年 03 月 02 日', { size: 3.6, anchor: 'middle' });
  return body;
}

/** The SVG of one sheet at the given resolution (the pixel size follows from A4 and dpi). */
export function sheetSvg(sheet: SyntheticSheet, dpi: number): string {
  if (
    !Number.isInteger(sheet.page) ||
    sheet.page < 1 ||
    sheet.page > DOCUMENT_PAGE_COUNT[sheet.kind]
  ) {
    throw new RangeError(
      `${sheet.kind} has ${DOCUMENT_PAGE_COUNT[sheet.kind]} page(s); page ${sheet.page} does not exist`,
    );
  }
  const widthPx = Math.round((PAGE_WIDTH_MM / MM_PER_INCH) * dpi);
  const heightPx = Math.round((PAGE_HEIGHT_MM / MM_PER_INCH) * dpi);
  let body: string;
  switch (sheet.kind) {
    case 'purchase-contract':
      body = contractPage(sheet.page, sheet.seed);
      break;
    case 'quality-certificate':
      body = qualityCertificatePage(sheet.seed);
      break;
    case 'business-license':
      body = businessLicensePage(sheet.seed);
      break;
    case 'blank-sheet':
      body = '';
      break;
    default: {
      const never: never = sheet.kind;
      throw new TypeError(`unknown document kind ${String(never)}`);
    }
  }
  return pageFrame(body, widthPx, heightPx);
}

/**
 * Renders one sheet as the scanner's sensor would see it: A4 at `dpi`, 8-bit grey or RGB,
 * returned as raw pixels (the simulator crops and encodes them).
 */
export async function renderSheet(
  sheet: SyntheticSheet,
  dpi: number,
  colour: boolean,
): Promise<{ data: Buffer; width: number; height: number; channels: 1 | 3 }> {
  let image = sharp(Buffer.from(sheetSvg(sheet, dpi))).flatten({ background: PAPER_COLOUR });
  image = colour ? image.toColourspace('srgb') : image.toColourspace('b-w');
  const { data, info } = await image.raw().toBuffer({ resolveWithObject: true });
  const channels = info.channels === 1 ? 1 : 3;
  return { data, width: info.width, height: info.height, channels };
}
