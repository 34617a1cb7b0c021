import { describe, expect, it } from 'vitest';
import { percentile, summarize, table } from '../../bench/decode/report';

describe('decode benchmark statistics', () => {
  it('nearest-rank percentiles', () => {
    const sorted = Array.from({ length: 20 }, (_, i) => i + 1);
    expect(percentile(sorted, 95)).toBe(19);
    expect(percentile(sorted, 50)).toBe(10);
    expect(percentile(sorted, 100)).toBe(20);
    expect(percentile([7], 95)).toBe(7);
  });

  it('counts reads and misreads apart', () => {
    const s = summarize([
      { frame: 0, ok: true, wrong: false, ms: 10 },
      { frame: 1, ok: false, wrong: true, ms: 30 },
      { frame: 2, ok: false, wrong: false, ms: 20 },
    ]);
    expect(s).toMatchObject({ reads: 1, misreads: 1, total: 3, meanMs: 20, medianMs: 20, p95Ms: 30 });
  });

  it('prints aligned markdown tables', () => {
    const out = table(['a', 'bb'], [['x', '1'], ['yyy', '22']]).split('\n');
    expect(out).toEqual(['| a   | bb |', '|:----|---:|', '| x   |  1 |', '| yyy | 22 |']);
  });
});
