/**
 * What "I agree" sets off, from the item guide or the materials screen: the consent is
 * recorded; then the service fills in what the applicant's last application of this item said
 * (so its carrier, driver and vehicle are known and their licenses are looked up at once), and
 * for an enterprise's agent shows the enterprise's authorisation on file. Neither of those two
 * is an error for the applicant when it finds nothing (a first application, an authorisation
 * that must be scanned): they are asked for plainly and their failure shows no fault screen.
 */
import type { KioskClient } from '../../../electron/contract/client';
import type { Plan, PrefilledField } from './session-machine';
import type { useService } from './use-service';

/** Version of the consent text (i18n `materials.consentText`); recorded with the application. */
export const CONSENT_TEXT_VERSION = 'kiosk-consent-1';

type Call = ReturnType<typeof useService>;

export interface Agreed {
  readonly plan: Plan | undefined;
  readonly prefilled: readonly PrefilledField[] | undefined;
}

/** Records the consent and takes what it allows; undefined when the consent was not recorded. */
export async function agreeToLookups(
  client: KioskClient,
  call: Call,
  agent: boolean,
): Promise<Agreed | undefined> {
  const done = await call(
    'application.consent',
    {
      scope: agent ? ['documents-on-file', 'authorisation-on-file'] : ['documents-on-file'],
      textVersion: CONSENT_TEXT_VERSION,
    },
    'approval',
  );
  if (!done) return undefined;
  const prefill = await client.call('application.prefill', {});
  if (agent) await client.call('application.showAuthorisation', { source: 'ON_FILE' });
  const plan = await call('application.plan', {}, 'approval');
  return { plan, prefilled: prefill.ok ? prefill.value.shown : undefined };
}
