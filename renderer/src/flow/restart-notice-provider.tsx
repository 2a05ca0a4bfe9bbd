/**
 * Provides the restart notice (restart-notice.ts says which one and why) to the attract screen:
 * notes where the visit was when the connection went, compares `system.hello`'s `startedAt`
 * after the reconnect, ends the visit when the service is a new one, and clears the notice on
 * the next touch or key outside the access bar, when a new visit starts, or after
 * `RESTART_NOTICE_MS`.
 */
import { createContext, type ReactNode, useContext, useEffect, useRef, useState } from 'react';
import type { ActorRefFrom } from 'xstate';
import { useKiosk } from '../kiosk-context';
import { RESTART_NOTICE_MS, restartNoticeKind, type RestartNoticeKind } from './restart-notice';
import { currentStep, type sessionMachine, type Step } from './session-machine';

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
