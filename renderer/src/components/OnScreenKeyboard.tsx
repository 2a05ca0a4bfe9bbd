/**
 * The on-screen keyboard (no OS keyboard: inputs are `inputmode="none"`): letters with pinyin
 * candidates for Chinese, or a large numeric keypad for numbers, dates and ID numbers. Keys are
 * real buttons to assistive technology (role and label added, simple-keyboard renders divs).
 * Loaded as its own chunk: it carries simple-keyboard and pinyin-pro's dictionary.
 */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import Keyboard from 'react-simple-keyboard';
import 'react-simple-keyboard/build/css/index.css';
import { candidates, composing } from './pinyin-candidates';

export type KeyboardMode = 'search' | 'text' | 'numeric' | 'reference';

const LETTERS = [
  '1 2 3 4 5 6 7 8 9 0',
  'q w e r t y u i o p',
  'a s d f g h j k l {bksp}',
  'z x c v b n m - {space}',
];
const NUMERIC = ['1 2 3', '4 5 6', '7 8 9', 'X 0 -', '{bksp}'];

const SPECIAL_LABEL_KEYS: Record<string, string> = {
  '{bksp}': 'keyboard.backspace',
  '{space}': 'keyboard.space',
  '-': 'keyboard.dash',
};

export default function OnScreenKeyboard({
  value,
  onChange,
  mode,
}: {
  value: string;
  onChange: (value: string) => void;
  mode: KeyboardMode;
}) {
  const { t } = useTranslation();
  const numeric = mode === 'numeric';
  const layout = numeric ? NUMERIC : LETTERS;
  const pinyinOn = mode === 'search' || mode === 'text';
  const syllable = pinyinOn ? composing(value) : '';
  const options = useMemo(() => (syllable ? candidates(syllable, 12) : []), [syllable]);

  const buttons = useMemo(() => [...new Set(layout.join(' ').split(' '))], [layout]);
  const attributes = useMemo(
    () => [
      { attribute: 'role', value: 'button', buttons: buttons.join(' ') },
      ...buttons.map((b) => ({
        attribute: 'aria-label',
        value: SPECIAL_LABEL_KEYS[b] ? t(SPECIAL_LABEL_KEYS[b]) : b.toUpperCase(),
        buttons: b,
      })),
    ],
    [buttons, t],
  );

  const press = (button: string) => {
    if (button === '{bksp}') return onChange(value.slice(0, -1));
    if (button === '{space}') return onChange(`${value} `);
    onChange(value + button);
  };
  const choose = (char: string) => onChange(value.slice(0, value.length - syllable.length) + char);

  return (
    <div className={`osk ${numeric ? 'osk-numeric' : ''}`} data-testid="keyboard">
      {pinyinOn ? (
        <div className="candidates" role="group" aria-label={t('keyboard.candidates')}>
          {options.map((c) => (
            <button
              key={c}
              type="button"
              lang="zh-CN"
              data-testid="candidate"
              onClick={() => choose(c)}
            >
              {c}
            </button>
          ))}
        </div>
      ) : null}
      <Keyboard
        layout={{ default: layout }}
        layoutName="default"
        display={{ '{bksp}': '⌫', '{space}': t('keyboard.space') }}
        mergeDisplay
        buttonAttributes={attributes}
        preventMouseDownDefault
        onKeyPress={press}
        theme="hg-theme-default kiosk-keyboard"
      />
    </div>
  );
}
