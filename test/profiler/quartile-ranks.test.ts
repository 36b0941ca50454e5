// Quartiles from the values at their ranks must be what percentile_cont returns over the sorted values.
import { describe, expect, it } from 'vitest';
import { estimatedSampleRows, splitsPasses } from '../../src/profiler/distribution-pass.js';
import { quartileRanks, quartilesFromRanks } from '../../src/profiler/quartile-ranks.js';

/** percentile_cont as Postgres documents it: the value at a whole rank, else linear interpolation between the two closest. */
function percentileCont(sorted: number[], fraction: number): number {
  const at = fraction * (sorted.length - 1);
  const low = sorted[Math.floor(at)] as number;
  const high = sorted[Math.ceil(at)] as number;
  return Number.isInteger(at) ? low : low + (at - Math.floor(at)) * (high - low);
}

function viaRanks(values: number[]): Array<number | undefined> {
  const sorted = [...values].sort((a, b) => a - b);
  return quartilesFromRanks(
    sorted.length,
    quartileRanks(sorted.length).map((rank) => sorted[rank]),
  );
}

describe('quartiles from ranks', () => {
  it('equal percentile_cont over many lengths, with ties and negatives', () => {
    let seed = 7;
    const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    for (let length = 1; length <= 60; length++) {
      const values = Array.from({ length }, () => Math.round((random() - 0.4) * 20) / 4);
      const sorted = [...values].sort((a, b) => a - b);
      expect(viaRanks(values)).toEqual([0.25, 0.5, 0.75].map((f) => percentileCont(sorted, f)));
    }
  });

  it('take the ranks percentile_cont takes', () => {
    expect(quartileRanks(1)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(quartileRanks(4)).toEqual([0, 1, 1, 2, 2, 3]);
    expect(quartilesFromRanks(4, [1, 2, 2, 3, 3, 10])).toEqual([1.75, 2.5, 4.75]);
  });

  it('keep an infinite value where it falls on a rank, and are undefined where a value is missing', () => {
    expect(quartilesFromRanks(5, [-Infinity, -Infinity, 1, 1, Infinity, Infinity])).toEqual([-Infinity, 1, Infinity]);
    expect(quartilesFromRanks(5, [null, null, 1, 1, 2, 2])).toEqual([undefined, 1, 2]);
  });
});

describe('how a pass is run', () => {
  it('is split column by column on a big sample, and kept whole for a small one or a profileQuery', () => {
    const table = { kind: 'table' } as const;
    expect(estimatedSampleRows({ sample: table, estimatedRows: 5e6 })).toBe(5e6);
    expect(estimatedSampleRows({ sample: { kind: 'percentage', percent: 1, method: 'SYSTEM', seed: 1 }, estimatedRows: 5e6 })).toBe(5e4);
    expect(estimatedSampleRows({ sample: { kind: 'rows', rows: 1000, method: 'BERNOULLI', seed: 1 }, estimatedRows: 5e6 })).toBe(1000);
    expect(splitsPasses({ sample: table, estimatedRows: 5e6 })).toBe(true);
    expect(splitsPasses({ sample: table, estimatedRows: 5000 })).toBe(false);
    // Never analysed: the size is unknown, so the work is shared as for a big table.
    expect(splitsPasses({ sample: table, estimatedRows: -1 })).toBe(true);
    expect(splitsPasses({ sample: { kind: 'query', sql: 'select 1' }, estimatedRows: 5e6 })).toBe(false);
  });
});
