/**
 * Runs espeak-ng (the Debian package `espeak-ng`) once per utterance: text on stdin as UTF-8,
 * WAV on stdout. No shell, no text on the command line.
 */
import { spawn } from 'node:child_process';

/** espeak-ng voices for the kiosk's languages (`espeak-ng --voices`). */
export const VOICES = { 'zh-CN': 'cmn', en: 'en' } as const;

/** Words per minute; espeak-ng's default is 175, a little slower is easier in a noisy hall. */
export const SPEAKING_RATE_WPM = 160;
/** Longest one synthesis may take before it is killed. */
export const SYNTHESIS_TIMEOUT_MS = 15_000;

export type Synthesizer = (text: string, voice: string) => Promise<Buffer>;

/** Synthesises with the espeak-ng binary at `command` (default from PATH). */
export function espeakSynthesizer(command = 'espeak-ng'): Synthesizer {
  return (text, voice) =>
    new Promise<Buffer>((resolve, reject) => {
      const child = spawn(
        command,
        ['-v', voice, '-s', String(SPEAKING_RATE_WPM), '-b', '1', '--stdin', '--stdout'],
        {
          stdio: ['pipe', 'pipe', 'pipe'],
        },
      );
      const out: Buffer[] = [];
      let err = '';
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`espeak-ng took longer than ${SYNTHESIS_TIMEOUT_MS} ms`));
      }, SYNTHESIS_TIMEOUT_MS);
      child.stdout.on('data', (d: Buffer) => out.push(d));
      child.stderr.on('data', (d: Buffer) => (err += d.toString()));
      child.on('error', (e) => {
        clearTimeout(timer);
        reject(new Error(`espeak-ng could not start: ${e.message}`));
      });
      child.on('close', (code) => {
        clearTimeout(timer);
        if (code === 0) resolve(Buffer.concat(out));
        else reject(new Error(`espeak-ng exited with ${code}: ${err.trim().slice(0, 200)}`));
      });
      child.stdin.end(text, 'utf8');
    });
}
