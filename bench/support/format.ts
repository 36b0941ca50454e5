/** Milliseconds since `start`, a performance.now() reading. */
export const elapsedMs = (start: number): number => performance.now() - start;

/** Each bench picks its own precision: a second-long run wants milliseconds, a ten-second one does not. */
export const secondsText = (milliseconds: number, decimals: number): string => `${(milliseconds / 1000).toFixed(decimals)} s`;

/** 1/5/15-minute load averages, as the reports print them. */
export const loadAverageText = (load: number[]): string => load.map((x) => x.toFixed(2)).join(' / ');

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}
