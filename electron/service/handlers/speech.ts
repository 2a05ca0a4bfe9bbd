/**
 * Handlers of speech output: synthesis in the displayed language, the audio chunks, and the
 * dev dock's record of what was said.
 */
import type { speechMethods } from '../../contract/methods/speech.js';
import { wireErr, wireOk } from '../../contract/protocol.js';
import type { ServiceContext } from '../context.js';
import type { HandlersFor } from '../rpc/dispatcher.js';

export function speechHandlers(svc: ServiceContext): HandlersFor<typeof speechMethods> {
  return {
    'speech.say': async ({ language, parts }) => {
      try {
        const u = await svc.speech.say(language, parts);
        return wireOk({
          utteranceId: u.id,
          voice: u.voice,
          chunks: u.chunks.length,
          durationMs: u.durationMs,
          personalLeftOut: u.personalLeftOut,
        });
      } catch (e) {
        svc.logger.warn({ event: 'speech.failed', message: (e as Error).message });
        return wireErr('E_SPEECH_UNAVAILABLE', `speech synthesis failed: ${(e as Error).message}`);
      }
    },

    'speech.audio': ({ utteranceId, index }) => {
      const u = svc.speech.utterance(utteranceId);
      if (!u) return wireErr('E_SPEECH_GONE', `utterance ${utteranceId} is no longer kept`);
      const chunk = u.chunks[index];
      if (!chunk)
        return wireErr('E_SPEECH_CHUNK', `utterance ${utteranceId} has ${u.chunks.length} chunks`);
      return wireOk({
        wavBase64: chunk.toString('base64'),
        sampleRate: u.sampleRate,
        durationMs: Math.round(((chunk.length - 44) / 2 / u.sampleRate) * 1000),
      });
    },

    'speech.spoken': ({ limit }) => {
      if (!svc.loaded.config.ui.devDock) {
        return wireErr(
          'E_DEVDOCK_DISABLED',
          'the dev dock is disabled in this config (ui.devDock)',
        );
      }
      return wireOk({ utterances: [...svc.speech.recent(limit)] });
    },
  };
}
