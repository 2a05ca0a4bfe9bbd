/**
 * Dev dock controls of the barcode simulator. The barcode issue fills this in; until then the
 * family has no simulator and the dock shows nothing for it.
 */
export function BarcodeControls() {
  return null;
}
