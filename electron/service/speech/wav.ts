/**
 * RIFF/WAVE helpers for espeak-ng's output: read 16-bit mono PCM (ignoring the placeholder
 * sizes espeak-ng writes when it streams to stdout), halve the sample rate, and cut the
 * samples into self-contained WAV files of bounded size.
 */

/** Bytes of the canonical 44-byte header this module writes (RIFF + fmt + data chunk heads). */
const HEADER_BYTES = 44;
/** WAVE format tag for integer PCM (Microsoft WAVE spec, WAVE_FORMAT_PCM). */
const WAVE_FORMAT_PCM = 1;

export interface Pcm16 {
  readonly sampleRate: number;
  readonly samples: Int16Array;
}

/**
 * Reads mono 16-bit PCM from a WAV file. The data chunk's size field is not trusted: espeak-ng
 * writes 0x7ffff000 when streaming, so the data runs to the end of the buffer.
 */
export function parseWav(wav: Buffer): Pcm16 {
  if (
    wav.length < 12 ||
    wav.toString('ascii', 0, 4) !== 'RIFF' ||
    wav.toString('ascii', 8, 12) !== 'WAVE'
  ) {
    throw new Error('not a RIFF/WAVE file');
  }
  let offset = 12;
  let sampleRate = 0;
  while (offset + 8 <= wav.length) {
    const id = wav.toString('ascii', offset, offset + 4);
    const size = wav.readUInt32LE(offset + 4);
    const body = offset + 8;
    if (id === 'fmt ') {
      const format = wav.readUInt16LE(body);
      const channels = wav.readUInt16LE(body + 2);
      const bits = wav.readUInt16LE(body + 14);
      if (format !== WAVE_FORMAT_PCM || channels !== 1 || bits !== 16) {
        throw new Error(
          `expected mono 16-bit PCM, got format ${format}, ${channels} ch, ${bits} bit`,
        );
      }
      sampleRate = wav.readUInt32LE(body + 4);
    } else if (id === 'data') {
      if (!sampleRate) throw new Error('WAV data chunk before its fmt chunk');
      const end = Math.min(wav.length, body + size);
      const count = Math.floor((end - body) / 2);
      const samples = new Int16Array(count);
      for (let i = 0; i < count; i++) samples[i] = wav.readInt16LE(body + i * 2);
      return { sampleRate, samples };
    }
    offset = body + size + (size % 2);
  }
  throw new Error('WAV file has no data chunk');
}

/**
 * Halves the sample rate by averaging sample pairs (a two-tap low-pass, enough for speech,
 * whose energy is mostly below a quarter of espeak-ng's 22050 Hz).
 */
export function halveRate(pcm: Pcm16): Pcm16 {
  const out = new Int16Array(Math.floor(pcm.samples.length / 2));
  for (let i = 0; i < out.length; i++) {
    out[i] = Math.round(((pcm.samples[2 * i] ?? 0) + (pcm.samples[2 * i + 1] ?? 0)) / 2);
  }
  return { sampleRate: Math.round(pcm.sampleRate / 2), samples: out };
}

/** A complete WAV file for these samples. */
export function encodeWav(pcm: Pcm16): Buffer {
  const dataBytes = pcm.samples.length * 2;
  const wav = Buffer.alloc(HEADER_BYTES + dataBytes);
  wav.write('RIFF', 0, 'ascii');
  wav.writeUInt32LE(HEADER_BYTES - 8 + dataBytes, 4);
  wav.write('WAVE', 8, 'ascii');
  wav.write('fmt ', 12, 'ascii');
  wav.writeUInt32LE(16, 16);
  wav.writeUInt16LE(WAVE_FORMAT_PCM, 20);
  wav.writeUInt16LE(1, 22);
  wav.writeUInt32LE(pcm.sampleRate, 24);
  wav.writeUInt32LE(pcm.sampleRate * 2, 28);
  wav.writeUInt16LE(2, 32);
  wav.writeUInt16LE(16, 34);
  wav.write('data', 36, 'ascii');
  wav.writeUInt32LE(dataBytes, 40);
  for (let i = 0; i < pcm.samples.length; i++)
    wav.writeInt16LE(pcm.samples[i] ?? 0, HEADER_BYTES + i * 2);
  return wav;
}

/** Cuts the samples into WAV files of at most `maxBytes` each (header included). */
export function chunkWav(pcm: Pcm16, maxBytes: number): Buffer[] {
  const perChunk = Math.floor((maxBytes - HEADER_BYTES) / 2);
  if (perChunk < 1) throw new Error(`chunk size ${maxBytes} leaves no room for samples`);
  const chunks: Buffer[] = [];
  for (let start = 0; start < pcm.samples.length; start += perChunk) {
    chunks.push(
      encodeWav({
        sampleRate: pcm.sampleRate,
        samples: pcm.samples.subarray(start, start + perChunk),
      }),
    );
  }
  return chunks;
}
