import type { OpenMetadataServerConfig } from '../config/types.js';
import { OpenMetadataClient, type ClientOptions } from './openmetadata-client.js';

/**
 * The one client of a run's OpenMetadata server, connected (version and token checked) on first use by whichever
 * step needs it first (the sink, the pipeline reporter, the stored-connection lookup) and closed once, at the end.
 * A failed connection is remembered: every user sees the same error, and it is not retried per step.
 */
export class ServerConnection {
  private connecting?: Promise<OpenMetadataClient>;

  constructor(
    private readonly config: OpenMetadataServerConfig,
    private readonly options: ClientOptions,
  ) {}

  client(): Promise<OpenMetadataClient> {
    this.connecting ??= OpenMetadataClient.connect(this.config, this.options);
    return this.connecting;
  }

  /** Whether a connection was asked for (a file-sink run may never reach a server). */
  get used(): boolean {
    return this.connecting !== undefined;
  }

  close(): void {
    this.connecting?.then(
      (client) => client.close(),
      () => undefined,
    );
  }
}
