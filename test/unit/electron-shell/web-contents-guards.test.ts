import type { WebContents } from 'electron';
import { beforeEach, describe, expect, it } from 'vitest';
import { capturingLogger, type CapturedLine } from '../../../drivers/common/logger.js';
import { describeTarget, hardenWebContents } from '../../../electron/main/web-contents-guards.js';
import { asElectron, fakeEvent, FakeWebContents, keyInput } from './fake-electron.js';

let contents: FakeWebContents;
let lines: CapturedLine[];
let staffChords: unknown[];

beforeEach(() => {
  contents = new FakeWebContents();
  lines = [];
  staffChords = [];
  hardenWebContents(asElectron<WebContents>(contents), {
    logger: capturingLogger(lines),
    onStaffChord: (target) => staffChords.push(target),
  });
});

const events = (): unknown[] => lines.map((l) => l.fields['event']);

describe('web contents guards', () => {
  it('blocks navigation away from app://kiosk and allows it within', () => {
    const away = fakeEvent({ url: 'https://example.com/login?idNumber=110105' });
    contents.emit('will-navigate', away, away.url);
    expect(away.defaultPrevented).toBe(true);

    const within = fakeEvent({ url: 'app://kiosk/index.html#/staff' });
    contents.emit('will-navigate', within, within.url);
    expect(within.defaultPrevented).toBe(false);
  });

  it('does not log the path or query of a blocked URL (it may carry personal data)', () => {
    const away = fakeEvent({ url: 'https://example.com/login?idNumber=110105' });
    contents.emit('will-navigate', away, away.url);
    expect(lines).toHaveLength(1);
    expect(lines[0]?.fields).toEqual({
      event: 'shell.navigation-blocked',
      kind: 'navigate',
      target: 'https://example.com',
    });
    expect(JSON.stringify(lines)).not.toContain('110105');
  });

  it('blocks look-alike origins that a prefix test would let through', () => {
    const lookalike = fakeEvent({ url: 'app://kiosk.evil.example/index.html' });
    contents.emit('will-navigate', lookalike, lookalike.url);
    expect(lookalike.defaultPrevented).toBe(true);
  });

  it('blocks redirects to other origins', () => {
    const redirect = fakeEvent({ url: 'http://127.0.0.1:9/' });
    contents.emit('will-redirect', redirect, redirect.url);
    expect(redirect.defaultPrevented).toBe(true);
    expect(events()).toEqual(['shell.navigation-blocked']);
  });

  it('blocks sub-frame navigation to other origins and leaves main frames to will-navigate', () => {
    const sub = fakeEvent({ url: 'https://ads.example/', isMainFrame: false });
    contents.emit('will-frame-navigate', sub);
    expect(sub.defaultPrevented).toBe(true);

    const main = fakeEvent({ url: 'https://example.com/', isMainFrame: true });
    contents.emit('will-frame-navigate', main);
    expect(main.defaultPrevented).toBe(false);
  });

  it('denies every new window, app:// included', () => {
    expect(contents.windowOpenHandler?.({ url: 'https://example.com' })).toEqual({
      action: 'deny',
    });
    expect(contents.windowOpenHandler?.({ url: 'app://kiosk/index.html' })).toEqual({
      action: 'deny',
    });
    expect(events()).toEqual(['shell.window-open-denied', 'shell.window-open-denied']);
  });

  it('blocks <webview> attachment', () => {
    const attach = fakeEvent();
    contents.emit('will-attach-webview', attach, {}, { src: 'https://example.com' });
    expect(attach.defaultPrevented).toBe(true);
    expect(events()).toEqual(['shell.webview-blocked']);
  });

  it('swallows blocked chords and passes ordinary typing', () => {
    const reload = fakeEvent();
    contents.emit(
      'before-input-event',
      reload,
      keyInput({ key: 'r', code: 'KeyR', control: true }),
    );
    expect(reload.defaultPrevented).toBe(true);

    const typing = fakeEvent();
    contents.emit('before-input-event', typing, keyInput({ key: 'a', code: 'KeyA' }));
    expect(typing.defaultPrevented).toBe(false);
    expect(staffChords).toEqual([]);
  });

  it('turns the staff chord into one request to the renderer, never a quit', () => {
    const chord = keyInput({ key: 'K', code: 'KeyK', control: true, alt: true, shift: true });
    const down = fakeEvent();
    contents.emit('before-input-event', down, chord);
    const up = fakeEvent();
    contents.emit('before-input-event', up, { ...chord, type: 'keyUp' });

    expect(down.defaultPrevented).toBe(true);
    expect(up.defaultPrevented).toBe(true);
    expect(staffChords).toEqual([contents]);
    expect(events()).toEqual(['shell.staff-chord']);
  });

  it('describes targets by scheme and host only', () => {
    expect(describeTarget('https://a.example:8443/p?q=1')).toBe('https://a.example:8443');
    expect(describeTarget('javascript:alert(1)')).toBe('javascript:');
    expect(describeTarget('::')).toBe('unparseable');
  });
});
