/** Entry of `npm run devices -- <command> --config FILE [options]`; see run.ts and docs/cli.md. */
import { runCli } from './run.js';

process.exitCode = await runCli(process.argv.slice(2));
