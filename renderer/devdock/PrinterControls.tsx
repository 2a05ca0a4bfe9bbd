/**
 * Dev dock controls of the printer simulator. The printer issue fills this in; until then the
 * family has no simulator and the dock shows nothing for it.
 */
export function PrinterControls() {
  return null;
}
