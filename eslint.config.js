// ESLint: typescript-eslint and react-hooks, plus the import boundaries of ARCHITECTURE.md
// ("Never: drivers import the service or Electron; the service imports Electron or the
// renderer; the renderer imports the service, drivers or Node built-ins; the contract imports
// anything but zod").
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const FAMILIES = ['id-card', 'barcode', 'scanner', 'printer'];
const NODE_BUILTINS =
  '^(node:.*|fs|fs/promises|path|os|child_process|crypto|http|https|net|tls|stream|url|util|worker_threads|events|buffer|zlib|dgram|readline|process)$';

/** One restricted-imports rule from a list of [regex, message] pairs. */
function forbid(pairs, extra = []) {
  return {
    '@typescript-eslint/no-restricted-imports': [
      'error',
      {
        patterns: [...pairs.map(([regex, message]) => ({ regex, message })), ...extra],
      },
    ],
  };
}

const NO_ELECTRON = [
  '^electron(/.*)?$',
  'Only electron/main and electron/preload may import electron.',
];

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'out/**',
      'dist/**',
      '.data/**',
      'sandbox/generated/**',
      '**/*.generated.ts',
      'coverage/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node }, ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': ['error', { allow: ['error'] }],
      eqeqeq: ['error', 'always'],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    ignores: ['renderer/vite.config.ts', 'renderer/vite.shared.ts'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...forbid(
        [
          NO_ELECTRON,
          [NODE_BUILTINS, 'The renderer runs in a browser: no Node built-ins.'],
          [
            '(^|/)electron/(service|host|main|preload)(/|$)',
            'The renderer talks to the service only through the contract.',
          ],
          ['(^|/)drivers(/|$)', 'The renderer never imports drivers.'],
          ['(^|/)sandbox(/|$)', 'The renderer never imports the sandbox.'],
          ['^zod(/.*)?$', 'The renderer stays zod-free; import contract types with `import type`.'],
        ],
        [
          {
            regex: '(^|/)electron/contract/(index|methods/.*|define)(\\.js)?$',
            allowTypeImports: true,
            message:
              'From the contract the renderer imports types only (values come from protocol.ts and client.ts).',
          },
        ],
      ),
    },
  },
  {
    files: ['drivers/**/*.ts'],
    rules: forbid([
      NO_ELECTRON,
      ['(^|/)electron/', 'Drivers never import the service, host or contract.'],
      ['(^|/)renderer/', 'Drivers never import the renderer.'],
      ['(^|/)sandbox/', 'Drivers never import the sandbox.'],
    ]),
  },
  ...FAMILIES.map((family) => ({
    files: [`drivers/${family}/**/*.ts`],
    rules: forbid([
      NO_ELECTRON,
      ['(^|/)electron/', 'Drivers never import the service, host or contract.'],
      ['(^|/)renderer/', 'Drivers never import the renderer.'],
      ['(^|/)sandbox/', 'Drivers never import the sandbox.'],
      [
        `(^|/)(${FAMILIES.filter((f) => f !== family).join('|')})/`,
        'A driver family imports drivers/common only; combining devices happens in the service.',
      ],
    ]),
  })),
  {
    files: ['drivers/common/**/*.ts'],
    rules: forbid([
      NO_ELECTRON,
      ['(^|/)electron/', 'drivers/common imports nothing of the app.'],
      [`(^|/)(${FAMILIES.join('|')})/`, 'drivers/common never imports a device family.'],
    ]),
  },
  {
    files: ['electron/contract/**/*.ts'],
    rules: forbid([
      NO_ELECTRON,
      [NODE_BUILTINS, 'The contract is shared with the renderer: no Node built-ins.'],
      ['^(?!zod(/|$))[^.]', 'The contract imports nothing but zod.'],
      ['^\\.\\./\\.\\./', 'The contract imports nothing outside electron/contract.'],
      [
        '^\\.\\./(service|host|main|preload)(/|$)',
        'The contract imports nothing outside electron/contract.',
      ],
    ]),
  },
  {
    files: ['electron/service/**/*.ts'],
    rules: forbid([
      NO_ELECTRON,
      ['(^|/)renderer/', 'The service never imports the renderer.'],
      [
        '(^|/)electron/(host|main|preload)/|^\\.\\./\\.\\./(host|main|preload)/|^\\.\\./(host|main|preload)/',
        'The service never imports a host.',
      ],
      ['(^|/)sandbox/', 'The service talks to the approval API over HTTP, never by import.'],
    ]),
  },
  {
    files: ['electron/host/**/*.ts'],
    rules: forbid([
      NO_ELECTRON,
      ['(^|/)renderer/(?!vite)', 'The host serves the built renderer; it does not import it.'],
    ]),
  },
  {
    files: ['kiosk-config/**/*.ts'],
    rules: forbid([
      NO_ELECTRON,
      ['(^|/)(electron|drivers|renderer|sandbox)/', 'kiosk-config imports only zod.'],
    ]),
  },
  {
    files: ['sandbox/**/*.ts'],
    rules: forbid([
      NO_ELECTRON,
      ['(^|/)electron/', 'The sandbox is a separate system: it shares only drivers/common.'],
      [`(^|/)drivers/(${FAMILIES.join('|')})/`, 'The sandbox imports drivers/common only.'],
      ['(^|/)renderer/', 'The sandbox never imports the renderer.'],
    ]),
  },
  {
    files: ['electron/main/**/*.ts', 'electron/preload/**/*.ts'],
    rules: forbid([
      [
        '(^|/)(drivers/(?!common/)|renderer/|sandbox/)',
        'The shell stays thin: no drivers (drivers/common aside), renderer or sandbox.',
      ],
      [
        '(^|/)service/(?!utility)',
        'Main supervises the service process; it does not import the service.',
      ],
    ]),
  },
  {
    files: ['test/**/*.{ts,tsx}', 'bench/**/*.ts', 'scripts/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
);
