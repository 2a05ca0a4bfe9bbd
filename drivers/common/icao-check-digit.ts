/**
 * ICAO 9303 check digit (machine-readable travel documents, part 3): weights 7, 3, 1
 * repeating; digits count as their value, A-Z as 10-35 and the filler `<` as 0; the result
 * is the sum mod 10. Also used by the 2017 foreigner permanent residence card number.
 */
const ICAO_WEIGHTS = [7, 3, 1] as const;

export function icaoCheckDigit(value: string): string {
  let sum = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    let v: number;
    if (c >= '0' && c <= '9') v = c.charCodeAt(0) - 48;
    else if (c >= 'A' && c <= 'Z') v = c.charCodeAt(0) - 55;
    else if (c === '<') v = 0;
    else throw new TypeError(`icaoCheckDigit: "${c}" is not 0-9, A-Z or <`);
    sum += v * ICAO_WEIGHTS[i % 3]!;
  }
  return String(sum % 10);
}
