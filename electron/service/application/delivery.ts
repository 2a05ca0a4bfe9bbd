/**
 * Where the result goes (结果送达方式): the item record lists the ways its result may reach the
 * applicant (pick up at the hall, post, electronic license) and which one is the default; the
 * applicant keeps the default with no tap at all, or chooses another on the check-answers
 * screen. The choice lives in the session's scratch data (wiped with the session), bound to the
 * item and version it was made for, and travels with the submission (`buildSubmission`).
 *
 * Typing a postal address on a touchscreen is costly, so a posted result goes to the address
 * on file when there is one: an enterprise's registered address from its business license
 * (looked up only after the applicant's consent, with the application's purpose). The
 * applicant sees it on check answers and may type another instead.
 */
import { maskAddress } from '../../../drivers/common/mask.js';
import { silentLogger, type Logger } from '../../../drivers/common/logger.js';
import { err, ok, type Result } from '../../../drivers/common/result.js';
import type { ApprovalClient, Schemas } from '../approval/client.js';
import type { ItemRecord } from '../catalogue/cache.js';
import type { Session } from '../session/session.js';
import type { OnFileDocument } from './completeness.js';
import type { DeskError } from './desk.js';

export type DeliveryKind = Schemas['DeliveryKind'];
export type DeliveryOption = Schemas['DeliveryOption'];
export type DeliveryChoice = Schemas['DeliveryChoice'];

/** Key of the choice in the session's scratch data. */
const CHOICE_KEY = 'application.delivery';
/** License type whose `data.address` is an enterprise's registered address (sandbox seed). */
const BUSINESS_LICENSE = 'BUSINESS_LICENSE';
/** Bounds of a postal address, characters (sandbox/openapi.yaml `DeliveryChoice.address`). */
export const ADDRESS_MIN_CHARS = 5;
export const ADDRESS_MAX_CHARS = 200;

/**
 * What an item offers when its record predates result delivery (cached before the field
 * existed): the result is picked up where it was applied for, as before.
 */
const PICK_UP_ONLY: readonly DeliveryOption[] = [
  {
    kind: 'PICK_UP',
    detail: { 'zh-CN': '到办理窗口领取', en: 'Pick it up at the counter that handles the item' },
    isDefault: true,
  },
];

export type DeliveryErrorCode =
  'delivery-not-offered' | 'delivery-address-required' | 'delivery-address-invalid';

export type DeliveryError =
  DeskError | { readonly code: DeliveryErrorCode; readonly message: string };

/** Where an address came from: on file (registered address) or typed by the applicant. */
export type AddressSource = 'ON_FILE' | 'TYPED';

/** The choice as check answers shows it. The address is the applicant's own, in full. */
export interface DeliveryView {
  readonly options: readonly DeliveryOption[];
  readonly chosen: {
    readonly kind: DeliveryKind;
    readonly detail: Schemas['LocalizedText'];
    readonly address?: string;
    readonly addressSource?: AddressSource;
  };
  /** False while the item's default applies because the applicant chose nothing. */
  readonly explicit: boolean;
  /** True when a posted result can go to an address on file without typing. */
  readonly addressOnFile: boolean;
}

/** What the receipt keeps of the choice: no address in clear. */
export interface ReceiptDelivery {
  readonly kind: DeliveryKind;
  readonly detail: Schemas['LocalizedText'];
  readonly addressMasked?: string;
}

interface StoredChoice {
  readonly itemCode: string;
  readonly itemVersion: number;
  readonly kind: DeliveryKind;
  readonly address?: string;
  readonly addressSource?: AddressSource;
}

/** The open draft as the choice needs it (`ApplicationDesk.current`). */
export interface DraftFacts {
  readonly session: Session;
  readonly item: ItemRecord;
  readonly businessId: string;
  readonly consented: boolean;
  readonly onFile: ReadonlyMap<string, readonly OnFileDocument[]>;
}

/** The options of an item record or summary; records from before the field: pick up only. */
export function deliveryOptions(item: {
  readonly resultDelivery?: readonly DeliveryOption[];
}): readonly DeliveryOption[] {
  const options = item.resultDelivery ?? [];
  return options.length > 0 ? options : PICK_UP_ONLY;
}

/** The default option: the one marked so, else the first. */
export function defaultOption(item: ItemRecord): DeliveryOption {
  const options = deliveryOptions(item);
  return options.find((o) => o.isDefault) ?? options[0]!;
}

function storedChoice(session: Session, item: ItemRecord): StoredChoice | undefined {
  const stored = session.data.get(CHOICE_KEY) as StoredChoice | undefined;
  // A choice made for another item (or version) does not carry over.
  return stored?.itemCode === item.implementCode && stored.itemVersion === item.version
    ? stored
    : undefined;
}

/**
 * The delivery an application of this item in this session is submitted with: the applicant's
 * choice, or the item's default. Sent explicitly, so the central API never has to guess.
 */
export function chosenDelivery(
  session: Session,
  item: ItemRecord,
): { readonly request: DeliveryChoice; readonly receipt: ReceiptDelivery } {
  const stored = storedChoice(session, item);
  const option =
    (stored && deliveryOptions(item).find((o) => o.kind === stored.kind)) ?? defaultOption(item);
  const address = option.kind === 'POST' ? stored?.address : undefined;
  return {
    request: { kind: option.kind, ...(address !== undefined ? { address } : {}) },
    receipt: {
      kind: option.kind,
      detail: option.detail,
      ...(address !== undefined ? { addressMasked: maskAddress(address) } : {}),
    },
  };
}

