/**
 * The kiosk window's construction options (Electron security checklist items 2–4, 6, 8–10).
 * On Linux and Windows `kiosk: true` is only fullscreen; the real lockdown is the hall
 * machine's kiosk compositor (docs/electron-shell.md).
 */
import type { BrowserWindowConstructorOptions } from 'electron';

export interface KioskWindowSettings {
  /** Absolute path of the built preload (CommonJS: sandboxed preloads cannot be ESM). */
  readonly preloadPath: string;
  /** DevTools only in unpackaged (development) builds. */
  readonly devTools: boolean;
}

export function kioskWindowOptions(settings: KioskWindowSettings): BrowserWindowConstructorOptions {
  return {
    kiosk: true,
    fullscreen: true,
    frame: false,
    // Shown on `ready-to-show`, so the panel never flashes an empty frame.
    show: false,
    backgroundColor: '#fff',
    autoHideMenuBar: true,
    webPreferences: {
      preload: settings.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      devTools: settings.devTools,
      spellcheck: false,
      navigateOnDragDrop: false,
      // alert()/confirm() would block the page behind a native dialog nobody can dismiss.
      disableDialogs: true,
      // Spoken prompts must play before the first touch (a person may be blind).
      autoplayPolicy: 'no-user-gesture-required',
    },
  };
}
