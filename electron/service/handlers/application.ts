/**
 * Handlers of the application methods: thin adapters from the contract to the application
 * desk, the catalogue cache and the outbox. Desk errors become stable `E_APPLICATION_*` codes;
 * deficiencies leave the service with holder codes masked.
 */
import { maskIdentifier } from '../../../drivers/common/mask.js';
import type { Result } from '../../../drivers/common/result.js';
import type { applicationMethods } from '../../contract/methods/application.js';
import { wireErr, wireOk, type WireResult } from '../../contract/protocol.js';
import type { Deficiency } from '../application/completeness.js';
import { deliveryOptions } from '../application/delivery.js';
import type { DeskError, DeskErrorCode } from '../application/desk.js';
import type { ServiceContext } from '../context.js';
import type { HandlersFor } from '../rpc/dispatcher.js';

/** Stable contract error code for each desk error. */
export const DESK_ERROR_CODES: Readonly<Record<DeskErrorCode, string>> = {
  'no-applicant': 'E_APPLICATION_NO_APPLICANT',
  'no-item': 'E_APPLICATION_NO_ITEM',
  'item-unavailable': 'E_APPLICATION_ITEM_UNAVAILABLE',
  'no-consent': 'E_APPLICATION_NO_CONSENT',
  'unknown-material': 'E_APPLICATION_UNKNOWN_MATERIAL',
  'source-not-accepted': 'E_APPLICATION_SOURCE_NOT_ACCEPTED',
  'unknown-document': 'E_APPLICATION_UNKNOWN_DOCUMENT',
  'not-previewed': 'E_APPLICATION_NOT_PREVIEWED',
  'no-scan': 'E_APPLICATION_NO_SCAN',
  'not-an-agent': 'E_APPLICATION_NOT_AN_AGENT',
  'not-authorised': 'E_APPLICATION_NOT_AUTHORISED',
  'api-unavailable': 'E_APPLICATION_API_UNAVAILABLE',
  'not-saved': 'E_APPLICATION_NOT_SAVED',
  'not-found': 'E_APPLICATION_NOT_FOUND',
  'nothing-suggested': 'E_APPLICATION_NOTHING_SUGGESTED',
};

function toWire<T, U = T>(r: Result<T, DeskError>, map?: (v: T) => U): WireResult<U> {
  if (!r.ok) return wireErr(DESK_ERROR_CODES[r.error.code], r.error.message);
  return wireOk(map ? map(r.value) : (r.value as unknown as U));
}

/** A deficiency as the renderer sees it: the holder's code masked. */
export function deficiencyView(d: Deficiency) {
  return {
    code: d.code,
    ...(d.materialCode !== undefined ? { materialCode: d.materialCode } : {}),
    ...(d.field !== undefined ? { field: d.field } : {}),
    ...(d.holderCode !== undefined ? { holderMasked: maskIdentifier(d.holderCode) } : {}),
    message: d.message,
  };
}

export function applicationHandlers(svc: ServiceContext): HandlersFor<typeof applicationMethods> {
  const domain = () => svc.applications;
  return {
    'application.searchItems': ({ query, limit }) => {
      const r = domain().catalogue.search(query, limit ?? 20);
      return wireOk({
        hits: r.hits.map(({ summary: s }) => ({
          implementCode: s.implementCode,
          version: s.version,
          name: s.name,
          agencyName: s.agencyName,
          category: s.category,
          visitsToHall: s.visitsToHall,
          promisedWorkingDays: s.promisedWorkingDays,
          feeCharged: s.feeCharged,
          delivery: [...deliveryOptions(s)],
        })),
        refreshedAt: r.refreshedAt,
        stale: r.stale,
      });
    },
    'application.start': async ({ implementCode }) =>
      toWire(await domain().desk.start(implementCode)),
    'application.consent': ({ scope, textVersion }) =>
      toWire(domain().desk.consent(scope, textVersion)),
    'application.setForm': ({ values }) => toWire(domain().desk.setForm(values)),
    'application.prefill': async () =>
      toWire(await domain().desk.prefill(), (p) => ({
        fields: [...p.fields],
        fromSubmittedAt: p.fromSubmittedAt,
        shown: [...p.shown],
      })),
    'application.form': () =>
      toWire(domain().desk.form(), (f) => ({ values: f.values as Record<string, never> })),
    'application.answers': () =>
      toWire(domain().desk.answers(), (answers) => ({ answers: [...answers] })),
    'application.plan': async () => toWire(await domain().desk.plan()),
    'application.previewDocument': async ({ documentId }) =>
      toWire(await domain().desk.preview(documentId), (p) => ({
        documentId: p.documentId,
        typeName: p.typeName,
        lines: p.lines,
        watermark: p.watermark,
      })),
    'application.useDocument': async ({ materialCode, holderIndex, documentId }) =>
      toWire(await domain().desk.useDocument(materialCode, holderIndex, documentId)),
    'application.previewSuggested': async () =>
      toWire(await domain().desk.previewSuggested(), (list) => ({
        documents: list.map((s) => ({
          materialCode: s.materialCode,
          holderIndex: s.holderIndex,
          documentId: s.preview.documentId,
          typeName: s.preview.typeName,
          lines: s.preview.lines,
          watermark: s.preview.watermark,
        })),
      })),
    'application.useSuggested': async () => toWire(await domain().desk.useSuggested()),
    'application.attachScan': async ({ materialCode, holderIndex, scanMaterialId }) =>
      toWire(await domain().desk.attachScan(materialCode, holderIndex, scanMaterialId)),
    'application.signCommitment': async ({ materialCode, holderIndex }) =>
      toWire(await domain().desk.signCommitment(materialCode, holderIndex)),
    'application.clearMaterial': async ({ materialCode, holderIndex }) =>
      toWire(await domain().desk.clearMaterial(materialCode, holderIndex)),
    'application.showAuthorisation': async ({ source, scanMaterialId }) =>
      toWire(await domain().desk.showAuthorisation(source, scanMaterialId)),
    'application.check': () =>
      toWire(domain().desk.check(), (c) => ({
        engineVersion: c.engineVersion,
        result: c.result,
        deficiencies: c.deficiencies.map(deficiencyView),
      })),
    'application.submit': async () =>
      toWire(await domain().desk.submit(), (o) =>
        o.kind === 'incomplete'
          ? { kind: o.kind, deficiencies: o.deficiencies.map(deficiencyView) }
          : o,
      ),
    'application.status': async ({ reference }) =>
      toWire(await domain().desk.status(reference), (s) => {
        const { live, ...rest } = s;
        if (!live) return rest;
        const { supplement, ...liveRest } = live;
        return {
          ...rest,
          live: {
            ...liveRest,
            ...(supplement ? { supplement: supplement.map(deficiencyView) } : {}),
          },
        };
      }),
    'outbox.stats': () =>
      wireOk({ ...domain().outbox.stats(), circuit: domain().client?.circuit() ?? null }),
  };
}
