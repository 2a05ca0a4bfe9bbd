/**
 * Regenerates `generated/api.ts` from `sandbox/openapi.yaml` with openapi-typescript, formatted
 * with the project's Prettier settings so the committed file is stable.
 *
 *   npx tsx electron/service/approval/generate-types.ts          # write
 *   npx tsx electron/service/approval/generate-types.ts --check  # exit 1 when out of date
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';
import * as prettier from 'prettier';

export const SPEC_URL = new URL('../../../sandbox/openapi.yaml', import.meta.url);
export const GENERATED_URL = new URL('./generated/api.ts', import.meta.url);

const BANNER =
  '/**\n * Generated from sandbox/openapi.yaml by electron/service/approval/generate-types.ts.\n * Do not edit: change the spec and regenerate.\n */\n';

/** The generated file's text for the current spec. */
export async function generateApiTypes(): Promise<string> {
  // defaultNonNullable off: a field with a default may be left out of a request.
  const ast = await openapiTS(SPEC_URL, { alphabetize: false, defaultNonNullable: false });
  const text = BANNER + astToString(ast);
  const file = fileURLToPath(GENERATED_URL);
  const config = (await prettier.resolveConfig(file)) ?? {};
  return prettier.format(text, { ...config, filepath: file });
}

async function main(): Promise<void> {
  const fresh = await generateApiTypes();
  if (process.argv.includes('--check')) {
    const current = readFileSync(GENERATED_URL, 'utf8');
    if (current !== fresh) {
      process.stderr.write(
        'generated/api.ts is out of date: run npx tsx electron/service/approval/generate-types.ts\n',
      );
      process.exit(1);
    }
    return;
  }
  writeFileSync(GENERATED_URL, fresh);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((e: unknown) => {
    process.stderr.write(`${(e as Error).message}\n`);
    process.exit(1);
  });
}
