/**
 * Plays an utterance the service synthesised: fetches its WAV chunks in order with
 * `speech.audio` and schedules them back to back on one AudioContext, through a gain node
 * that carries the applicant's volume. A new utterance stops the one playing.
 */
import type { KioskClient } from '../../../electron/contract/client';

function base64ToBytes(b64: string): ArrayBuffer {
  const binary = atob(b64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes.buffer;
}

export class SpeechPlayer {
  private context: AudioContext | undefined;
  private gain: GainNode | undefined;
  private sources: AudioBufferSourceNode[] = [];
  private generation = 0;
  private volume = 0.75;

  constructor(private readonly client: KioskClient) {}

  setVolume(volume: number): void {
    this.volume = volume;
    if (this.gain) this.gain.gain.value = volume;
  }

  stop(): void {
    this.generation++;
    for (const s of this.sources) {
      try {
        s.stop();
      } catch {
        // Already ended.
      }
    }
    this.sources = [];
  }

  /** Plays the chunks of one utterance; resolves when scheduled (or stopped, or failed). */
  async play(utteranceId: string, chunks: number): Promise<void> {
    this.stop();
    const generation = this.generation;
    const audio = this.audio();
    if (!audio) return;
    let at = audio.context.currentTime;
    for (let index = 0; index < chunks; index++) {
      const result = await this.client.call('speech.audio', { utteranceId, index });
      if (!result.ok || generation !== this.generation) return;
      let buffer: AudioBuffer;
      try {
        buffer = await audio.context.decodeAudioData(base64ToBytes(result.value.wavBase64));
      } catch {
        return;
      }
      if (generation !== this.generation) return;
      const source = audio.context.createBufferSource();
      source.buffer = buffer;
      source.connect(audio.gain);
      at = Math.max(at, audio.context.currentTime);
      source.start(at);
      at += buffer.duration;
      this.sources.push(source);
    }
  }

  private audio(): { context: AudioContext; gain: GainNode } | undefined {
    if (typeof AudioContext === 'undefined') return undefined;
    if (!this.context || !this.gain) {
      this.context = new AudioContext();
      this.gain = this.context.createGain();
      this.gain.gain.value = this.volume;
      this.gain.connect(this.context.destination);
    }
    // Chromium starts an AudioContext suspended until a touch; resuming later is harmless.
    void this.context.resume().catch(() => undefined);
    return { context: this.context, gain: this.gain };
  }
}
