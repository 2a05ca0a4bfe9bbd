/**
 * Which key presses the kiosk window swallows before the page sees them
 * (`before-input-event`). `Menu.setApplicationMenu(null)` already removes the menu's
 * accelerators; this list covers the chords Chromium itself handles (reload, zoom, devtools,
 * history navigation) and the ones a window manager may act on via the window (Alt+F4 arrives
 * as a key event first). It cannot block what the OS grabs (Alt+Tab, Super): the hall machine's
 * compositor does that lockdown.
 */
import type { Input } from 'electron';

/** What to do with one key event. */
export type InputDecision = 'allow' | 'block' | 'staff-chord';

interface Chord {
  readonly key: string;
  readonly control?: boolean;
  readonly shift?: boolean;
  readonly alt?: boolean;
  readonly meta?: boolean;
}

/**
 * Blocked chords. A chord matches when the key matches and every modifier it names is held;
 * extra modifiers still match, so `Ctrl+R` also covers `Ctrl+Shift+R` and `F5` covers
 * `Ctrl+F5`. Keys are compared by name and by physical position (see `keyNames`).
 */
const BLOCKED_CHORDS: readonly Chord[] = [
  // Closing, quitting, new windows and tabs.
  { key: 'W', control: true },
  { key: 'Q', control: true },
  { key: 'N', control: true },
  { key: 'T', control: true },
  { key: 'F4', alt: true },
  { key: 'F4', control: true },
  // Reload (a reload drops the session and the service port).
  { key: 'R', control: true },
  { key: 'F5' },
  { key: 'BrowserRefresh' },
  // Fullscreen toggle and minimise (minimising left kiosk screens black: kiosk-browser#176).
  { key: 'F11' },
  { key: 'M', control: true },
  // Developer tools, view source.
  { key: 'I', control: true, shift: true },
  { key: 'J', control: true, shift: true },
  { key: 'C', control: true, shift: true },
  { key: 'F12' },
  { key: 'U', control: true },
  // History navigation.
  { key: 'Left', alt: true },
  { key: 'Right', alt: true },
  { key: 'BrowserBack' },
  { key: 'BrowserForward' },
  { key: 'BrowserHome' },
  // Zoom (the layout is sized for the panel; zoom would push touch targets off screen).
  { key: '=', control: true },
  { key: '+', control: true },
  { key: '-', control: true },
  { key: '0', control: true },
  // Print, save, open, find, history, downloads: browser dialogs the kiosk does not offer.
  { key: 'P', control: true },
  { key: 'S', control: true },
  { key: 'O', control: true },
  { key: 'F', control: true },
  { key: 'G', control: true },
  { key: 'H', control: true },
  { key: 'F3' },
  { key: 'F7' },
];

/**
 * The staff chord, Ctrl+Alt+Shift+K: it asks the renderer to open the staff sign-in screen.
 * It grants nothing by itself; staff still sign in with a PIN or staff card, checked by the
 * service. Modifiers must match exactly so a stray extra key does not trigger it.
 */
export const STAFF_CHORD = { key: 'K', control: true, alt: true, shift: true, meta: false };

/** Human-readable form of the staff chord, for docs and logs. */
export const STAFF_CHORD_LABEL = 'Ctrl+Alt+Shift+K';

/**
 * Names a key event may be known by: its `key` (upper-cased letters, `Arrow` prefix dropped)
 * and the key implied by its physical `code` (`KeyW` -> `W`, `Digit0` -> `0`, `Equal` -> `=`).
 * The `code` form keeps the chords working with a non-Latin keyboard layout or an IME.
 */
export function keyNames(input: Pick<Input, 'key' | 'code'>): string[] {
  const names = new Set<string>();
  const fromKey = input.key.length === 1 ? input.key.toUpperCase() : input.key;
  names.add(fromKey.startsWith('Arrow') ? fromKey.slice('Arrow'.length) : fromKey);

  const code = input.code;
  if (/^Key[A-Z]$/.test(code)) names.add(code.slice(3));
  else if (/^(Digit|Numpad)[0-9]$/.test(code)) names.add(code.slice(-1));
  else if (code.startsWith('Arrow')) names.add(code.slice('Arrow'.length));
  else if (code === 'Equal') names.add('=');
  else if (code === 'Minus' || code === 'NumpadSubtract') names.add('-');
  else if (code === 'NumpadAdd') names.add('+');
  else if (code !== '') names.add(code);
  return [...names];
}

function modifiersHeld(input: Input, chord: Chord): boolean {
  return (
    (!chord.control || input.control) &&
    (!chord.shift || input.shift) &&
    (!chord.alt || input.alt) &&
    (!chord.meta || input.meta)
  );
}

function isStaffChord(input: Input, names: readonly string[]): boolean {
  return (
    names.includes(STAFF_CHORD.key) &&
    input.control === STAFF_CHORD.control &&
    input.alt === STAFF_CHORD.alt &&
    input.shift === STAFF_CHORD.shift &&
    input.meta === STAFF_CHORD.meta
  );
}

/**
 * Decides one `before-input-event`. Key-up events of a blocked chord are blocked too, so the
 * page never sees half a chord. The staff chord is reported only on a first key-down (not on
 * auto-repeat); its key-up is blocked.
 */
export function classifyInput(input: Input): InputDecision {
  if (input.type !== 'keyDown' && input.type !== 'keyUp' && input.type !== 'rawKeyDown') {
    return 'allow';
  }
  const names = keyNames(input);

  if (isStaffChord(input, names)) {
    return input.type === 'keyUp' || input.isAutoRepeat ? 'block' : 'staff-chord';
  }
  const blocked = BLOCKED_CHORDS.some(
    (chord) => names.includes(chord.key) && modifiersHeld(input, chord),
  );
  return blocked ? 'block' : 'allow';
}
