/** Item search keys: Chinese, full pinyin and pinyin initials, ranked name matches first. */
import { describe, expect, it } from 'vitest';
import {
  matchScore,
  normaliseQuery,
  searchKeys,
} from '../../../electron/service/catalogue/search.js';
import { handWrittenItems } from '../../../sandbox/seed/items.js';

const items = handWrittenItems()
  .filter((i, idx, all) => all.findIndex((j) => j.implementCode === i.implementCode) === idx)
  .map((i) => ({
    code: i.handlingItemCode,
    keys: searchKeys(i.name['zh-CN'], i.name.en, i.keywords),
  }));

function search(query: string): string[] {
  return items
    .map((i) => ({ code: i.code, score: matchScore(query, i.keys) }))
    .filter((h) => h.score > 0)
    .sort((a, b) => b.score - a.score)
    .map((h) => h.code);
}

describe('item search keys', () => {
  it('computes full pinyin and initials of the Chinese name', () => {
    const keys = searchKeys('烟花爆竹道路运输许可', 'Fireworks road transport permit', ['烟花']);
    expect(keys.pinyinFull.split('|')[0]).toBe('yanhuabaozhudaoluyunshuxuke');
    expect(keys.pinyinInitials.split('|')[0]).toBe('yhbzdlysxk');
  });

  it('finds the fireworks transport permit by Chinese, full pinyin and initials', () => {
    for (const q of [
      '烟花爆竹道路运输',
      '运输许可',
      'yanhuabaozhudaolu',
      'yan hua bao zhu',
      'yhbzdlys',
      'YHBZ',
    ]) {
      expect(search(q), q).toContain('FW-ROAD-TRANSPORT-PERMIT');
    }
  });

  it('ranks a name prefix above a keyword match', () => {
    const hits = search('烟花');
    expect(hits.length).toBeGreaterThan(1);
    const first = items.find((i) => i.code === hits[0])!;
    expect(first.keys.text.startsWith('烟花')).toBe(true);
  });

  it('matches English names case-insensitively and ignores empty queries', () => {
    expect(search('FIREWORKS ROAD')).toContain('FW-ROAD-TRANSPORT-PERMIT');
    expect(search('   ')).toEqual([]);
    expect(normaliseQuery(' Yan-Hua ')).toBe('yanhua');
  });
});
