/**
 * What a benchmark module returns so `npm run bench` can write docs/benchmarks.md. A module
 * exports `run(): Promise<BenchReport>` (or any JSON, which is shown as-is).
 */
export interface BenchFigure {
  /** What was measured, e.g. "identity event overhead at 115200 baud". */
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  /** The goal from the issue, as text, e.g. "< 10% of wire time". */
  readonly goal?: string;
  readonly met?: boolean;
  /** The reference it is compared to (wire time, another library, a bare page load). */
  readonly reference?: { readonly name: string; readonly value: number; readonly unit: string };
}

export interface BenchReport {
  readonly title: string;
  readonly figures: readonly BenchFigure[];
  readonly notes?: readonly string[];
}

export function isBenchReport(value: unknown): value is BenchReport {
  return typeof value === 'object' && value !== null && Array.isArray((value as { figures?: unknown }).figures);
}
