/**
 * Speech for the applicant: turns the renderer's text parts into WAV chunks in the displayed
 * language, leaving out personal parts unless the audio path is private. Keeps the last few
 * utterances' audio for `speech.audio`, and (for the dev dock and tests) a short record of what
 * was said, which is cleared when the session ends.
 */
import type { Logger } from '../../../drivers/common/logger.js';
import { SPEECH_CHUNK_MAX_BYTES } from '../../contract/methods/speech.js';
import { espeakSynthesizer, type Synthesizer, VOICES } from './espeak.js';
import { chunkWav, halveRate, parseWav } from './wav.js';

export type SpeechLanguage = keyof typeof VOICES;

export interface SpeechPart {
  readonly text: string;
  readonly personal?: boolean;
}

export interface SpokenUtterance {
  readonly text: string;
  readonly language: SpeechLanguage;
  readonly voice: string;
  readonly personalLeftOut: number;
  readonly at: string;
}

export interface Utterance {
  readonly id: string;
  readonly voice: string;
  readonly chunks: readonly Buffer[];
  readonly sampleRate: number;
  readonly durationMs: number;
  readonly personalLeftOut: number;
}

/** Audio of this many recent utterances stays fetchable (a prompt and its repeat). */
const KEPT_UTTERANCES = 6;
/** Entries of the spoken record. */
const SPOKEN_RECORD = 50;
/** Sample rates above this are halved before chunking (espeak-ng speaks at 22050 Hz). */
const MAX_SAMPLE_RATE_HZ = 16_000;

export interface SpeechServiceOptions {
  readonly synthesize: Synthesizer;
  /** `ui.privateAudio`: personal parts may be spoken. */
  readonly privateAudio: boolean;
  readonly logger: Logger;
}

export class SpeechService {
  private nextId = 1;
  private readonly kept = new Map<string, Utterance>();
  private readonly spoken: SpokenUtterance[] = [];

  constructor(private readonly options: SpeechServiceOptions) {}

  async say(language: SpeechLanguage, parts: readonly SpeechPart[]): Promise<Utterance> {
    const voice = VOICES[language];
    const said = parts.filter((p) => this.options.privateAudio || !p.personal);
    const personalLeftOut = parts.length - said.length;
    const text = said
      .map((p) => p.text.trim())
      .filter(Boolean)
      .join(language === 'en' ? ' ' : '');
    const id = `u${this.nextId++}`;

    let utterance: Utterance = {
      id,
      voice,
      chunks: [],
      sampleRate: 0,
      durationMs: 0,
      personalLeftOut,
    };
    if (text) {
      let pcm = parseWav(await this.options.synthesize(text, voice));
      while (pcm.sampleRate > MAX_SAMPLE_RATE_HZ) pcm = halveRate(pcm);
      utterance = {
        ...utterance,
        chunks: chunkWav(pcm, SPEECH_CHUNK_MAX_BYTES),
        sampleRate: pcm.sampleRate,
        durationMs: Math.round((pcm.samples.length / pcm.sampleRate) * 1000),
      };
    }

    this.kept.set(id, utterance);
    for (const old of this.kept.keys()) {
      if (this.kept.size <= KEPT_UTTERANCES) break;
      this.kept.delete(old);
    }
    this.spoken.push({ text, language, voice, personalLeftOut, at: new Date().toISOString() });
    if (this.spoken.length > SPOKEN_RECORD) this.spoken.shift();
    // Lengths only: the text itself may be personal (on a private audio path).
    this.options.logger.info({
      event: 'speech.synthesized',
      voice,
      characters: text.length,
      chunks: utterance.chunks.length,
      durationMs: utterance.durationMs,
      personalLeftOut,
    });
    return utterance;
  }

  utterance(id: string): Utterance | undefined {
    return this.kept.get(id);
  }

  /** Most recent last. */
  recent(limit = SPOKEN_RECORD): readonly SpokenUtterance[] {
    return this.spoken.slice(-limit);
  }

  /** Forgets every kept utterance and the record (session end: it may hold personal data). */
  wipe(): void {
    this.kept.clear();
    this.spoken.length = 0;
  }
}

/**
 * The speech domain as the composition root builds it: espeak-ng from PATH, the config's
 * `ui.privateAudio`, and a wipe of kept audio and the record whenever the session ends.
 */
export function createSpeech(
  privateAudio: boolean,
  session: { onEnd(listener: () => void): unknown },
  logger: Logger,
  synthesize: Synthesizer = espeakSynthesizer(),
): SpeechService {
  const speech = new SpeechService({ synthesize, privateAudio, logger });
  session.onEnd(() => speech.wipe());
  return speech;
}
