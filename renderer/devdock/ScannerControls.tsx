/**
 * Dev dock controls of the scanner simulator. The scanner issue fills this in; until then the
 * family has no simulator and the dock shows nothing for it.
 */
export function ScannerControls() {
  return null;
}