/** Checks a typed address: trimmed, within bounds, no control characters. */
export function checkAddress(address: string): Result<string, string> {
  const text = address.replace(/\s+/g, ' ').trim();
  if (/\p{Cc}/u.test(address.replace(/[\t\n\r]/g, ''))) {
    return err('the address contains control characters');
  }
  const length = Array.from(text).length;
  if (length < ADDRESS_MIN_CHARS) {
    return err(`the address is too short (${length} characters; at least ${ADDRESS_MIN_CHARS})`);
  }
  if (length > ADDRESS_MAX_CHARS) {
    return err(`the address is too long (${length} characters; at most ${ADDRESS_MAX_CHARS})`);
  }
  return ok(text);
}

export interface DeliveryDeskDeps {
  /** The open draft, or why there is none (`ApplicationDesk.current`). */
  readonly current: () => Result<DraftFacts, DeskError>;
  readonly client: ApprovalClient | undefined;
  readonly terminalId: string;
  readonly logger?: Logger;
}

/** The applicant's choice of where the result goes, for the open application. */
export class DeliveryDesk {
  private readonly logger: Logger;

  constructor(private readonly deps: DeliveryDeskDeps) {
    this.logger = deps.logger ?? silentLogger;
  }

  /** The item's options and what applies now (the default until the applicant chooses). */
  async view(): Promise<Result<DeliveryView, DeliveryError>> {
    const current = this.deps.current();
    if (!current.ok) return current;
    return ok(await this.viewOf(current.value));
  }

  /**
   * Chooses how the result is delivered. POST without an address takes the address on file
   * (shown on check answers, where the applicant may type another); with none on file the
   * applicant must type one.
   */
  async set(kind: DeliveryKind, address?: string): Promise<Result<DeliveryView, DeliveryError>> {
    const current = this.deps.current();
    if (!current.ok) return current;
    const facts = current.value;
    const offered = deliveryOptions(facts.item).map((o) => o.kind);
    if (!offered.includes(kind)) {
      return err({
        code: 'delivery-not-offered',
        message: `this item does not deliver its result by ${kind}; it offers ${offered.join(', ')}`,
      });
    }

    let chosen: StoredChoice = {
      itemCode: facts.item.implementCode,
      itemVersion: facts.item.version,
      kind,
    };
    if (kind !== 'POST' && address !== undefined) {
      return err({
        code: 'delivery-address-invalid',
        message: `an address is taken only for POST, not for ${kind}`,
      });
    }
    if (kind === 'POST') {
      if (address !== undefined) {
        const checked = checkAddress(address);
        if (!checked.ok) return err({ code: 'delivery-address-invalid', message: checked.error });
        chosen = { ...chosen, address: checked.value, addressSource: 'TYPED' };
      } else {
        const onFile = await this.addressOnFile(facts);
        if (onFile === undefined) {
          return err({
            code: 'delivery-address-required',
            message: 'no address on file for this applicant: type the postal address',
          });
        }
        chosen = { ...chosen, address: onFile, addressSource: 'ON_FILE' };
      }
    }

    facts.session.data.set(CHOICE_KEY, chosen);
    this.logger.info({
      event: 'application.delivery-chosen',
      sessionId: facts.session.id,
      kind,
      ...(chosen.addressSource ? { addressSource: chosen.addressSource } : {}),
    });
    return ok(await this.viewOf(facts));
  }

  private async viewOf(facts: DraftFacts): Promise<DeliveryView> {
    const options = deliveryOptions(facts.item);
    const stored = storedChoice(facts.session, facts.item);
    const option =
      (stored && options.find((o) => o.kind === stored.kind)) ?? defaultOption(facts.item);
    const offersPost = options.some((o) => o.kind === 'POST');
    return {
      options,
      chosen: {
        kind: option.kind,
        detail: option.detail,
        ...(option.kind === 'POST' && stored?.address !== undefined
          ? { address: stored.address, addressSource: stored.addressSource ?? 'TYPED' }
          : {}),
      },
      explicit: stored !== undefined,
      addressOnFile: offersPost && (await this.addressOnFile(facts)) !== undefined,
    };
  }

  /**
   * The enterprise applicant's registered address from its business license on file: from
   * the documents the desk has looked up, else one lookup with the application's purpose.
   * Nothing is looked up without consent, and a person has no address on file here.
   */
  private async addressOnFile(facts: DraftFacts): Promise<string | undefined> {
    const enterprise = facts.session.applicant?.enterprise;
    if (!enterprise || !facts.consented) return undefined;
    const code = enterprise.creditCode;
    let documents = facts.onFile.get(code);
    if (documents === undefined) {
      const cacheKey = `${CHOICE_KEY}.onFile.${facts.businessId}`;
      documents = facts.session.data.get(cacheKey) as OnFileDocument[] | undefined;
      if (documents === undefined && this.deps.client) {
        const r = await this.deps.client.lookupDocuments({
          holder: { type: 'ENTERPRISE', code },
          purpose: {
            itemCode: facts.item.implementCode,
            businessId: facts.businessId,
            terminalId: this.deps.terminalId,
          },
        });
        if (!r.ok) {
          this.logger.warn({
            event: 'application.address-lookup-failed',
            sessionId: facts.session.id,
            error: r.error.kind === 'http' ? `HTTP ${r.error.status}` : r.error.kind,
          });
          return undefined;
        }
        documents = r.value.documents;
        facts.session.data.set(cacheKey, documents);
      }
    }
    const license = (documents ?? []).find(
      (d) => d.kind === 'E_LICENSE' && d.licenseType === BUSINESS_LICENSE && d.status === 'VALID',
    );
    const address = license?.data['address'];
    return typeof address === 'string' && checkAddress(address).ok ? address.trim() : undefined;
  }
}
