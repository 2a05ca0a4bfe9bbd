/**
 * Service module of the printer family: builds the ESC/POS driver from `devices.printer`
 * (for `driver: "simulator"` the fake printer listens on a loopback port and the same driver
 * talks to it), prints receipts, and keeps every receipt whose print failed for a reprint,
 * with the reason staff and technicians see.
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from '../../../drivers/common/logger.js';
import { err, type Result } from '../../../drivers/common/result.js';
import {
  DeferredTransport,
  EscposPrinter,
  FakePrinter,
  FakePrinterTcpServer,
  TcpTransport,
  layoutReceipt,
  layoutTestReceipt,
  type PaperWidthMm,
  type PrintFailure,
  type PrintReport,
  type PrinterCondition,
  type PrinterFault,
  type PrinterWarning,
  type ReceiptContent,
  type ReceiptDocument,
} from '../../../drivers/printer/index.js';
import type { PrinterConfig } from '../../../kiosk-config/devices/printer.js';
import { type FamilyContext, type FamilyModule, unconfiguredFamily } from './family.js';

/** Printable width of each paper in dots, for simulator pictures. */
const PAPER_DOTS: Readonly<Record<PaperWidthMm, number>> = { 58: 384, 80: 576 };
/** Receipts kept for reprint; beyond this the oldest is dropped (and logged). */
const MAX_KEPT_RECEIPTS = 100;

/** A receipt whose print failed, kept (already laid out and masked) until it prints. */
export interface KeptReceipt {
  readonly id: string;
  readonly kind: 'final' | 'provisional' | 'test';
  /** Tracking number or local reference printed on it (not personal data). */
  readonly reference: string;
  readonly document: ReceiptDocument;
  readonly failure: Omit<PrintFailure, 'condition'>;
  readonly keptAt: string;
  readonly attempts: number;
}

export type PrintOutcome = Result<PrintReport, PrintFailure & { readonly keptId: string }>;

export interface PrinterFamily extends FamilyModule {
  readonly printer: EscposPrinter | null;
  /** The in-process fake printer behind `driver: "simulator"`, else null. */
  readonly simulator: FakePrinter | null;
  readonly paperWidthMm: PaperWidthMm | null;
  /** Lays out and prints an applicant's receipt; a failure keeps it for reprint. */
  printReceipt(content: ReceiptContent): Promise<PrintOutcome>;
  /** Prints the technician's test receipt (kept for reprint too when it fails). */
  printTest(): Promise<PrintOutcome>;
  /** Receipts waiting for a reprint, oldest first. */
  keptReceipts(): readonly KeptReceipt[];
  /** Prints a kept receipt again; it leaves the list once it prints. */
  reprint(id: string): Promise<PrintOutcome | null>;
  /** Forgets a kept receipt (staff handed the applicant a copy another way). */
  discard(id: string): boolean;
}

export function createPrinterFamily(ctx: FamilyContext): PrinterFamily {
  const config = ctx.config.devices.printer;
  const logger = ctx.logger.child({ family: 'printer' });
  if (!config) {
    return {
      ...unconfiguredFamily('printer'),
      printer: null,
      simulator: null,
      paperWidthMm: null,
      printReceipt: async () => notConfigured(),
      printTest: async () => notConfigured(),
      keptReceipts: () => [],
      reprint: async () => null,
      discard: () => false,
    };
  }

  const { printer, simulator, startSimulator, stopSimulator } = buildPrinter(config, ctx, logger);
  const kept: KeptReceipt[] = [];

  simulator?.on('receipt', (receipt) =>
    ctx.bus.publish('printer.simulatorReceipt', {
      number: receipt.number,
      interrupted: receipt.interrupted,
      at: receipt.at,
    }),
  );

  const keep = (
    entry: Omit<KeptReceipt, 'id' | 'keptAt' | 'attempts' | 'failure'>,
    failure: PrintFailure,
    previous?: KeptReceipt,
  ): string => {
    const id = previous?.id ?? randomUUID();
    const { condition: _condition, ...reason } = failure;
    const record: KeptReceipt = {
      ...entry,
      id,
      failure: reason,
      keptAt: previous?.keptAt ?? new Date().toISOString(),
      attempts: (previous?.attempts ?? 0) + 1,
    };
    const at = kept.findIndex((k) => k.id === id);
    if (at >= 0) kept[at] = record;
    else kept.push(record);
    if (kept.length > MAX_KEPT_RECEIPTS) {
      const dropped = kept.shift();
      logger.warn({ event: 'printer.kept-receipt-dropped', reference: dropped?.reference });
    }
    ctx.bus.publish('printer.jobFailed', {
      keptId: id,
      kind: record.kind,
      reference: record.reference,
      code: failure.code,
      message: failure.message,
      stage: failure.stage,
      printed: failure.printed,
    });
    return id;
  };

  const print = async (
    entry: Omit<KeptReceipt, 'id' | 'keptAt' | 'attempts' | 'failure'>,
    previous?: KeptReceipt,
  ): Promise<PrintOutcome> => {
    const result = await printer.printDocument(entry.document);
    if (result.ok) {
      if (previous) kept.splice(kept.indexOf(previous), 1);
      return result;
    }
    return err({ ...result.error, keptId: keep(entry, result.error, previous) });
  };

  return {
    family: 'printer',
    devices: [printer],
    printer,
    simulator,
    paperWidthMm: config.paperWidthMm,
    async start() {
      await startSimulator();
      await printer.start();
    },
    async stop() {
      await printer.stop();
      await stopSimulator();
    },
    printReceipt: (content) =>
      print({
        kind: content.kind,
        reference: content.reference,
        document: layoutReceipt(content, config.paperWidthMm),
      }),
    printTest: () =>
      print({
        kind: 'test',
        reference: 'TEST-000000',
        document: layoutTestReceipt({
          terminalId: ctx.config.terminal.id,
          paperWidthMm: config.paperWidthMm,
        }),
      }),
    keptReceipts: () => [...kept],
    async reprint(id) {
      const previous = kept.find((k) => k.id === id);
      if (!previous) return null;
      return print(previous, previous);
    },
    discard(id) {
      const at = kept.findIndex((k) => k.id === id);
      if (at < 0) return false;
      kept.splice(at, 1);
      return true;
    },
  };
}

