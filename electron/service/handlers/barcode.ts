/**
 * Handlers of the barcode family. Scans arrive as `barcode.scanned` events (devices/barcode.ts);
 * these methods act on them by `scanId`, so the scanned text stays in the service:
 * `barcode.verify` (permit signature and live state, batch trace, with the central API),
 * `barcode.signIn` (government-app code). Plus `barcode.classify` for a typed-in code and the
 * dev dock's simulated scans.
 */
import { createPublicKey, type KeyObject } from 'node:crypto';
import {
  classifyCode,
  encodeBatchCode,
  isAppIdentityExpired,
  verifyPermitCode,
  type BatchCode,
  type PermitCode,
} from '../../../drivers/common/codes.js';
import { encodeGs1Hri } from '../../../drivers/common/gs1.js';
import type { Logger } from '../../../drivers/common/logger.js';
import { maskIdentifier, maskName } from '../../../drivers/common/mask.js';
import { DEMO_PEOPLE_SEEDS, syntheticPerson } from '../../../drivers/common/synthetic.js';
import type { ApprovalClient } from '../approval/client.js';
import type { barcodeMethods } from '../../contract/methods/barcode.js';
import { wireErr, wireOk, type WireResult } from '../../contract/protocol.js';
import type { ServiceContext } from '../context.js';
import { toCodeView, type PresetPermitState } from '../devices/barcode.js';
import type { HandlersFor } from '../rpc/dispatcher.js';

