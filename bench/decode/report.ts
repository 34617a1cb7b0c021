// Read-rate and timing statistics per decoder, and the plain-text tables the benchmark prints.
import type { FrameConditions } from './frames';

export interface Attempt {
  readonly frame: number;
  readonly ok: boolean;
  /** Decoded but not the issued text: a misread, worse than no read. */
  readonly wrong: boolean;
  readonly ms: number;
}

export interface FrameInfo {
  readonly version: number;
  readonly conditions: FrameConditions;
}

export interface DecoderSummary {
  readonly reads: number;
  readonly misreads: number;
  readonly total: number;
  readonly meanMs: number;
  readonly medianMs: number;
  readonly p95Ms: number;
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  // Nearest-rank: the smallest value with at least p% of the samples at or below it.
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1]!;
}

export function summarize(attempts: readonly Attempt[]): DecoderSummary {
  const times = attempts.map((a) => a.ms).sort((a, b) => a - b);
  return {
    reads: attempts.filter((a) => a.ok).length,
    misreads: attempts.filter((a) => a.wrong).length,
    total: attempts.length,
    meanMs: times.reduce((s, t) => s + t, 0) / Math.max(1, times.length),
    medianMs: percentile(times, 50),
    p95Ms: percentile(times, 95),
  };
}

export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, col) => Math.max(h.length, ...rows.map((r) => (r[col] ?? '').length)));
  const line = (cells: readonly string[]): string => `| ${cells.map((c, col) => (col === 0 ? c.padEnd(widths[col]!) : c.padStart(widths[col]!))).join(' | ')} |`;
  return [line(header), `|${widths.map((w, col) => (col === 0 ? `:${'-'.repeat(w + 1)}` : `${'-'.repeat(w + 1)}:`)).join('|')}|`, ...rows.map(line)].join('\n');
}

const pct = (n: number, d: number): string => (d === 0 ? '–' : `${((100 * n) / d).toFixed(1)}%`);

export function mainTable(names: readonly string[], settings: readonly string[], summaries: readonly DecoderSummary[]): string {
  const base = summaries[0]!;
  const rows = summaries.map((s, i) => [
    names[i]!,
    `${s.reads}/${s.total}`,
    pct(s.reads, s.total),
    String(s.misreads),
    s.meanMs.toFixed(1),
    s.medianMs.toFixed(1),
    s.p95Ms.toFixed(1),
    i === 0 ? '1.00 (baseline)' : (s.reads / Math.max(1, base.reads)).toFixed(2),
    i === 0 ? '1.00 (baseline)' : (s.meanMs / base.meanMs).toFixed(2),
    settings[i]!,
  ]);
  return table(['decoder', 'reads', 'read rate', 'misreads', 'mean ms', 'median ms', 'p95 ms', 'reads vs zxing-wasm', 'mean time vs zxing-wasm', 'settings'], rows);
}

export interface Bucket {
  readonly label: string;
  readonly holds: (info: FrameInfo) => boolean;
}

export function bucketTable(title: string, buckets: readonly Bucket[], frames: readonly FrameInfo[], names: readonly string[], attempts: readonly (readonly Attempt[])[]): string {
  const rows = buckets.map((bucket) => {
    const members = new Set(frames.flatMap((f, i) => (bucket.holds(f) ? [i] : [])));
    return [
      bucket.label,
      String(members.size),
      ...attempts.map((list) => {
        const reads = list.filter((a) => members.has(a.frame) && a.ok).length;
        return `${pct(reads, members.size)}`;
      }),
    ];
  });
  return table([title, 'frames', ...names], rows);
}
