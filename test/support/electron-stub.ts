// vitest aliases `electron` to this file. Only electron/main and electron/preload may import
// electron, and their unit tests mock it with vi.mock; anything else that reaches this file
// is a layering bug, so it fails loudly instead of starting Electron's binary download.
throw new Error(
  'electron was imported outside electron/main or electron/preload (or a test forgot vi.mock("electron")). ' +
    'Drivers, the service, the host and the renderer must not depend on Electron.',
);