export function barcodeHandlers(svc: ServiceContext): HandlersFor<typeof barcodeMethods> {
  /** Permit public keys by key id, fetched once the central API has answered a verify. */
  let offlineKeys: ReadonlyMap<string, KeyObject> | undefined;
  const approvalClient = (): ApprovalClient | undefined => svc.approval.client ?? undefined;
  /** The dev dock's last sandbox-signed permit code per state, for scanning while it is away. */
  const sandboxPermits = new Map<PresetPermitState, string>();

  return {
    'barcode.classify': ({ text }) => wireOk(toCodeView(classifyCode(text))),

    'barcode.verify': async ({ scanId }) => {
      const scan = svc.hub.families.barcode.recentScan(scanId);
      if (!scan) return scanGone();
      const { code } = scan;
      if (code.kind !== 'permit' && code.kind !== 'batch') {
        return wireErr('E_BARCODE_NOT_VERIFIABLE', `a ${code.kind} code has nothing to verify`);
      }
      const client = approvalClient();
      if (!client) {
        return wireErr('E_BARCODE_NO_API', 'no central approval API is configured to verify with');
      }

      if (code.kind === 'permit') {
        const answer = await client.verifyPermit(scan.text);
        if (!answer.ok) {
          const offline = offlineKeys ? verifyOffline(code, offlineKeys) : undefined;
          return offline ? wireOk(offline) : apiUnavailable(answer.error.message);
        }
        // Keep the issuer's public keys for the next time the API does not answer.
        if (!offlineKeys) offlineKeys = await fetchPermitKeys(client, svc.logger);
        const { signature, state, checkedAt } = answer.value;
        return wireOk({
          kind: 'permit',
          signature,
          ...(state ? { state } : {}),
          checkedAt,
          source: 'central-api',
        });
      }

      const answer = await client.traceBatch(batchCodeForApi(code));
      if (!answer.ok) {
        return answer.error.kind === 'http' && answer.error.status === 404
          ? wireErr('E_BARCODE_UNKNOWN_BATCH', 'the central API knows no such batch')
          : apiUnavailable(answer.error.message);
      }
      const trace = answer.value;
      return wireOk({
        kind: 'batch',
        gtin: trace.gtin,
        batch: trace.batch,
        productName: trace.product.name,
        manufacturerName: trace.manufacturer.name,
        events: trace.events.map(({ type, at, place }) => ({ type, at, place })),
      });
    },

    'barcode.signIn': async ({ scanId }) => {
      const scan = svc.hub.families.barcode.recentScan(scanId);
      if (!scan) return scanGone();
      const { code } = scan;
      if (code.kind !== 'app-identity') {
        return wireErr('E_BARCODE_NOT_SIGN_IN', `a ${code.kind} code is not a sign-in code`);
      }
      if (isAppIdentityExpired(code)) {
        return wireErr(
          'E_BARCODE_APP_CODE_EXPIRED',
          'the sign-in code has expired; refresh it in the app',
        );
      }
      const client = approvalClient();
      if (!client) {
        return wireErr('E_BARCODE_NO_API', 'no central approval API is configured to sign in with');
      }

      const answer = await client.resolveAppIdentity(scan.text);
      if (!answer.ok) {
        const status = answer.error.kind === 'http' ? answer.error.status : undefined;
        const refusal = status === undefined ? undefined : APP_CODE_REFUSALS[status];
        return refusal
          ? wireErr(refusal.code, refusal.message)
          : apiUnavailable(answer.error.message);
      }

      const person = answer.value;
      // As with a second ID card: a running session's applicant is not taken over by a code
      // shown at the kiosk; that session has to end first.
      const running = svc.session.active?.applicant;
      if (running && running.idNumber !== person.idNumber) {
        return wireOk({
          identified: false,
          nameMasked: maskName(person.name),
          idNumberMasked: maskIdentifier(person.idNumber),
        });
      }
      svc.session.identify({
        kind: 'person',
        source: 'app-qr',
        documentType: 'app-identity',
        idNumber: person.idNumber,
        name: person.name,
        document: { appId: person.appId, resolvedAt: person.resolvedAt },
      });
      return wireOk({
        identified: svc.session.active?.applicant?.idNumber === person.idNumber,
        nameMasked: maskName(person.name),
        idNumberMasked: maskIdentifier(person.idNumber),
      });
    },

    'barcode.simulatorPresets': () => {
      if (!svc.loaded.config.ui.devDock) return devDockDisabled();
      const family = svc.hub.families.barcode;
      return wireOk({
        readers: [...family.simulators.keys()],
        // Without a central API the permit presets fall back to a key no issuer knows.
        presets: family.presets.map(({ id, label, labelWithoutApi }) => ({
          id,
          label: approvalClient() ? label : (labelWithoutApi ?? label),
        })),
      });
    },

    'barcode.simulateScan': async ({ readerId, preset, text, symbologyIdentifier, encoding }) => {
      if (!svc.loaded.config.ui.devDock) return devDockDisabled();
      const family = svc.hub.families.barcode;
      const id = readerId ?? [...family.simulators.keys()][0];
      const simulator = id === undefined ? undefined : family.simulators.get(id);
      if (id === undefined || !simulator) {
        return wireErr(
          'E_BARCODE_NO_SIMULATOR',
          readerId === undefined
            ? 'no devices.barcode entry is a simulator; scan with a real reader'
            : `${readerId} is not a simulated reader`,
        );
      }
      if (!simulator.isOpen) {
        return wireErr('E_BARCODE_NOT_READY', `${id} is not connected yet; try again shortly`);
      }

      const chosen = preset === undefined ? undefined : family.presets.find((p) => p.id === preset);
      if (preset !== undefined && !chosen) {
        return wireErr(
          'E_BARCODE_NO_SUCH_PRESET',
          `no preset "${preset}"; see barcode.simulatorPresets`,
        );
      }
      await simulator.scan(
        chosen
          ? await chosen.scan({
              issueAppCode: () => issueSandboxAppCode(approvalClient()),
              sandboxPermitCode: (state) =>
                sandboxPermitCode(approvalClient(), state, sandboxPermits, svc.logger),
            })
          : {
              text: text ?? '',
              ...(symbologyIdentifier === undefined ? {} : { symbologyIdentifier }),
              ...(encoding === undefined ? {} : { encoding }),
            },
      );
      return wireOk({ readerId: id });
    },
  };
}

