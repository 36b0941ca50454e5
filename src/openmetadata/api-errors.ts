/** The server answered with an error a retry cannot fix (a 4xx other than 401/403/429): one record's failure. */
export class OpenMetadataApiError extends Error {
  constructor(
    readonly status: number,
    readonly serverMessage: string,
    readonly method: string,
    readonly path: string,
  ) {
    super(`${method} ${path}: ${status} ${serverMessage}`);
    this.name = 'OpenMetadataApiError';
  }
}

/** The server cannot be used at all (unreachable after retries, token rejected, incompatible): exit code 3. */
export class OpenMetadataUnavailableError extends Error {
  readonly exitCode = 3;

  constructor(message: string) {
    super(message);
    this.name = 'OpenMetadataUnavailableError';
  }
}
