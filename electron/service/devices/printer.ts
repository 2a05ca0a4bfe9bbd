/**
 * Service module of the printer family: builds the ESC/POS driver from `devices.printer`
 * (for `driver: "simulator"` the fake printer listens on a loopback port and the same driver
 * talks to it), prints receipts, and keeps every receipt whose print failed for a reprint,
 * with the reason staff and technicians see, in the store (printer-kept.ts), so the kept
 * receipts survive a service restart.
 */
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
} from '../../../drivers/printer/index.js';
import type { PrinterConfig } from '../../../kiosk-config/devices/printer.js';
import { type FamilyContext, type FamilyModule, unconfiguredFamily } from './family.js';
import { KeptReceiptStore, type KeptReceipt, type ReceiptToKeep } from './printer-kept.js';

export type { KeptReceipt } from './printer-kept.js';

/** Printable width of each paper in dots, for simulator pictures. */
const PAPER_DOTS: Readonly<Record<PaperWidthMm, number>> = { 58: 384, 80: 576 };
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
  /** Receipts waiting for a reprint, oldest first (read from the store). */
  keptReceipts(): readonly KeptReceipt[];
  /** Prints a kept receipt again; it leaves the list once it prints. Null: no such receipt. */
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
  const kept = new KeptReceiptStore(ctx.store, logger);

  simulator?.on('receipt', (receipt) =>
    ctx.bus.publish('printer.simulatorReceipt', {
      number: receipt.number,
      interrupted: receipt.interrupted,
      at: receipt.at,
    }),
  );

  const announceFailure = (record: KeptReceipt): void => {
    ctx.bus.publish('printer.jobFailed', {
      keptId: record.id,
      kind: record.kind,
      reference: record.reference,
      code: record.failure.code,
      message: record.failure.message,
      stage: record.failure.stage,
      printed: record.failure.printed,
    });
  };

  /** Prints a new receipt; a failure keeps it in the store. */
  const print = async (receipt: ReceiptToKeep): Promise<PrintOutcome> => {
    const result = await printer.printDocument(receipt.document);
    if (result.ok) return result;
    const { condition: _condition, ...failure } = result.error;
    const record = kept.keep(receipt, failure);
    announceFailure(record);
    return err({ ...result.error, keptId: record.id });
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
    keptReceipts: () => kept.list(),
    async reprint(id) {
      const document = kept.document(id);
      if (!document) return null;
      const result = await printer.printDocument(document);
      if (result.ok) {
        kept.resolve(id, 'reprinted');
        return result;
      }
      const { condition: _condition, ...failure } = result.error;
      // Null when staff discarded it while this attempt ran: nothing left to announce.
      const record = kept.recordFailedAttempt(id, failure);
      if (record) announceFailure(record);
      return err({ ...result.error, keptId: id });
    },
    discard: (id) => kept.resolve(id, 'discarded'),
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
