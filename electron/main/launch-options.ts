/**
 * Where the service finds its config and data, decided once in main and passed to the
 * service utility process as `--config FILE --data-dir DIR`. Precedence, the same as the
 * browser host and the service's own loader: the `--config` flag, then `KIOSK_CONFIG`, then a
 * default (the demo config from a source checkout; a fixed system path in an installed build,
 * where the demo config must never be picked up by accident).
 */
import path from 'node:path';

export interface LaunchInputs {
  /** Main's own `process.argv` (Electron binary, maybe the app dir, then flags). */
  readonly argv: readonly string[];
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
  readonly isPackaged: boolean;
  /** `app.getAppPath()`: the project root when unpackaged. */
  readonly appPath: string;
  /** `app.getPath('userData')`. */
  readonly userDataPath: string;
  readonly platform: NodeJS.Platform;
}

export interface LaunchOptions {
  readonly configPath: string;
  readonly dataDir: string;
  /** Arguments for the service utility process. */
  readonly serviceArgs: readonly string[];
}

/** Value of `--name VALUE` or `--name=VALUE`; the last occurrence wins, like most CLIs. */
export function readFlag(argv: readonly string[], name: string): string | undefined {
  let value: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === `--${name}`) {
      const next = argv[i + 1];
      if (next !== undefined && !next.startsWith('--')) value = next;
    } else if (arg?.startsWith(`--${name}=`)) {
      value = arg.slice(name.length + 3);
    }
  }
  return value === '' ? undefined : value;
}

/** Config file an installed kiosk reads when neither flag nor environment names one. */
export function installedConfigPath(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): string {
  if (platform === 'win32') {
    return path.win32.join(env['PROGRAMDATA'] ?? 'C:\\ProgramData', 'HallKiosk', 'config.json');
  }
  return '/etc/hall-kiosk/config.json';
}

export function resolveLaunchOptions(inputs: LaunchInputs): LaunchOptions {
  const pathApi = inputs.platform === 'win32' ? path.win32 : path.posix;
  const configFlag = readFlag(inputs.argv, 'config');
  const configEnv = inputs.env['KIOSK_CONFIG'] === '' ? undefined : inputs.env['KIOSK_CONFIG'];
  const configDefault = inputs.isPackaged
    ? installedConfigPath(inputs.platform, inputs.env)
    : pathApi.join(inputs.appPath, 'kiosk-config', 'default.json');
  const configPath = pathApi.resolve(inputs.cwd, configFlag ?? configEnv ?? configDefault);

  const dataFlag = readFlag(inputs.argv, 'data-dir');
  const dataDir = pathApi.resolve(
    inputs.cwd,
    dataFlag ?? pathApi.join(inputs.userDataPath, 'data'),
  );

  return { configPath, dataDir, serviceArgs: ['--config', configPath, '--data-dir', dataDir] };
}
