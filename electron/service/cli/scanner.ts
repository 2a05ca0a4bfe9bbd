/**
 * `npm run devices -- scanner ...`: scan with the configured scanner and write the pages and
 * the assembled PDF, list SANE devices, show capabilities. Results are JSON on stdout.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { maskIdentifier } from '../../../drivers/common/mask.js';
import { listSaneDevices } from '../../../drivers/scanner/sane.js';
import type { ScanSource } from '../../../drivers/scanner/types.js';
import type { ScannerFamily } from '../devices/scanner.js';
import { scannerErrorCode } from '../handlers/scanner.js';
import type { KioskService } from '../service.js';
import { type CliCommand, UsageError } from './types.js';

/** Longest wait for the scanner to leave `connecting`, milliseconds. */
const SETTLE_MS = 10_000;
/** The material the CLI scans into (the CLI's own anonymous session). */
const CLI_MATERIAL_ID = 'cli-scan';

async function startScanner(start: () => Promise<KioskService>): Promise<ScannerFamily> {
  const service = await start();
  const family = service.ctx.hub.families.scanner;
  if (!family.driver) throw new UsageError('the config names no scanner (devices.scanner)');
  const started = Date.now();
  while (family.driver.status().state === 'connecting' && Date.now() - started < SETTLE_MS) {
    await new Promise((r) => setTimeout(r, 100));
  }
  return family;
}

const scanCommand: CliCommand = {
  words: ['scanner', 'scan'],
  usage: 'scanner scan --config FILE --out DIR [--source feeder|platen]',
  options: { out: { type: 'string' }, source: { type: 'string' } },
  async run(ctx) {
    const out = ctx.options['out'];
    if (typeof out !== 'string' || out === '') throw new UsageError('--out DIR is required');
    const source = (ctx.options['source'] ?? 'feeder') as string;
    if (source !== 'feeder' && source !== 'platen') {
      throw new UsageError(`--source must be feeder or platen, not "${source}"`);
    }
    const family = await startScanner(() => ctx.startService());

    const result = await family.scan(CLI_MATERIAL_ID, source as ScanSource);
    if (!result.ok) {
      const { code, message } = result.error;
      ctx.print({ ok: false, error: { code: scannerErrorCode(code), message } });
      return 1;
    }
    const pages = family.pages(CLI_MATERIAL_ID);
    const pdf = await family.pdf(CLI_MATERIAL_ID);
    const dir = resolve(out);
    mkdirSync(dir, { recursive: true });
    const pageFiles = pages.map((page, i) => {
      const file = join(dir, `page-${String(i + 1).padStart(3, '0')}.jpg`);
      writeFileSync(file, page.jpeg);
      return {
        file,
        size: page.bytes,
        sha256: page.sha256,
        width: page.width,
        height: page.height,
        resolutionDpi: page.resolutionDpi,
      };
    });
    let pdfFile: { file: string; size: number; sha256: string; pages: number } | null = null;
    if (pdf) {
      const file = join(dir, 'material.pdf');
      writeFileSync(file, pdf.pdf);
      pdfFile = { file, size: pdf.bytes, sha256: pdf.sha256, pages: pdf.pages };
    }
    ctx.print({
      ok: true,
      source,
      pages: pageFiles,
      pdf: pdfFile,
      blankDropped: result.value.blankDropped,
      ...(result.value.limit ? { limit: result.value.limit } : {}),
      // The one masking rule applies in the CLI too: code texts can carry credit codes.
      codes: result.value.codes.map((c) =>
        c.text === undefined ? c : { ...c, text: maskIdentifier(c.text) },
      ),
    });
    return pdf ? 0 : 1;
  },
};

const capabilitiesCommand: CliCommand = {
  words: ['scanner', 'capabilities'],
  usage: 'scanner capabilities --config FILE',
  options: {},
  async run(ctx) {
    const family = await startScanner(() => ctx.startService());
    const caps = await family.driver!.capabilities();
    ctx.print(caps.ok ? { ok: true, status: family.driver!.status(), ...caps.value } : caps);
    return caps.ok ? 0 : 1;
  },
};

const saneDevicesCommand: CliCommand = {
  words: ['scanner', 'sane-devices'],
  usage: 'scanner sane-devices --config FILE [--sane-config-dir DIR]',
  options: { 'sane-config-dir': { type: 'string' } },
  async run(ctx) {
    const dir = ctx.options['sane-config-dir'];
    const devices = await listSaneDevices(
      typeof dir === 'string' ? { configDir: resolve(dir) } : {},
    );
    ctx.print(devices.ok ? { ok: true, devices: devices.value } : devices);
    return devices.ok ? 0 : 1;
  },
};

export const scannerCommands: readonly CliCommand[] = [
  scanCommand,
  capabilitiesCommand,
  saneDevicesCommand,
];
