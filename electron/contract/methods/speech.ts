/**
 * Speech output: the service synthesises every prompt, error and result with espeak-ng in the
 * displayed language, so speech works the same under Electron and in plain Chromium (whose
 * `speechSynthesis` needs speech-dispatcher on Linux). The renderer sends the text in parts and
 * marks the parts that carry personal data; the service leaves those out unless the config
 * says the audio path is private (`ui.privateAudio`: a headset jack, not the public speaker).
 *
 * Audio travels as WAV chunks of at most `SPEECH_CHUNK_MAX_BYTES` each (base64 in the result),
 * fetched one by one with `speech.audio`, so no frame comes near the 256 KB cap however long
 * the text is.
 */
import { z } from 'zod';
import { ALL_ROLES, method } from '../define.js';
import { languageSchema } from './common.js';

/** Largest WAV chunk (bytes before base64): 4/3 of it stays well under the frame cap. */
export const SPEECH_CHUNK_MAX_BYTES = 160 * 1024;

const utteranceId = z.string().regex(/^u[0-9]{1,12}$/, 'an utterance id such as u12');

export const speechPartSchema = z.strictObject({
  text: z.string().min(1).max(500),
  /** Personal data (a name, an ID number, a tracking number): spoken only on a private path. */
  personal: z.boolean().optional(),
});

export const spokenUtteranceSchema = z.strictObject({
  /** Exactly the text handed to espeak-ng. */
  text: z.string(),
  language: languageSchema,
  /** espeak-ng voice: `cmn` for zh-CN, `en` for English. */
  voice: z.string(),
  /** How many parts were left out because they are personal and the audio path is public. */
  personalLeftOut: z.number().int().min(0),
  at: z.string(),
});

export const speechMethods = {
  'speech.say': method({
    roles: ALL_ROLES,
    summary:
      'Synthesises text in the given language (personal parts only on a private audio path); returns how many WAV chunks to fetch.',
    params: z.strictObject({
      language: languageSchema,
      parts: z.array(speechPartSchema).min(1).max(20),
    }),
    result: z.strictObject({
      utteranceId,
      voice: z.string(),
      /** 0 when nothing was left to say (every part was personal on a public speaker). */
      chunks: z.number().int().min(0),
      durationMs: z.number().int().min(0),
      personalLeftOut: z.number().int().min(0),
    }),
  }),
  'speech.audio': method({
    roles: ALL_ROLES,
    summary: 'One WAV chunk of an utterance (base64), in order from 0.',
    params: z.strictObject({ utteranceId, index: z.number().int().min(0).max(1000) }),
    result: z.strictObject({
      wavBase64: z.string(),
      sampleRate: z.number().int(),
      durationMs: z.number().int().min(0),
    }),
  }),
  'speech.spoken': method({
    roles: ALL_ROLES,
    summary:
      'Dev dock and tests: the most recent utterances as synthesised (text, language, voice); E_DEVDOCK_DISABLED unless enabled.',
    params: z.strictObject({ limit: z.number().int().min(1).max(50).optional() }),
    result: z.strictObject({ utterances: z.array(spokenUtteranceSchema) }),
  }),
} as const;

export const speechEvents = {} as const;
