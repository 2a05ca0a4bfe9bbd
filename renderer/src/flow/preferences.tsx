/**
 * The applicant's display and sound choices: elder mode (larger type, fewer choices per
 * screen), high contrast and speech volume. Reset to the defaults, with the language, at the
 * end of every visit (Section 508 §402.3 and EN 301 549 ask for the volume reset).
 */
import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from 'react';

/** Speech volume steps, 0..1; the default is the middle one. */
export const VOLUME_STEPS = [0.25, 0.5, 0.75, 1] as const;
export const DEFAULT_VOLUME_STEP = 2;

export interface Preferences {
  readonly elder: boolean;
  readonly contrast: boolean;
  readonly volumeStep: number;
  readonly volume: number;
  setElder(on: boolean): void;
  setContrast(on: boolean): void;
  louder(): void;
  quieter(): void;
  /** Back to the defaults (elder off, contrast off, default volume). */
  reset(): void;
}

const PreferencesContext = createContext<Preferences | undefined>(undefined);

export function PreferencesProvider({ children }: { children: ReactNode }) {
  const [elder, setElder] = useState(false);
  const [contrast, setContrast] = useState(false);
  const [volumeStep, setVolumeStep] = useState(DEFAULT_VOLUME_STEP);

  const louder = useCallback(
    () => setVolumeStep((s) => Math.min(VOLUME_STEPS.length - 1, s + 1)),
    [],
  );
  const quieter = useCallback(() => setVolumeStep((s) => Math.max(0, s - 1)), []);
  const reset = useCallback(() => {
    setElder(false);
    setContrast(false);
    setVolumeStep(DEFAULT_VOLUME_STEP);
  }, []);

  const value = useMemo(
    () => ({
      elder,
      contrast,
      volumeStep,
      volume: VOLUME_STEPS[volumeStep] ?? 0.75,
      setElder,
      setContrast,
      louder,
      quieter,
      reset,
    }),
    [elder, contrast, volumeStep, louder, quieter, reset],
  );
  return <PreferencesContext.Provider value={value}>{children}</PreferencesContext.Provider>;
}

export function usePreferences(): Preferences {
  const value = useContext(PreferencesContext);
  if (!value) throw new Error('usePreferences outside PreferencesProvider');
  return value;
}

/** Choices shown per screen: fewer in elder mode. */
export function usePageSize(normal: number, elder = Math.max(2, Math.ceil(normal / 2))): number {
  return usePreferences().elder ? elder : normal;
}
