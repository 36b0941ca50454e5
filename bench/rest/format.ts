import { secondsText } from '../support/format.js';

// Hundredths: a push takes about ten seconds and swings by ±10% between runs, so milliseconds would be noise.
export const fmtS = (milliseconds: number): string => secondsText(milliseconds, 2);
export const n = (x: number): string => Math.round(x).toLocaleString('en-US');
