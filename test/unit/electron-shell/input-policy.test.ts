import { describe, expect, it } from 'vitest';
import { classifyInput, keyNames, STAFF_CHORD } from '../../../electron/main/input-policy.js';
import { keyInput } from './fake-electron.js';

describe('kiosk key policy', () => {
  it.each([
    ['Ctrl+W', { key: 'w', code: 'KeyW', control: true }],
    ['Ctrl+Shift+W', { key: 'W', code: 'KeyW', control: true, shift: true }],
    ['Ctrl+R', { key: 'r', code: 'KeyR', control: true }],
    ['Ctrl+Shift+R', { key: 'R', code: 'KeyR', control: true, shift: true }],
    ['F5', { key: 'F5', code: 'F5' }],
    ['Ctrl+F5', { key: 'F5', code: 'F5', control: true }],
    ['F11', { key: 'F11', code: 'F11' }],
    ['F12', { key: 'F12', code: 'F12' }],
    ['Ctrl+Shift+I', { key: 'I', code: 'KeyI', control: true, shift: true }],
    ['Ctrl+Shift+J', { key: 'J', code: 'KeyJ', control: true, shift: true }],
    ['Ctrl+M', { key: 'm', code: 'KeyM', control: true }],
    ['Alt+Left', { key: 'ArrowLeft', code: 'ArrowLeft', alt: true }],
    ['Alt+Right', { key: 'ArrowRight', code: 'ArrowRight', alt: true }],
    ['Alt+F4', { key: 'F4', code: 'F4', alt: true }],
    ['Ctrl+Q', { key: 'q', code: 'KeyQ', control: true }],
    ['Ctrl+N', { key: 'n', code: 'KeyN', control: true }],
    ['Ctrl+P', { key: 'p', code: 'KeyP', control: true }],
    ['Ctrl+U', { key: 'u', code: 'KeyU', control: true }],
    ['Ctrl+=', { key: '=', code: 'Equal', control: true }],
    ['Ctrl+-', { key: '-', code: 'Minus', control: true }],
    ['Ctrl+0', { key: '0', code: 'Digit0', control: true }],
    ['BrowserBack', { key: 'BrowserBack', code: 'BrowserBack' }],
    ['BrowserRefresh', { key: 'BrowserRefresh', code: 'BrowserRefresh' }],
  ])('blocks %s (key down and key up)', (_label, fields) => {
    expect(classifyInput(keyInput(fields))).toBe('block');
    expect(classifyInput(keyInput({ ...fields, type: 'keyUp' }))).toBe('block');
  });

  it('blocks by physical key under a non-Latin layout (Ctrl + the W key on a Russian layout)', () => {
    expect(classifyInput(keyInput({ key: 'ц', code: 'KeyW', control: true }))).toBe('block');
  });

  it.each([
    ['a letter', { key: 'a', code: 'KeyA' }],
    ['a capital', { key: 'W', code: 'KeyW', shift: true }],
    ['a digit', { key: '7', code: 'Digit7' }],
    ['Enter', { key: 'Enter', code: 'Enter' }],
    ['Backspace', { key: 'Backspace', code: 'Backspace' }],
    ['Escape', { key: 'Escape', code: 'Escape' }],
    ['Tab', { key: 'Tab', code: 'Tab' }],
    ['Left without Alt', { key: 'ArrowLeft', code: 'ArrowLeft' }],
    ['Ctrl+C (copy)', { key: 'c', code: 'KeyC', control: true }],
    ['Ctrl+V (paste)', { key: 'v', code: 'KeyV', control: true }],
    ['Ctrl+A (select all)', { key: 'a', code: 'KeyA', control: true }],
    ['F4 without Alt', { key: 'F4', code: 'F4' }],
  ])('lets %s through', (_label, fields) => {
    expect(classifyInput(keyInput(fields))).toBe('allow');
  });

  it('reports the staff chord once, on its first key-down', () => {
    const chord = {
      key: 'K',
      code: 'KeyK',
      control: STAFF_CHORD.control,
      alt: STAFF_CHORD.alt,
      shift: STAFF_CHORD.shift,
    };
    expect(classifyInput(keyInput(chord))).toBe('staff-chord');
    expect(classifyInput(keyInput({ ...chord, isAutoRepeat: true }))).toBe('block');
    expect(classifyInput(keyInput({ ...chord, type: 'keyUp' }))).toBe('block');
  });

  it('needs the exact staff modifiers', () => {
    const base = { key: 'K', code: 'KeyK', control: true, alt: true, shift: true };
    expect(classifyInput(keyInput({ ...base, meta: true }))).toBe('allow');
    expect(classifyInput(keyInput({ ...base, shift: false, key: 'k' }))).toBe('allow');
    expect(classifyInput(keyInput({ key: 'k', code: 'KeyK' }))).toBe('allow');
  });

  it('ignores non-keyboard input types', () => {
    expect(classifyInput(keyInput({ type: 'mouseDown', key: '' }))).toBe('allow');
  });

  it('names a key by its value and its physical position', () => {
    expect(keyNames({ key: 'w', code: 'KeyW' })).toEqual(['W']);
    expect(keyNames({ key: 'ц', code: 'KeyW' })).toEqual(['Ц', 'W']);
    expect(keyNames({ key: 'ArrowLeft', code: 'ArrowLeft' })).toEqual(['Left']);
    expect(keyNames({ key: '+', code: 'Equal' })).toEqual(['+', '=']);
  });
});
