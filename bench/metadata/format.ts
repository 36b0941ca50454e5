import { secondsText } from '../support/format.js';

// Three decimals: the baseline and worker runs compared here last one to three seconds.
export const fmtS = (milliseconds: number): string => secondsText(milliseconds, 3);