function notConfigured(): PrintOutcome {
  const condition: PrinterCondition = { known: false, reason: 'not-connected' };
  return err({
    code: 'not-connected',
    stage: 'before',
    printed: 'no',
    message: 'devices.printer is not configured',
    condition,
    keptId: '',
  });
}

function buildPrinter(
  config: PrinterConfig,
  ctx: FamilyContext,
  logger: Logger,
): {
  printer: EscposPrinter;
  simulator: FakePrinter | null;
  startSimulator: () => Promise<void>;
  stopSimulator: () => Promise<void>;
} {
  const settingsBase = {
    model: config.model,
    paperWidthMm: config.paperWidthMm,
    fontCoverage: config.fontCoverage,
    statusTimeoutMs: config.statusTimeoutMs,
    openTimeoutMs: config.openTimeoutMs,
    writeTimeoutMs: config.writeTimeoutMs,
  };
  switch (config.driver) {
    case 'escpos': {
      const transport =
        config.transport.type === 'tcp'
          ? config.transport
          : { ...config.transport, path: ctx.resolvePath(config.transport.path) };
      return {
        printer: new EscposPrinter({
          driver: 'escpos',
          settings: { ...settingsBase, transport },
          logger,
        }),
        simulator: null,
        startSimulator: async () => {},
        stopSimulator: async () => {},
      };
    }
    case 'simulator': {
      const simulator = new FakePrinter({
        paperDots: PAPER_DOTS[config.paperWidthMm],
        logger: logger.child({ simulator: true }),
      });
      let server: FakePrinterTcpServer | null = null;
      const timeouts = {
        openTimeoutMs: config.openTimeoutMs,
        writeTimeoutMs: config.writeTimeoutMs,
      };
      const transport = new DeferredTransport('simulator tcp 127.0.0.1', async () => {
        if (!server) throw new Error('printer simulator is not listening');
        return new TcpTransport('127.0.0.1', server.port, timeouts);
      });
      return {
        printer: new EscposPrinter({
          driver: 'simulator',
          // The transport below replaces this one; it records where the bytes really go.
          settings: { ...settingsBase, transport: { type: 'tcp', host: '127.0.0.1', port: 9100 } },
          transport,
          logger,
        }),
        simulator,
        startSimulator: async () => {
          server = await FakePrinterTcpServer.listen(simulator);
        },
        stopSimulator: async () => {
          await server?.close();
          server = null;
        },
      };
    }
    default: {
      const never: never = config;
      throw new TypeError(`printer: unknown driver in ${JSON.stringify(never)}`);
    }
  }
}

/** A printer condition as JSON for the contract. */
export interface ConditionView {
  known: boolean;
  reason?: string;
  faults: PrinterFault[];
  warnings: PrinterWarning[];
  replies?: number[];
}

export function conditionView(condition: PrinterCondition): ConditionView {
  return condition.known
    ? {
        known: true,
        faults: [...condition.faults],
        warnings: [...condition.warnings],
        replies: [...condition.replies],
      }
    : { known: false, reason: condition.reason, faults: [], warnings: [] };
}
