/**
 * The applicant session: who is at the kiosk right now. Personal data lives here (in memory)
 * and in encrypted outbox rows only. Ending the session (completion, cancel, idle timeout)
 * drops every reference to it; the renderer is told with a `session.changed` null event.
 * Taking the ID card away does not end the session: the card is only read.
 */
import { randomUUID } from 'node:crypto';
import { maskIdentifier, maskName } from '../../../drivers/common/mask.js';
import type { Logger } from '../../../drivers/common/logger.js';
import type { PayloadOf } from '../../contract/index.js';
import type { EventBus } from '../events.js';

export type SessionView = NonNullable<PayloadOf<'session.changed'>>;

/** Who the applicant is, as a device or staff member established it. Unmasked: never log. */
export interface ApplicantIdentity {
  readonly kind: 'person' | 'agent';
  readonly source: 'id-card' | 'app-qr' | 'staff-entry';
  /** `resident`, `gat-residence-permit`, `foreigner-permanent-2017`, `foreigner-permanent-2023`, `app-identity`. */
  readonly documentType: string;
  readonly idNumber: string;
  readonly name: string;
  /** For an enterprise agent: the enterprise they act for. */
  readonly enterprise?: { readonly creditCode: string; readonly name: string };
  /** The full document as read (card fields, photo bytes); stays in the service. */
  readonly document?: unknown;
}

export interface Session {
  readonly id: string;
  readonly startedAt: string;
  applicant?: ApplicantIdentity;
  /** Per-session scratch for domains (material plan, scans); cleared with the session. */
  readonly data: Map<string, unknown>;
}

export type EndReason = 'cancel' | 'complete' | 'timeout' | 'replaced' | 'shutdown';

export interface SessionOptions {
  /** When a second card is read during a session: replace the applicant (true) or ignore (false). */
  readonly replaceOnNewIdentity: boolean;
}

export class SessionManager {
  private current: Session | undefined;
  private readonly endListeners = new Set<(session: Session, reason: EndReason) => void>();

  constructor(
    private readonly bus: EventBus,
    private readonly logger: Logger,
    private readonly options: SessionOptions = { replaceOnNewIdentity: true },
  ) {}

  get active(): Session | undefined {
    return this.current;
  }

  /** Starts a session for this identity, or replaces the applicant when configured to. */
  identify(identity: ApplicantIdentity): { started: boolean; replaced: boolean } {
    if (this.current?.applicant) {
      if (!this.options.replaceOnNewIdentity) {
        this.logger.info({ event: 'session.identity-ignored', sessionId: this.current.id });
        return { started: false, replaced: false };
      }
      this.end('replaced');
      this.open(identity);
      return { started: true, replaced: true };
    }
    if (this.current) {
      this.current.applicant = identity;
      this.logger.info({
        event: 'session.identified',
        sessionId: this.current.id,
        documentType: identity.documentType,
      });
      this.announce();
      return { started: false, replaced: false };
    }
    this.open(identity);
    return { started: true, replaced: false };
  }

  /** Opens an anonymous session (status queries, verification) when none is open. */
  ensure(): Session {
    return this.current ?? this.open(undefined);
  }

  end(reason: EndReason): boolean {
    const session = this.current;
    if (!session) return false;
    for (const listener of this.endListeners) listener(session, reason);
    // Wipe: drop the identity and every domain's scratch data so nothing keeps a reference.
    session.applicant = undefined;
    session.data.clear();
    this.current = undefined;
    this.logger.info({ event: 'session.ended', sessionId: session.id, reason });
    this.bus.publish('session.changed', null);
    return true;
  }

  /** Domains that hold per-session resources (scans, drafts) release them here. */
  onEnd(listener: (session: Session, reason: EndReason) => void): () => void {
    this.endListeners.add(listener);
    return () => this.endListeners.delete(listener);
  }

  view(): SessionView | null {
    return this.current ? toView(this.current) : null;
  }

  private open(identity: ApplicantIdentity | undefined): Session {
    const session: Session = {
      id: randomUUID(),
      startedAt: new Date().toISOString(),
      data: new Map(),
    };
    if (identity) session.applicant = identity;
    this.current = session;
    this.logger.info({
      event: 'session.started',
      sessionId: session.id,
      ...(identity ? { documentType: identity.documentType, source: identity.source } : {}),
    });
    this.announce();
    return session;
  }

  private announce(): void {
    this.bus.publish('session.changed', this.view());
  }
}

export function toView(session: Session): SessionView {
  const a = session.applicant;
  return {
    id: session.id,
    startedAt: session.startedAt,
    ...(a
      ? {
          applicant: {
            kind: a.kind,
            source: a.source,
            documentType: a.documentType,
            nameMasked: maskName(a.name),
            idNumberMasked: maskIdentifier(a.idNumber),
            ...(a.enterprise
              ? {
                  enterpriseName: a.enterprise.name,
                  creditCodeMasked: maskIdentifier(a.enterprise.creditCode),
                }
              : {}),
          },
        }
      : {}),
  };
}
