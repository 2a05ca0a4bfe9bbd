/**
 * Handlers of the journey methods: recommendations and represented enterprises from the
 * central API for the session's applicant, acting for one of them, and the visit's rating.
 * The represented enterprises are kept in the session's scratch data (wiped with the session)
 * so `journey.actFor` takes an index, never a credit code from the renderer.
 */
import { randomUUID } from 'node:crypto';
import { maskIdentifier } from '../../../drivers/common/mask.js';
import type { journeyMethods } from '../../contract/methods/journey.js';
import { wireErr, wireOk } from '../../contract/protocol.js';
import type { ServiceContext } from '../context.js';
import type { HandlersFor } from '../rpc/dispatcher.js';

/** Session scratch key of the enterprises the applicant may act for. */
const REPRESENTS_KEY = 'journey.represents';

interface Represented {
  readonly creditCode: string;
  readonly name: string;
}

export function journeyHandlers(svc: ServiceContext): HandlersFor<typeof journeyMethods> {
  const client = () => svc.applications.client;
  const unavailable = (message: string) => wireErr('E_APPLICATION_API_UNAVAILABLE', message);

  return {
    'journey.recommendations': async () => {
      const session = svc.session.active;
      const applicant = session?.applicant;
      if (!session || !applicant) {
        return wireErr('E_JOURNEY_NO_APPLICANT', 'nobody is identified in this session');
      }
      const api = client();
      if (!api) return unavailable('no central API configured');
      const holder = applicant.enterprise
        ? { type: 'ENTERPRISE' as const, code: applicant.enterprise.creditCode }
        : { type: 'PERSON' as const, code: applicant.idNumber };
      const r = await api.recommendations(holder);
      if (!r.ok) return unavailable(`recommendations failed: ${r.error.message}`);

      // The enterprises a person represents come with the person's own lookup.
      let represents: readonly Represented[] = r.value.represents;
      if (applicant.enterprise) {
        const own = await api.recommendations({ type: 'PERSON', code: applicant.idNumber });
        represents = own.ok ? own.value.represents : [];
      }
      session.data.set(REPRESENTS_KEY, represents);
      return wireOk({
        items: r.value.recommendations.map((item) => ({
          implementCode: item.implementCode,
          name: item.name,
          reason: item.reason,
          detail: item.detail,
        })),
        represents: represents.map((e, index) => ({
          index,
          name: e.name,
          creditCodeMasked: maskIdentifier(e.creditCode),
        })),
      });
    },

    'journey.actFor': ({ index }) => {
      const session = svc.session.active;
      const applicant = session?.applicant;
      const represents = session?.data.get(REPRESENTS_KEY) as readonly Represented[] | undefined;
      const enterprise = represents?.[index];
      if (!session || !applicant || !enterprise) {
        return wireErr(
          'E_JOURNEY_NO_SUCH_ENTERPRISE',
          'ask journey.recommendations first; the index must be one of its represents',
        );
      }
      // The same person now acts for the enterprise: same session, applicant updated in place
      // (identify() would end the session and lose the visit).
      session.applicant = { ...applicant, kind: 'agent', enterprise };
      svc.logger.info({ event: 'session.acting-for-enterprise', sessionId: session.id });
      svc.bus.publish('session.changed', svc.session.view());
      return wireOk({
        enterpriseName: enterprise.name,
        creditCodeMasked: maskIdentifier(enterprise.creditCode),
      });
    },

    'journey.formFields': async ({ implementCode }) => {
      const catalogue = svc.applications.catalogue;
      const cached = catalogue.cachedItem(implementCode) ?? (await catalogue.item(implementCode));
      if (!cached) {
        return wireErr('E_APPLICATION_ITEM_UNAVAILABLE', `item ${implementCode} is not known here`);
      }
      return wireOk({
        fields: cached.item.formFields.map((f) => ({
          key: f.key,
          label: f.label,
          type: f.type,
          required: f.required,
          ...(f.options ? { options: f.options } : {}),
          ...(f.unit ? { unit: f.unit } : {}),
        })),
      });
    },

    'journey.itemMaterials': async ({ implementCode }) => {
      // Revalidated here, on the guide, so opening the application needs no round trip.
      const cached = await svc.applications.catalogue.item(implementCode);
      if (!cached) {
        return wireErr('E_APPLICATION_ITEM_UNAVAILABLE', `item ${implementCode} is not known here`);
      }
      return wireOk({
        materials: cached.item.materials.map((m) => ({
          code: m.code,
          name: m.name,
          requirement:
            m.requirement.kind === 'CONDITIONAL' ? ('CONDITIONAL' as const) : ('REQUIRED' as const),
          ...(m.requirement.explanation ? { explanation: m.requirement.explanation } : {}),
          sources: [...new Set(m.sources.map((s) => s.kind))],
        })),
      });
    },

    'journey.rate': async ({ score, trackingNumber }) => {
      const api = client();
      if (!api) return unavailable('no central API configured');
      const r = await api.putRating(randomUUID(), {
        score,
        ...(trackingNumber ? { trackingNumber } : {}),
      });
      if (!r.ok) return unavailable(`rating failed: ${r.error.message}`);
      svc.logger.info({ event: 'journey.rated', score });
      return wireOk({ recorded: true });
    },
  };
}
