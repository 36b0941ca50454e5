/** Progress goes to stderr so that stdout carries only the rendered results. */
export function logger(tag: string): (message: string) => void {
  return (message) => {
    process.stderr.write(`[${tag}] ${message}\n`);
  };
}

/** Runs a runner's main(); a failure prints its stack under the runner's tag and exits 1. */
export function runMain(tag: string, main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    process.stderr.write(`[${tag}] ${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  });
}
