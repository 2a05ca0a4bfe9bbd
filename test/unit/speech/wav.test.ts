import { describe, expect, it } from 'vitest';
import { chunkWav, encodeWav, halveRate, parseWav } from '../../../electron/service/speech/wav.js';

function tone(count: number, rate = 22_050) {
  const samples = new Int16Array(count);
  for (let i = 0; i < count; i++) samples[i] = Math.round(8000 * Math.sin(i / 7));
  return { sampleRate: rate, samples };
}

describe('speech WAV helpers', () => {
  it('round-trips samples through encode and parse', () => {
    const pcm = tone(1001);
    const back = parseWav(encodeWav(pcm));
    expect(back.sampleRate).toBe(22_050);
    expect(Array.from(back.samples)).toEqual(Array.from(pcm.samples));
  });

  it("reads espeak-ng's streamed WAV, whose size fields are placeholders", () => {
    const wav = encodeWav(tone(500));
    wav.writeUInt32LE(0x7ffff024, 4);
    wav.writeUInt32LE(0x7ffff000, 40);
    expect(parseWav(wav).samples.length).toBe(500);
  });

  it('refuses what is not mono 16-bit PCM, naming what it found', () => {
    const wav = encodeWav(tone(10));
    wav.writeUInt16LE(2, 22);
    expect(() => parseWav(wav)).toThrow(/mono 16-bit PCM, got format 1, 2 ch, 16 bit/);
    expect(() => parseWav(Buffer.from('hello world!'))).toThrow(/not a RIFF\/WAVE/);
  });

  it('halves the rate by averaging pairs', () => {
    const half = halveRate({ sampleRate: 22_050, samples: Int16Array.from([2, 4, -6, -8, 100]) });
    expect(half.sampleRate).toBe(11_025);
    expect(Array.from(half.samples)).toEqual([3, -7]);
  });

  it('cuts long audio into WAV files under the size limit that add up to the whole', () => {
    const pcm = tone(100_000);
    const chunks = chunkWav(pcm, 30_000);
    expect(chunks.length).toBe(Math.ceil(100_000 / Math.floor((30_000 - 44) / 2)));
    for (const c of chunks) expect(c.length).toBeLessThanOrEqual(30_000);
    const joined = chunks.flatMap((c) => Array.from(parseWav(c).samples));
    expect(joined).toEqual(Array.from(pcm.samples));
  });
});
