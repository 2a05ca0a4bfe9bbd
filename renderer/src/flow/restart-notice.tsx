/**
 * Tells the applicant when the kiosk service restarted during their visit. The renderer learns
 * of a restart from `system.hello`: its `startedAt` differs from the one before the connection
 * was lost (in the browser host the socket closes with 1012 first; under Electron the port
 * closes). The restarted service holds no session, so the visit ends here too (reason
 * `service`, like a session the staff ended), and the attract screen shows a short notice:
 * what became of the application and to start again. The notice names no one and nothing the
 * applicant entered; it goes on the next touch or key (outside the access bar, so the
 * language can still be switched to read it) or after `RESTART_NOTICE_MS`.
 */
import { createContext, type ReactNode, useContext, useEffect, useRef, useState } from 'react';
import type { ActorRefFrom } from 'xstate';
import { useKiosk } from '../kiosk-context';
import { currentStep, type sessionMachine, type Step } from './session-machine';

/** What the notice says about the visit the restart ended. */
export type RestartNoticeKind = 'notSubmitted' | 'submitted' | 'unsure' | 'interrupted';

/** How long the notice stays without a touch, milliseconds. */
export const RESTART_NOTICE_MS = 45_000;

/**
 * The notice for a visit that was at `step` when the connection was lost; `submitted` when the
 * service had already answered the submission (the outbox keeps it: it is not lost). None when
 * no visit was running.
 */
export function restartNoticeKind(
  step: Step | 'attract',
  submitted: boolean,
): RestartNoticeKind | undefined {
  if (step === 'attract') return undefined;
  if (submitted) return 'submitted';
  // The answer to the submission never came: it may or may not be in the outbox.
  if (step === 'submitting') return 'unsure';
  if (step === 'statusQuery' || step === 'verify') return 'interrupted';
  return 'notSubmitted';
}

type FlowActor = ActorRefFrom<typeof sessionMachine>;

const RestartNoticeContext = createContext<RestartNoticeKind | undefined>(undefined);

/** The notice to show on the attract screen, if any. */
export function useRestartNotice(): RestartNoticeKind | undefined {
  return useContext(RestartNoticeContext);
}

export function RestartNoticeProvider({
  actor,
  children,
}: {
  actor: FlowActor;
  children: ReactNode;
}) {
  const { connection, hello } = useKiosk();
  const [notice, setNotice] = useState<RestartNoticeKind | undefined>();
  /** Where the visit was when the connection went away (cleared once the service answered). */
  const atLoss = useRef<{ step: Step | 'attract'; submitted: boolean } | undefined>(undefined);
  const startedAt = useRef<string | undefined>(undefined);

  useEffect(() => {
    if (connection.kind !== 'unavailable' || atLoss.current) return;
    const snapshot = actor.getSnapshot();
    atLoss.current = {
      step: currentStep(snapshot.value),
      submitted: snapshot.context.submission !== undefined,
    };
  }, [connection.kind, actor]);

  useEffect(() => {
    if (!hello) return;
    const before = startedAt.current;
    const lost = atLoss.current;
    startedAt.current = hello.startedAt;
    atLoss.current = undefined;
    if (before === undefined || before === hello.startedAt || !lost) return;
    const kind = restartNoticeKind(lost.step, lost.submitted);
    if (!kind) return;
    // The new service has no session; a visit without an applicant (verify, status query,
    // identify) would otherwise stay on screen. At attract this event does nothing.
    actor.send({ type: 'SESSION_ENDED' });
    setNotice(kind);
  }, [hello, actor]);

  useEffect(() => {
    if (!notice) return;
    const clear = () => setNotice(undefined);
    const timer = setTimeout(clear, RESTART_NOTICE_MS);
    const onInput = (e: Event) => {
      const target = e.target instanceof Element ? e.target : null;
      // Language, large text, contrast and repeat help to read the notice: they keep it.
      if (target?.closest('.access-bar')) return;
      clear();
    };
    window.addEventListener('pointerdown', onInput, { capture: true });
    window.addEventListener('keydown', onInput, { capture: true });
    // A new visit (a card placed, a code scanned) leaves attract: the notice is over.
    const subscription = actor.subscribe((s) => {
      if (currentStep(s.value) !== 'attract') clear();
    });
    return () => {
      clearTimeout(timer);
      window.removeEventListener('pointerdown', onInput, { capture: true });
      window.removeEventListener('keydown', onInput, { capture: true });
      subscription.unsubscribe();
    };
  }, [notice, actor]);

  return <RestartNoticeContext.Provider value={notice}>{children}</RestartNoticeContext.Provider>;
}
