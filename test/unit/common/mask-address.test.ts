import { describe, expect, it } from 'vitest';
import { maskAddress } from '../../../drivers/common/mask.js';
import { syntheticEnterprise } from '../../../drivers/common/synthetic.js';

describe('maskAddress', () => {
  it('keeps the province, city and county and hides the street and number', () => {
    expect(maskAddress('江西省萍乡市上栗县示例路12号')).toBe('江西省萍乡市上栗县****');
    expect(maskAddress('北京市朝阳区建国路88号3单元')).toBe('北京市朝阳区****');
    expect(maskAddress('  萍乡市上栗县金山镇烟花仓库 ')).toBe('萍乡市上栗县****');
  });

  it('hides the street of every synthetic enterprise address, whatever its length', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const address = syntheticEnterprise(seed).address;
      const masked = maskAddress(address);
      expect(masked.endsWith('****')).toBe(true);
      expect(masked).not.toMatch(/\d/);
      expect(address.startsWith(masked.slice(0, -4))).toBe(true);
    }
  });

  it('never keeps digits: a number glued to a division name is not a division', () => {
    expect(maskAddress('12号楼区')).toBe('12号****');
  });

  it('keeps only the town and province of an address in Latin script', () => {
    expect(maskAddress('12 Example Road, Shangli County, Jiangxi')).toBe(
      '****, Shangli County, Jiangxi',
    );
    expect(maskAddress('12 Example Road')).toBe('12 ****');
  });

  it('leaves an address that is only divisions as it is (nothing there identifies a door)', () => {
    expect(maskAddress('江西省萍乡市')).toBe('江西省萍乡市');
  });
});
