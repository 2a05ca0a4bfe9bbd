import { describe, expect, it } from 'vitest';
import { receiptLines } from '../../../drivers/printer/escpos-decoder.js';
import { FakePrinter, KEPT_RECEIPTS } from '../../../drivers/printer/simulator.js';

const bytes = (...values: number[]): Uint8Array => Uint8Array.from(values);

describe('fake printer core', () => {
  it('answers a DLE EOT request split across chunks exactly once', () => {
    const printer = new FakePrinter();
    printer.setFlags({ coverOpen: true });
    expect([...printer.receive(bytes(0x10))!]).toEqual([]);
    expect([...printer.receive(bytes(0x04))!]).toEqual([]);
    expect([...printer.receive(bytes(0x02, 0x10, 0x04, 0x04))!]).toEqual([0x16, 0x12]);
    expect(printer.counters).toMatchObject({ statusRequests: 2, statusAnswered: 2 });
  });

  it('stays silent when told to, and counts the unanswered requests', () => {
    const printer = new FakePrinter();
    printer.setAnswering(false);
    expect([...printer.receive(bytes(0x10, 0x04, 0x01))!]).toEqual([]);
    expect(printer.counters).toMatchObject({ statusRequests: 1, statusAnswered: 0 });
  });

  it('uses paper per line and stops printing at paper end, keeping what printed', () => {
    const printer = new FakePrinter({ paperRemainingDots: 60 });
    const line = (text: string) => [...Buffer.from(text, 'latin1'), 0x0a];
    printer.receive(
      bytes(0x1b, 0x40, ...line('ONE'), ...line('TWO'), ...line('THREE'), 0x1d, 0x56, 0x01),
    );
    expect(printer.state).toMatchObject({ paperEnd: true, offline: true, paperNearEnd: true });
    expect(printer.receipts).toHaveLength(1);
    expect(printer.receipts[0]?.interrupted).toBe(true);
    expect(receiptLines(printer.receipts[0]!.receipt)).toEqual(['ONE', 'TWO']);
  });

  it('keeps a receipt cut short by a dropped connection, but not trailing blank lines', () => {
    const printer = new FakePrinter();
    printer.receive(bytes(0x41, 0x0a, 0x1d, 0x56, 0x00, 0x0a, 0x0a));
    printer.connectionClosed();
    expect(printer.receipts).toHaveLength(1);
    printer.receive(bytes(0x42, 0x0a));
    printer.connectionClosed();
    expect(printer.receipts.map((r) => r.interrupted)).toEqual([false, true]);
    expect(receiptLines(printer.receipts[1]!.receipt)).toEqual(['B']);
  });

  it('keeps the last receipts only, numbered from the first printed', () => {
    const printer = new FakePrinter();
    for (let i = 0; i < KEPT_RECEIPTS + 5; i++) {
      printer.receive(bytes(0x41 + (i % 26), 0x0a, 0x1d, 0x56, 0x01));
    }
    expect(printer.receipts).toHaveLength(KEPT_RECEIPTS);
    expect(printer.receipts[0]!.number).toBe(6);
    expect(printer.receipts.at(-1)!.number).toBe(KEPT_RECEIPTS + 5);
    expect(receiptLines(printer.receipts.at(-1)!.receipt)).toEqual([
      String.fromCharCode(0x41 + ((KEPT_RECEIPTS + 4) % 26)),
    ]);
  });

  it('drops the link after the scripted number of bytes', () => {
    const printer = new FakePrinter();
    let dropped = 0;
    printer.on('drop', () => dropped++);
    printer.dropConnectionAfter(5);
    expect(printer.receive(bytes(0x41, 0x42, 0x43))).not.toBeNull();
    expect(printer.receive(bytes(0x44, 0x45, 0x46))).toBeNull();
    expect(dropped).toBe(1);
    expect(printer.counters.bytes).toBe(5);
  });
});
