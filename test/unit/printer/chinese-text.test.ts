import { describe, expect, it } from 'vitest';
import {
  alignLine,
  displayColumns,
  routeOf,
  sanitiseText,
  splitRuns,
  wrapColumns,
} from '../../../drivers/printer/chinese-text.js';

describe('character routes', () => {
  it('sends ASCII as text, GB2312/GBK hanzi as two-byte codes and the rest as images', () => {
    expect(routeOf('A', 'gbk')).toBe('ascii');
    expect(routeOf('中', 'gb2312')).toBe('two-byte');
    // 龘 is GBK (FD 93) but outside GB2312's rows.
    expect(routeOf('龘', 'gbk')).toBe('two-byte');
    expect(routeOf('龘', 'gb2312')).toBe('raster');
    // Extension A and B characters are four-byte GB18030 codes (or, like 䶮 = FE9F, sit where
    // GBK had private-use slots): never in a printer font.
    expect(routeOf('䶮', 'gbk')).toBe('raster');
    expect(routeOf('㐀', 'gbk')).toBe('raster');
    expect(routeOf('𠀀', 'gbk')).toBe('raster');
  });

  it('splits a line into runs and counts two columns for wide characters', () => {
    expect(splitRuns('王 Li 䶮!', 'gbk')).toEqual([
      { route: 'two-byte', text: '王' },
      { route: 'ascii', text: ' Li ' },
      { route: 'raster', text: '䶮' },
      { route: 'ascii', text: '!' },
    ]);
    expect(displayColumns('王 Li 䶮!')).toBe(2 + 4 + 2 + 1);
  });

  it('turns control characters into spaces so data cannot inject printer commands', () => {
    expect(sanitiseText('a\x1bd\x10\x04\x01b')).toBe('a d   b');
  });
});

describe('wrapping and alignment', () => {
  it('wraps Chinese anywhere and Latin at spaces, within the column count', () => {
    const lines = wrapColumns('政务服务大厅自助终端 self-service terminal for the hall', 16);
    for (const line of lines) expect(displayColumns(line)).toBeLessThanOrEqual(16);
    expect(lines.join('').replace(/ /g, '')).toBe(
      '政务服务大厅自助终端self-serviceterminalforthehall',
    );
    expect(lines).toContain('terminal for the');
  });

  it('splits a word longer than a line and keeps paragraphs', () => {
    expect(wrapColumns('ABCDEFGHIJ', 4)).toEqual(['ABCD', 'EFGH', 'IJ']);
    expect(wrapColumns('一\n二', 8)).toEqual(['一', '二']);
  });

  it('rejects a column count that cannot hold one Chinese character', () => {
    expect(() => wrapColumns('x', 1)).toThrow(/columns must be an integer >= 2/);
  });

  it('pads for centre and right alignment by display width', () => {
    expect(alignLine('中文', 10, 'center')).toBe('   中文');
    expect(alignLine('中文', 10, 'right')).toBe('      中文');
    expect(alignLine('中文', 10, 'left')).toBe('中文');
  });
});
