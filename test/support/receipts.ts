/** A synthetic applicant's receipt for printer tests (check digits valid, nobody real). */
import type { ReceiptContent } from '../../drivers/printer/receipt-layout.js';

export const SAMPLE_RECEIPT: ReceiptContent = {
  kind: 'final',
  language: 'zh-CN',
  hall: { 'zh-CN': '浦江市政务服务中心', en: 'Pujiang Service Centre' },
  item: { 'zh-CN': '烟花爆竹道路运输许可', en: 'Fireworks road transport permit' },
  // 䶮 is outside GBK: the line with the name prints as an image.
  applicant: { name: '䶮小明', identifier: '11010519491231002X' },
  reference: 'SL-2026-000123',
  terminalId: 'KIOSK-01',
  submittedAt: '2026-03-04T02:05:00Z',
  materials: [
    { name: { 'zh-CN': '营业执照', en: 'Business licence' }, source: 'license' },
    { name: { 'zh-CN': '车辆行驶证', en: 'Vehicle licence' }, source: 'scan' },
  ],
  timeLimitWorkingDays: 5,
  nextSteps: { 'zh-CN': '审批部门将在承诺时限内审核。', en: 'The department reviews it in time.' },
};
