import { describe, expect, it } from 'vitest';
import {
  APP_ENTRY_URL,
  APP_ORIGIN,
  isAppOrigin,
  isAppUrl,
} from '../../../electron/main/app-url.js';

describe('app://kiosk origin check', () => {
  it('accepts the entry page and other paths of app://kiosk', () => {
    expect(isAppUrl(APP_ENTRY_URL)).toBe(true);
    expect(isAppUrl('app://kiosk/')).toBe(true);
    expect(isAppUrl('app://kiosk/assets/index-abc.js?x=1#frag')).toBe(true);
  });

  it.each([
    ['a look-alike host', 'app://kiosk.evil.example/index.html'],
    ['another host', 'app://admin/index.html'],
    ['a port', 'app://kiosk:8080/index.html'],
    ['credentials', 'app://user:pw@kiosk/index.html'],
    ['https', 'https://kiosk/index.html'],
    ['file', 'file:///etc/passwd'],
    ['javascript', 'javascript:alert(1)'],
    ['data', 'data:text/html,<h1>x</h1>'],
    ['an unparseable string', 'not a url'],
    ['an empty string', ''],
  ])('refuses %s', (_label, url) => {
    expect(isAppUrl(url)).toBe(false);
  });

  it('does not rely on URL.origin, which Node reports as "null" for custom schemes', () => {
    // The reason isAppUrl compares parts: this comparison would refuse every app:// URL.
    expect(new URL(APP_ENTRY_URL).origin).toBe('null');
    expect(isAppUrl(APP_ENTRY_URL)).toBe(true);
  });

  it('compares frame origins exactly', () => {
    expect(isAppOrigin(APP_ORIGIN)).toBe(true);
    expect(isAppOrigin('app://kiosk/')).toBe(false);
    expect(isAppOrigin('null')).toBe(false);
    expect(isAppOrigin('https://kiosk')).toBe(false);
  });
});
