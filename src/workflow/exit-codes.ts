/** om-worker's exit codes (DESIGN.md); documented in the README. */
export const EXIT = {
  success: 0,
  failuresOverThreshold: 1,
  invalidConfig: 2,
  unreachable: 3,
  internal: 4,
  /** A valid workflow of a kind this version of om-worker does not carry out yet. */
  unsupported: 5,
} as const;
