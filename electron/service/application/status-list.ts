/**
 * "My applications" on the status screen: when a person places an ID card there, the list of
 * their applications — the ones this kiosk holds (by the outbox's keyed holder digests: queued
 * ones the central API does not know yet, refused ones, and forwarded ones still on the kiosk)
 * and the ones the central API knows (`POST /v1/applications/search` by the person's ID number;
 * the platform also matches applications where the person was the agent). The list carries no
 * personal data: item names, references, states and dates only.
 */
import { silentLogger, type Logger } from '../../../drivers/common/logger.js';
import { err, ok, type Result } from '../../../drivers/common/result.js';
import type { ApprovalClient, Schemas } from '../approval/client.js';
import type { OutboxStore } from '../outbox/store.js';
import type { SessionManager } from '../session/session.js';
import type { DeskError } from './desk.js';

/** The most the central API returns per search (sandbox/openapi.yaml ApplicationSearchRequest). */
const CENTRAL_SEARCH_LIMIT = 50;
/** Entries shown; a person with more uses the tracking number. */
export const MY_APPLICATIONS_LIMIT = 20;

export interface MyApplication {
  /** What to look the application up by: the tracking number, else the local reference. */
  readonly reference: string;
  readonly localReference: string | null;
  readonly trackingNumber: string | null;
  readonly itemName: { readonly 'zh-CN': string; readonly en: string };
  /** `queued`: on this kiosk, not yet at the central API; `refused`: staff must look at it. */
  readonly state: 'queued' | 'forwarded' | 'refused';
  /** The central API's status code, when known. */
  readonly status: string | null;
  readonly submittedAt: string;
  /** `kiosk`: this kiosk's outbox holds it; `central`: only the central API knows it. */
  readonly source: 'kiosk' | 'central';
}

export interface MyApplications {
  readonly applications: readonly MyApplication[];
  /** Whether the central API answered; when not, only this kiosk's applications are listed. */
  readonly central: 'ok' | 'unavailable';
}

export interface StatusListDeps {
  readonly session: SessionManager;
  readonly outbox: OutboxStore;
  readonly client: Pick<ApprovalClient, 'searchApplications'> | undefined;
  readonly logger?: Logger;
}

export class StatusList {
  private readonly logger: Logger;
  private indexed = false;

  constructor(private readonly deps: StatusListDeps) {
    this.logger = deps.logger ?? silentLogger;
  }

  /** The identified person's applications, newest first. */
  async mine(): Promise<Result<MyApplications, DeskError>> {
    const session = this.deps.session.active;
    const person = session?.applicant;
    if (!session || !person) {
      return err({ code: 'no-applicant', message: 'place the ID card first' });
    }
    this.indexOnce();

    const local = this.deps.outbox.rowsOfHolder(person.idNumber).map(({ row }): MyApplication => ({
      reference: row.trackingNumber ?? row.localReference,
      localReference: row.localReference,
      trackingNumber: row.trackingNumber,
      itemName: row.receipt.itemName,
      state: row.state === 'pending' ? 'queued' : row.state,
      status: row.status,
      submittedAt: row.receipt.submittedAt,
      source: 'kiosk',
    }));

    const central = await this.central(person.idNumber);
    const known = new Set(local.map((a) => a.trackingNumber).filter((t) => t !== null));
    const fromCentral = (central ?? [])
      .filter((s) => !known.has(s.trackingNumber))
      .map((s): MyApplication => ({
        reference: s.trackingNumber,
        localReference: null,
        trackingNumber: s.trackingNumber,
        itemName: s.itemName,
        state: 'forwarded',
        status: s.status,
        submittedAt: s.submittedAt,
        source: 'central',
      }));
    // The central API's status is fresher than the one the outbox saw at forwarding.
    const liveStatus = new Map((central ?? []).map((s) => [s.trackingNumber, s.status]));
    const merged = [...local, ...fromCentral]
      .map((a) =>
        a.trackingNumber && liveStatus.has(a.trackingNumber)
          ? { ...a, status: liveStatus.get(a.trackingNumber) ?? a.status }
          : a,
      )
      .sort((a, b) => b.submittedAt.localeCompare(a.submittedAt))
      .slice(0, MY_APPLICATIONS_LIMIT);

    this.logger.info({
      event: 'application.status-listed',
      sessionId: session.id,
      kiosk: local.length,
      central: central === undefined ? 'unavailable' : fromCentral.length,
    });
    return ok({ applications: merged, central: central === undefined ? 'unavailable' : 'ok' });
  }

  private async central(
    idNumber: string,
  ): Promise<readonly Schemas['ApplicationSummary'][] | undefined> {
    const client = this.deps.client;
    if (!client) return undefined;
    const r = await client.searchApplications({
      applicant: { type: 'PERSON', code: idNumber },
      limit: CENTRAL_SEARCH_LIMIT,
    });
    if (!r.ok) {
      this.logger.warn({
        event: 'application.status-list-central-failed',
        error: r.error.kind === 'http' ? `HTTP ${r.error.status}` : r.error.kind,
      });
      return undefined;
    }
    return r.value.applications;
  }

  /** Rows queued before the holder index existed get their digests once per service run. */
  private indexOnce(): void {
    if (this.indexed) return;
    this.indexed = true;
    try {
      const n = this.deps.outbox.indexUnindexedHolders();
      if (n > 0) this.logger.info({ event: 'outbox.holders-indexed', applications: n });
    } catch (e) {
      this.logger.error({ event: 'outbox.holders-index-failed', error: (e as Error).message });
    }
  }
}
