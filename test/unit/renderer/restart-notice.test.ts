/**
 * The note after a service restart mid-visit: which one a visit gets by where it was when the
 * connection went, and that every note exists in both languages without placeholders (it
 * carries no personal data, only fixed text).
 */
import { describe, expect, it } from 'vitest';
import {
  restartNoticeKind,
  type RestartNoticeKind,
} from '../../../renderer/src/flow/restart-notice';
import en from '../../../renderer/src/i18n/en.json';
import zhCN from '../../../renderer/src/i18n/zh-CN.json';

describe('restart notice', () => {
  it.each([
    ['attract', false, undefined],
    ['identify', false, 'notSubmitted'],
    ['chooseItem', false, 'notSubmitted'],
    ['form', false, 'notSubmitted'],
    ['checkAnswers', false, 'notSubmitted'],
    ['submitting', false, 'unsure'],
    ['receipt', true, 'submitted'],
    ['verify', false, 'interrupted'],
    ['statusQuery', false, 'interrupted'],
  ] as const)('a visit at %s (submitted: %s) gets %s', (step, submitted, kind) => {
    expect(restartNoticeKind(step, submitted)).toBe(kind);
  });

  it('has a title and every note in both languages, with nothing filled in', () => {
    const kinds: RestartNoticeKind[] = ['notSubmitted', 'submitted', 'unsure', 'interrupted'];
    for (const catalogue of [en, zhCN]) {
      const notes = catalogue.restartNotice as Record<string, string>;
      for (const key of ['title', ...kinds]) {
        expect(notes[key], key).toMatch(/\S/);
        expect(notes[key], key).not.toMatch(/\{\{/);
      }
    }
    expect(en.restartNotice.notSubmitted).toMatch(/not submitted/);
    expect(zhCN.restartNotice.notSubmitted).toMatch(/尚未提交/);
  });
});
