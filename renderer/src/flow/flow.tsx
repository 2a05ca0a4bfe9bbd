/**
 * Runs the session machine for the app and connects it to the world: the service's hello
 * (idle timings), the session (a card read identifies), scanned codes, device errors, and every
 * touch or key press (activity for the idle timer). Provides the side effects of a wipe:
 * `session.end` in the service, clearing browser storage and the speech prompt, and resetting
 * language, volume, elder mode and contrast.
 */
import { useActorRef, useSelector } from '@xstate/react';
import { createContext, type ReactNode, useContext, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { ActorRefFrom } from 'xstate';
import { useKiosk } from '../kiosk-context';
import { useSpeech } from '../speech/speech';
import { usePreferences } from './preferences';
import { RestartNoticeProvider } from './restart-notice-provider';
import { currentStep, isIdleWarning, type SessionContext, sessionMachine } from './session-machine';

type FlowActor = ActorRefFrom<typeof sessionMachine>;

const FlowContext = createContext<FlowActor | undefined>(undefined);

export function FlowProvider({ children }: { children: ReactNode }) {
  const { client, hello, session } = useKiosk();
  const { i18n } = useTranslation();
  const preferences = usePreferences();
  const speech = useSpeech();

  const actor = useActorRef(sessionMachine);

  useEffect(() => {
    const subscription = actor.on('visit.ended', ({ reason }) => {
      // `service`: the service ended the session itself; there is nothing left to end there.
      if (reason !== 'service') void client.call('session.end', { reason });
      speech.reset();
      // The renderer keeps nothing in storage by design; clearing is defence in depth.
      try {
        window.sessionStorage.clear();
        window.localStorage.clear();
      } catch {
        // Storage can be unavailable (opaque origins); then there is nothing in it either.
      }
      preferences.reset();
      void i18n.changeLanguage(hello?.defaultLanguage ?? 'zh-CN');
    });
    return () => subscription.unsubscribe();
  }, [actor, client, speech, preferences, i18n, hello]);

  // Idle timings and the hall's default language from the config, after every (re)connect.
  const configured = useRef(false);
  useEffect(() => {
    if (!hello) return;
    actor.send({
      type: 'CONFIGURE',
      idleTimeoutMs: hello.idle.timeoutSeconds * 1000,
      idleWarningMs: hello.idle.warningSeconds * 1000,
    });
    if (!configured.current) {
      configured.current = true;
      void i18n.changeLanguage(hello.defaultLanguage);
    }
  }, [actor, hello, i18n]);

  // The service's session: a read card identifies; a session ended elsewhere wipes here too.
  useEffect(() => {
    const applicant = session?.applicant;
    if (applicant) {
      actor.send({ type: 'ACTIVITY' });
      actor.send({ type: 'IDENTIFIED', applicant });
    } else if (actor.getSnapshot().context.applicant) {
      actor.send({ type: 'SESSION_ENDED' });
    }
  }, [actor, session]);

  useEffect(() => {
    const offScan = client.on('barcode.scanned', (e) => {
      actor.send({ type: 'ACTIVITY' });
      actor.send({ type: 'CODE_SCANNED', code: e.code, scanId: e.scanId });
      // The government app's identity code signs in through the service; the session it
      // starts arrives as session.changed like a card read.
      if (e.code.kind === 'app-identity') {
        void client.call('barcode.signIn', { scanId: e.scanId }).then((r) => {
          if (!r.ok)
            actor.send({ type: 'FAULT', fault: { code: r.error.code, source: 'service' } });
        });
      }
    });
    const offExtended = client.on('session.timeExtended', () =>
      actor.send({ type: 'STAFF_EXTENDED' }),
    );
    const offCardError = client.on('idCard.error', (e) =>
      actor.send({ type: 'FAULT', fault: { code: e.code, source: 'idCard' } }),
    );
    return () => {
      offScan();
      offCardError();
      offExtended();
    };
  }, [actor, client]);

  // Any touch, click or key counts as activity for the idle timer.
  useEffect(() => {
    const onActivity = () => actor.send({ type: 'ACTIVITY' });
    window.addEventListener('pointerdown', onActivity, { capture: true });
    window.addEventListener('keydown', onActivity, { capture: true });
    return () => {
      window.removeEventListener('pointerdown', onActivity, { capture: true });
      window.removeEventListener('keydown', onActivity, { capture: true });
    };
  }, [actor]);

  return (
    <FlowContext.Provider value={actor}>
      <RestartNoticeProvider actor={actor}>{children}</RestartNoticeProvider>
    </FlowContext.Provider>
  );
}

export function useFlowActor(): FlowActor {
  const actor = useContext(FlowContext);
  if (!actor) throw new Error('useFlowActor outside FlowProvider');
  return actor;
}

export function useFlowStep() {
  return useSelector(useFlowActor(), (s) => currentStep(s.value));
}

export function useFlowContext<T>(select: (context: SessionContext) => T): T {
  return useSelector(useFlowActor(), (s) => select(s.context));
}

export function useIdleWarning(): boolean {
  return useSelector(useFlowActor(), (s) => isIdleWarning(s.value));
}