/** The issuer's published permit keys, or undefined when they cannot be had right now. */
async function fetchPermitKeys(
  client: ApprovalClient,
  logger: Logger,
): Promise<ReadonlyMap<string, KeyObject> | undefined> {
  const answer = await client.permitKeys();
  if (!answer.ok) return undefined;
  const keys = new Map<string, KeyObject>();
  for (const k of answer.value.keys) {
    try {
      keys.set(k.keyId, createPublicKey(k.publicKeyPem));
    } catch {
      logger.warn({ event: 'barcode.permit-key-unreadable', keyId: k.keyId });
    }
  }
  return keys;
}

/** Signature only, with cached keys: what the kiosk can say while the API is away. */
function verifyOffline(code: PermitCode, keys: ReadonlyMap<string, KeyObject>) {
  const verified = verifyPermitCode(code, keys);
  const signature = verified.ok
    ? ('VALID' as const)
    : verified.error === 'unknown-key'
      ? ('UNKNOWN_KEY' as const)
      : ('INVALID' as const);
  return {
    kind: 'permit' as const,
    signature,
    checkedAt: new Date().toISOString(),
    source: 'kiosk-offline' as const,
  };
}

/** The central API's refusals of a sign-in code, as the kiosk reports them. */
const APP_CODE_REFUSALS: Readonly<Record<number, { code: string; message: string }>> = {
  404: {
    code: 'E_BARCODE_APP_CODE_UNKNOWN',
    message: 'the central API does not know this sign-in code',
  },
  409: {
    code: 'E_BARCODE_APP_CODE_USED',
    message: 'this sign-in code was used already; show a new one',
  },
  410: {
    code: 'E_BARCODE_APP_CODE_EXPIRED',
    message: 'the sign-in code has expired; refresh it in the app',
  },
};

/** Demo people the sandbox knows; the dev dock signs in as the first. */
async function issueSandboxAppCode(
  client: ApprovalClient | undefined,
): Promise<string | undefined> {
  if (!client) return undefined;
  const issued = await client.issueSandboxAppIdentityCode({
    idNumber: syntheticPerson(DEMO_PEOPLE_SEEDS[0]).idNumber,
  });
  return issued.ok ? issued.value.code : undefined;
}

/**
 * The code of a sandbox-issued permit in `state`, for the dev dock's permit presets. While the
 * sandbox does not answer (taken down from the dev dock) the code it gave last time for that
 * state is scanned again, so the kiosk's offline signature check can be shown; undefined (the
 * preset falls back to its unknown-key code) when there is none.
 */
async function sandboxPermitCode(
  client: ApprovalClient | undefined,
  state: PresetPermitState,
  last: Map<PresetPermitState, string>,
  logger: Logger,
): Promise<string | undefined> {
  if (!client) return undefined;
  const answer = await client.sandboxPermitCode(state);
  if (answer.ok) {
    last.set(state, answer.value.code);
    return answer.value.code;
  }
  const reason = answer.error.kind === 'http' ? answer.error.code : answer.error.kind;
  const earlier = last.get(state);
  logger.warn({
    event: earlier ? 'barcode.preset-permit-earlier' : 'barcode.preset-permit-fallback',
    state,
    reason,
  });
  return earlier;
}

function scanGone(): WireResult<never> {
  return wireErr(
    'E_BARCODE_SCAN_GONE',
    'that scan is no longer held (older than 5 minutes, or the session ended); scan the code again',
  );
}

function apiUnavailable(detail: string): WireResult<never> {
  return wireErr(
    'E_BARCODE_VERIFY_UNAVAILABLE',
    `the central approval API could not be asked (${detail}); try again or ask staff`,
  );
}

/** The batch code as the API takes it: GS1 human-readable form of the scanned elements. */
function batchCodeForApi(code: BatchCode): string {
  try {
    return encodeGs1Hri(code.elements);
  } catch {
    // A value the bracketed form cannot carry: send the two elements the API needs.
    return encodeBatchCode({ gtin: code.gtin, batch: code.batch });
  }
}

function devDockDisabled(): WireResult<never> {
  return wireErr('E_DEVDOCK_DISABLED', 'the dev dock is disabled in this config (ui.devDock)');
}
