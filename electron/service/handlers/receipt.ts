/**
 * Prints the applicant's receipt through the printer family from the outbox row's masked
 * receipt facts. Only applications queued during the running session can be printed here
 * (staff reprint older ones with `printer.reprint`).
 */
import type { receiptMethods } from '../../contract/methods/receipt.js';
import { wireErr, wireOk } from '../../contract/protocol.js';
import type { ServiceContext } from '../context.js';
import type { HandlersFor } from '../rpc/dispatcher.js';

const NEXT_STEPS = {
  'zh-CN': '请留意短信通知，或扫描下方二维码查询办理进度。',
  en: 'Watch for a text message, or scan the QR code below to follow your application.',
} as const;

export function receiptHandlers(svc: ServiceContext): HandlersFor<typeof receiptMethods> {
  return {
    'receipt.print': async ({ localReference, language }) => {
      const session = svc.session.active;
      const row = svc.applications.outbox.row(localReference);
      if (!session || !row || row.createdAt < Date.parse(session.startedAt)) {
        return wireErr(
          'E_RECEIPT_NOT_IN_SESSION',
          'no application with this reference was submitted in the running session',
        );
      }
      const final = row.trackingNumber !== null;
      const config = svc.loaded.config;
      const outcome = await svc.hub.families.printer.printReceipt({
        kind: final ? 'final' : 'provisional',
        language,
        hall: config.terminal.hall,
        item: row.receipt.itemName,
        applicant: {
          name: row.receipt.applicantNameMasked,
          identifier: row.receipt.applicantCodeMasked,
        },
        reference: row.trackingNumber ?? row.localReference,
        terminalId: config.terminal.id,
        submittedAt: row.receipt.submittedAt,
        materials: [],
        timeLimitWorkingDays: row.receipt.promisedWorkingDays,
        ...(row.receipt.delivery
          ? {
              delivery: {
                kind: row.receipt.delivery.kind,
                detail: row.receipt.delivery.detail,
                ...(row.receipt.delivery.addressMasked !== undefined
                  ? { address: row.receipt.delivery.addressMasked }
                  : {}),
              },
            }
          : {}),
        nextSteps: NEXT_STEPS,
      });
      svc.logger.info({
        event: outcome.ok ? 'receipt.printed' : 'receipt.print-failed',
        localReference,
        kind: final ? 'final' : 'provisional',
        ...(outcome.ok ? {} : { code: outcome.error.code }),
      });
      if (outcome.ok) return wireOk({ printed: true, kind: final ? 'final' : 'provisional' });
      return wireOk({ printed: false, code: outcome.error.code, keptId: outcome.error.keptId });
    },
  };
}
