/**
 * Speech output for every prompt, error and result, in the displayed language. A screen
 * announces itself with `useAnnounce(() => parts)`; the parts are built again from the i18n
 * messages when the language changes or the applicant taps "repeat", so the spoken text always
 * matches the screen. Personal parts (`personal: true`) are left out by the service unless the
 * audio path is private.
 */
import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
} from 'react';
import { useTranslation } from 'react-i18next';
import { usePreferences } from '../flow/preferences';
import { useKiosk } from '../kiosk-context';
import { SpeechPlayer } from './player';

export interface SpeechPart {
  readonly text: string;
  readonly personal?: boolean;
}

export type Prompt = () => readonly SpeechPart[];

export interface Speech {
  /** Says these parts now and remembers them for "repeat". */
  announce(prompt: Prompt): void;
  repeat(): void;
  stop(): void;
  /** Forgets the last prompt (it may hold personal data) and stops playing. */
  reset(): void;
}

const SpeechContext = createContext<Speech | undefined>(undefined);

export function SpeechProvider({ children }: { children: ReactNode }) {
  const { client } = useKiosk();
  const { i18n } = useTranslation();
  const { volume } = usePreferences();
  const player = useMemo(() => new SpeechPlayer(client), [client]);
  const last = useRef<Prompt | undefined>(undefined);

  useEffect(() => player.setVolume(volume), [player, volume]);

  const say = useCallback(
    (prompt: Prompt) => {
      const parts = prompt().filter((p) => p.text.trim() !== '');
      if (!parts.length) return;
      const language = i18n.language === 'en' ? 'en' : 'zh-CN';
      void client
        .call('speech.say', {
          language,
          parts: parts.map((p) =>
            p.personal ? { text: p.text, personal: true } : { text: p.text },
          ),
        })
        .then((r) => {
          if (r.ok && r.value.chunks > 0) void player.play(r.value.utteranceId, r.value.chunks);
        });
    },
    [client, i18n.language, player],
  );

  const value = useMemo<Speech>(
    () => ({
      announce(prompt) {
        last.current = prompt;
        say(prompt);
      },
      repeat() {
        if (last.current) say(last.current);
      },
      stop: () => player.stop(),
      reset() {
        last.current = undefined;
        player.stop();
      },
    }),
    [say, player],
  );
  return <SpeechContext.Provider value={value}>{children}</SpeechContext.Provider>;
}

export function useSpeech(): Speech {
  const value = useContext(SpeechContext);
  if (!value) throw new Error('useSpeech outside SpeechProvider');
  return value;
}

/**
 * Announces a screen when it appears, when the language changes, and when `key` changes (a new
 * result, a new error). `prompt` should read from i18n's `t` so it follows the language.
 */
export function useAnnounce(prompt: Prompt, key: string, enabled = true): void {
  const speech = useSpeech();
  const { i18n } = useTranslation();
  const promptRef = useRef(prompt);
  useEffect(() => {
    promptRef.current = prompt;
  });
  useEffect(() => {
    if (!enabled) return;
    speech.announce(() => promptRef.current());
  }, [speech, key, i18n.language, enabled]);
}
