/** A column's histogram as OpenMetadata sends it: bin labels and the number of values in each. */
export interface Histogram {
  boundaries: string[];
  frequencies: number[];
}

/** The bins of a column: equal widths from its minimum, the last one open above. */
export interface HistogramBins {
  start: number;
  width: number;
  count: number;
}

const MAX_BINS = 100;

/**
 * OpenMetadata's bin choice: Freedman–Diaconis (width 2·IQR·n^(−1/3), 1 when the IQR is 0); when that makes more than
 * 100 bins or the IQR is unknown, Sturges (⌈log2 n + 1⌉ bins); never more than 100. Undefined when the column has
 * no finite bounds or no values.
 */
export function histogramBins(facts: {
  min?: number;
  max?: number;
  firstQuartile?: number;
  thirdQuartile?: number;
  valuesCount?: number;
}): HistogramBins | undefined {
  const { min, max, valuesCount: n } = facts;
  if (min === undefined || max === undefined || !n || !Number.isFinite(min) || !Number.isFinite(max)) return undefined;
  const span = max - min;
  if (!Number.isFinite(span)) return undefined;
  const iqr = facts.firstQuartile !== undefined && facts.thirdQuartile !== undefined ? facts.thirdQuartile - facts.firstQuartile : undefined;
  if (iqr !== undefined && Number.isFinite(iqr)) {
    const width = iqr === 0 ? 1 : 2 * iqr * n ** (-1 / 3);
    const count = Math.max(1, Math.ceil(span / width));
    if (count <= MAX_BINS) return { start: min, width, count };
  }
  const count = Math.min(MAX_BINS, Math.ceil(Math.log2(n) + 1));
  return { start: min, width: span === 0 ? 1 : span / count, count };
}

/** `0`, `12.500`, `1.500K`, `-3.250M`: OpenMetadata's way of writing a bin's bound. */
export function formatBound(value: number): string {
  if (value === 0) return '0';
  const units = ['', 'K', 'M', 'B', 'T'];
  let scaled = value;
  let unit = 0;
  while (Math.abs(scaled) >= 1000 && unit < units.length - 1) {
    scaled /= 1000;
    unit++;
  }
  return `${scaled.toFixed(3)}${units[unit]}`;
}

/** Labels (`a to b`, the last `a and up`) and counts; `counts` maps a bin's index to its values. */
export function buildHistogram(bins: HistogramBins, counts: ReadonlyMap<number, number>): Histogram {
  const boundaries: string[] = [];
  const frequencies: number[] = [];
  for (let i = 0; i < bins.count; i++) {
    const low = bins.start + i * bins.width;
    boundaries.push(i === bins.count - 1 ? `${formatBound(low)} and up` : `${formatBound(low)} to ${formatBound(low + bins.width)}`);
    frequencies.push(counts.get(i) ?? 0);
  }
  return { boundaries, frequencies };
}
