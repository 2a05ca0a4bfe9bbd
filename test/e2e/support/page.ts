/**
 * What several end-to-end tests (and the journey benchmark) do with the kiosk page: call the
 * service on a second WebSocket of the page, run axe-core, and fill in a fireworks trip.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { syntheticEnterprise, syntheticPerson } from '../../../drivers/common/synthetic.js';
import { ROOT } from './host.js';

/** Result of a contract call made from the page, loosely typed: tests read what they check. */
export interface RpcAnswer {
  readonly ok: boolean;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- shapes vary per method
  readonly value?: any;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- shapes vary per method
  readonly error?: any;
}

/**
 * A contract call on a second WebSocket of the page (same origin and token as the renderer).
 * With `untilEvent`, a successful call resolves only when that event arrives on the connection
 * (or rejects after `timeoutMs`); a failed call resolves with its error at once.
 */
export async function pageRpc(
  page: Page,
  method: string,
  params: unknown,
  options: { untilEvent?: string; timeoutMs?: number } = {},
): Promise<RpcAnswer> {
  return page.evaluate(
    async ([m, p, untilEvent, timeoutMs]) => {
      const token = /token=([0-9a-f]{64})/.exec(location.hash)?.[1] ?? '';
      const ws = new WebSocket(`ws://${location.host}/rpc`, ['kiosk-rpc.v1', `token.${token}`]);
      return await new Promise<{ ok: boolean }>((resolve, reject) => {
        const timer = untilEvent
          ? setTimeout(() => reject(new Error(`no ${untilEvent} event after ${m}`)), timeoutMs)
          : undefined;
        const done = (answer: { ok: boolean }) => {
          clearTimeout(timer);
          ws.close();
          resolve(answer);
        };
        ws.onerror = () => reject(new Error(`WebSocket failed calling ${m}`));
        ws.onmessage = (e) => {
          const frame = JSON.parse(String(e.data));
          if (frame.type === 'welcome') {
            ws.send(JSON.stringify({ type: 'call', id: 1, method: m, params: p }));
          } else if (frame.type === 'result' && (!untilEvent || !frame.result.ok)) {
            done(frame.result);
          } else if (frame.type === 'event' && frame.event === untilEvent) {
            done({ ok: true });
          }
        };
      });
    },
    [method, params, options.untilEvent, options.timeoutMs ?? 10_000] as const,
  );
}

const AXE_SOURCE = readFileSync(join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  readonly id: string;
  readonly impact: string | null;
  readonly nodes: readonly string[];
}

/** axe-core on the page as it is now: the serious and critical violations. */
export async function seriousAxeViolations(page: Page): Promise<AxeViolation[]> {
  // Evaluated through DevTools, so the page's CSP (no inline scripts) does not apply.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run(
            d: Document,
            o: object,
          ): Promise<{
            violations: { id: string; impact: string | null; nodes: { target: string[] }[] }[];
          }>;
        };
      }
    ).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 3),
    }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** A date `offset` days from today, as the form's date fields take it (YYYY-MM-DD). */
export function dayFromToday(offset: number): string {
  const d = new Date(Date.now() + offset * 86_400_000);
  return [d.getFullYear(), d.getMonth() + 1, d.getDate()]
    .map((n) => String(n).padStart(2, '0'))
    .join('-');
}

export const DEMO_PLATE = '京AD1234';

/** Trip details of the sandbox's repeat shipment (synthetic carrier, driver and escort). */
export function fireworksTripDetails(): Record<string, string> {
  const carrier = syntheticEnterprise(3);
  const driver = syntheticPerson(2);
  const escort = syntheticPerson(3);
  return {
    'carrier.creditCode': carrier.creditCode,
    'carrier.name': carrier.name,
    'driver.idNumber': driver.idNumber,
    'driver.name': driver.name,
    'escort.idNumber': escort.idNumber,
    'escort.name': escort.name,
    'vehicle.plate': DEMO_PLATE,
    'trip.startDate': dayFromToday(2),
    'trip.endDate': dayFromToday(3),
    'trip.origin': '上栗县金山镇烟花仓库',
    'trip.originRegion': '360322',
    'trip.destination': '朝阳区批发仓库',
    'trip.destinationRegion': '110105',
    'trip.route': 'G60沪昆高速—G4京港澳高速',
    'goods.category': 'C级组合烟花',
    'goods.specification': '36发',
    'goods.quantity': '120',
    'goods.unit': '箱',
  };
}
