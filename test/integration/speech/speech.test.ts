/**
 * Speech through the real espeak-ng binary: the voice follows the language, personal parts are
 * spoken only on a private audio path, and every chunk fits a frame.
 */
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../../drivers/common/logger.js';
import { SPEECH_CHUNK_MAX_BYTES } from '../../../electron/contract/methods/speech.js';
import { MAX_FRAME_BYTES } from '../../../electron/contract/protocol.js';
import { espeakSynthesizer } from '../../../electron/service/speech/espeak.js';
import { createSpeech, SpeechService } from '../../../electron/service/speech/speech-service.js';
import { parseWav } from '../../../electron/service/speech/wav.js';

const synthesize = espeakSynthesizer();

describe('speech with espeak-ng', () => {
  it('speaks Chinese with the cmn voice and English with the en voice', async () => {
    const speech = new SpeechService({ synthesize, privateAudio: false, logger: silentLogger });
    const zh = await speech.say('zh-CN', [{ text: '请将身份证放在下方读卡区' }]);
    const en = await speech.say('en', [{ text: 'Place your ID card on the reader.' }]);
    expect(zh.voice).toBe('cmn');
    expect(en.voice).toBe('en');
    expect(zh.durationMs).toBeGreaterThan(1000);
    expect(speech.recent().map((u) => [u.language, u.voice, u.text])).toEqual([
      ['zh-CN', 'cmn', '请将身份证放在下方读卡区'],
      ['en', 'en', 'Place your ID card on the reader.'],
    ]);
    const first = zh.chunks[0]!;
    expect(parseWav(first).sampleRate).toBeLessThanOrEqual(16_000);
  });

  it('leaves personal parts out on a public speaker and says them on a private path', async () => {
    const parts = [
      { text: 'Hello' },
      { text: 'Wang', personal: true },
      { text: 'choose an item.' },
    ];
    const publicSpeech = new SpeechService({
      synthesize,
      privateAudio: false,
      logger: silentLogger,
    });
    const privateSpeech = new SpeechService({
      synthesize,
      privateAudio: true,
      logger: silentLogger,
    });
    const pub = await publicSpeech.say('en', parts);
    const priv = await privateSpeech.say('en', parts);
    expect(pub.personalLeftOut).toBe(1);
    expect(publicSpeech.recent()[0]!.text).toBe('Hello choose an item.');
    expect(priv.personalLeftOut).toBe(0);
    expect(privateSpeech.recent()[0]!.text).toBe('Hello Wang choose an item.');
  });

  it('says nothing (no audio, no espeak-ng run) when every part is personal on a public path', async () => {
    let runs = 0;
    const speech = new SpeechService({
      synthesize: (t, v) => (runs++, synthesize(t, v)),
      privateAudio: false,
      logger: silentLogger,
    });
    const u = await speech.say('zh-CN', [{ text: '王*', personal: true }]);
    expect(u.chunks).toEqual([]);
    expect(runs).toBe(0);
  });

  it('chunks long speech so every chunk fits a frame as base64', async () => {
    const speech = new SpeechService({ synthesize, privateAudio: false, logger: silentLogger });
    const text =
      '办理烟花爆竹道路运输许可，需要准备购买合同、运输车辆证明和驾驶员资格证明。'.repeat(3);
    const u = await speech.say('zh-CN', [{ text }]);
    expect(u.chunks.length).toBeGreaterThan(1);
    for (const c of u.chunks) {
      expect(c.length).toBeLessThanOrEqual(SPEECH_CHUNK_MAX_BYTES);
      expect(Math.ceil(c.length / 3) * 4 + 200).toBeLessThan(MAX_FRAME_BYTES);
    }
  });

  it('forgets audio and the record when the session ends', async () => {
    let onEnd: (() => void) | undefined;
    const speech = createSpeech(false, { onEnd: (l) => (onEnd = l) }, silentLogger, synthesize);
    const u = await speech.say('en', [{ text: 'Thank you.' }]);
    expect(speech.utterance(u.id)).toBeDefined();
    onEnd!();
    expect(speech.utterance(u.id)).toBeUndefined();
    expect(speech.recent()).toEqual([]);
  });

  it('reports a missing espeak-ng binary as an error', async () => {
    const speech = new SpeechService({
      synthesize: espeakSynthesizer('/nonexistent/espeak-ng'),
      privateAudio: false,
      logger: silentLogger,
    });
    await expect(speech.say('en', [{ text: 'x' }])).rejects.toThrow(/could not start/);
  });
});
