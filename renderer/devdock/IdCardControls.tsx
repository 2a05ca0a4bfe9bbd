/**
 * Dev dock controls of the id-card simulator. The id-card issue fills this in; until then the
 * family has no simulator and the dock shows nothing for it.
 */
export function IdCardControls() {
  return null;
}
