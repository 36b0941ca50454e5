import type { ColumnKind } from './column-kinds.js';

/** The column metrics, named as OpenMetadata's columnProfile names them. */
export const COLUMN_METRICS = [
  'valuesCount',
  'nullCount',
  'nullProportion',
  'distinctCount',
  'distinctProportion',
  'duplicateCount',
  'uniqueCount',
  'uniqueProportion',
  'min',
  'max',
  'minLength',
  'maxLength',
  'mean',
  'sum',
  'stddev',
  'median',
  'firstQuartile',
  'thirdQuartile',
  'interQuartileRange',
  'nonParametricSkew',
  'histogram',
] as const;

export type ColumnMetric = (typeof COLUMN_METRICS)[number];

const COUNTS: ColumnMetric[] = ['valuesCount', 'nullCount', 'nullProportion'];
const DISTINCTS: ColumnMetric[] = ['distinctCount', 'distinctProportion', 'duplicateCount', 'uniqueCount', 'uniqueProportion'];
const STATISTICS: ColumnMetric[] = ['mean', 'sum', 'stddev', 'median', 'firstQuartile', 'thirdQuartile', 'interQuartileRange'];

/** What each kind of column gets by default (OpenMetadata's default metrics, applied by type as it applies them). */
const BY_KIND: Record<ColumnKind, readonly ColumnMetric[]> = {
  countOnly: COUNTS,
  countable: [...COUNTS, ...DISTINCTS],
  datetime: [...COUNTS, ...DISTINCTS, 'min', 'max'],
  // Strings: bounds and statistics of their lengths, as OpenMetadata computes them.
  concatenable: [...COUNTS, ...DISTINCTS, 'min', 'max', 'minLength', 'maxLength', ...STATISTICS],
  quantifiable: [...COUNTS, ...DISTINCTS, 'min', 'max', ...STATISTICS, 'nonParametricSkew', 'histogram'],
};

/** What a metric is computed from: asking for it computes these too (and reports only what was asked). */
const NEEDS: Partial<Record<ColumnMetric, readonly ColumnMetric[]>> = {
  nullProportion: ['nullCount', 'valuesCount'],
  distinctProportion: ['distinctCount', 'valuesCount'],
  duplicateCount: ['distinctCount', 'valuesCount'],
  uniqueProportion: ['uniqueCount', 'valuesCount'],
  interQuartileRange: ['firstQuartile', 'thirdQuartile'],
  nonParametricSkew: ['mean', 'median', 'stddev'],
  histogram: ['min', 'max', 'firstQuartile', 'thirdQuartile', 'valuesCount'],
};

/** `VALUES_COUNT`, `valuesCount` and `valuescount` all name valuesCount (OpenMetadata's YAML uses either style). */
const normalise = (name: string): string => name.replace(/[_\s-]/g, '').toLowerCase();
const BY_NORMALISED = new Map<string, ColumnMetric>(COLUMN_METRICS.map((metric) => [normalise(metric), metric]));

/** The metric a configured name stands for, if any. */
export function metricNamed(name: string): ColumnMetric | undefined {
  return BY_NORMALISED.get(normalise(name));
}

export function defaultMetrics(kind: ColumnKind): readonly ColumnMetric[] {
  return BY_KIND[kind];
}

/**
 * The metrics to report for a column: its kind's defaults, or those of `only` that apply to its kind. An
 * `includeColumns` entry cannot give a string a histogram: what a type has no meaning for is left out.
 */
export function reportedMetrics(kind: ColumnKind, only?: readonly ColumnMetric[]): Set<ColumnMetric> {
  const applicable = BY_KIND[kind];
  return new Set(only ? applicable.filter((metric) => only.includes(metric)) : applicable);
}

/** The metrics to compute for those reported: each with what it is derived from. */
export function computedMetrics(reported: ReadonlySet<ColumnMetric>): Set<ColumnMetric> {
  const out = new Set<ColumnMetric>();
  const add = (metric: ColumnMetric): void => {
    if (out.has(metric)) return;
    out.add(metric);
    for (const need of NEEDS[metric] ?? []) add(need);
  };
  for (const metric of reported) add(metric);
  return out;
}
