/** The quartiles OpenMetadata reports, as fractions for percentile_cont. */
const FRACTIONS = [0.25, 0.5, 0.75] as const;

/**
 * For each quartile the two 0-based ranks it lies between among `total` sorted values, flattened: [low, high] three
 * times. Postgres's percentile_cont takes the same ranks: floor and ceiling of fraction × (total − 1).
 */
export function quartileRanks(total: number): number[] {
  return FRACTIONS.flatMap((fraction) => {
    const at = fraction * (total - 1);
    return [Math.floor(at), Math.ceil(at)];
  });
}

/**
 * The quartiles from the values at `quartileRanks(total)`, interpolated as percentile_cont interpolates (low plus the
 * fraction past it times the step), so that they equal what Postgres would have returned.
 */
export function quartilesFromRanks(total: number, valuesAtRanks: ReadonlyArray<number | null | undefined>): Array<number | undefined> {
  return FRACTIONS.map((fraction, i) => {
    const low = valuesAtRanks[2 * i];
    const high = valuesAtRanks[2 * i + 1];
    if (low === null || low === undefined || high === null || high === undefined) return undefined;
    const at = fraction * (total - 1);
    const past = at - Math.floor(at);
    return past === 0 ? low : low + past * (high - low);
  });
}
