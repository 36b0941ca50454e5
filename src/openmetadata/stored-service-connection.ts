import { ConfigError } from '../config/config-error.js';
import { defaultPipelineType, type LoadedWorkflow } from '../config/load-workflow.js';
import { validateAgainstSchema } from '../config/schema-validator.js';
import type { PostgresConnectionConfig, WorkflowConfig } from '../config/types.js';
import type { Logger } from '../util/logger.js';
import { registerSecret } from '../util/redact.js';
import { buildFqn } from './fqn.js';
import type { ServerConnection } from './server-connection.js';

const PATH = 'source.serviceConnection';

/**
 * A workflow without `source.serviceConnection` runs on the connection its service stores on the server, as
 * OpenMetadata's own workflows do. What the server answers is checked like the file would have been; a password the
 * server masks for this token (it unmasks for bots) is a clear error rather than a failed login.
 */
export async function storedServiceConnection(loaded: LoadedWorkflow, log: Logger, server: ServerConnection): Promise<PostgresConnectionConfig> {
  const { config, file } = loaded;
  const problem = (message: string) => new ConfigError(file, [{ path: PATH, message }]);
  const client = await server.client();
  const service = await client.getByName('services/databaseServices', buildFqn(config.source.serviceName));
  const where = `OpenMetadata at ${config.workflowConfig.openMetadataServerConfig.hostPort}`;
  if (!service) throw problem(`missing, and ${where} has no database service '${config.source.serviceName}' to take it from`);
  const connection = (service.connection as { config?: Record<string, unknown> } | undefined)?.config;
  if (!connection) throw problem(`missing, and service '${config.source.serviceName}' on the server stores no connection`);
  const password = (connection.authType as { password?: unknown } | undefined)?.password ?? connection.password;
  if (typeof password === 'string') registerSecret(password);
  if (typeof password === 'string' && /^\*+$/.test(password)) {
    throw problem(
      `missing, and the server masks the stored password for this token: use the ingestion bot's token, or write serviceConnection in the file`,
    );
  }
  // Checked and given its defaults exactly as if it had been written in the file.
  const document = structuredClone(loaded.asWritten) as WorkflowConfig;
  defaultPipelineType(document);
  document.source.serviceConnection = { config: connection as unknown as PostgresConnectionConfig };
  const { issues } = validateAgainstSchema(document, new Map());
  if (issues.length > 0) {
    throw new ConfigError(
      file,
      issues.map((issue) => ({ ...issue, message: `${issue.message} (in the connection stored on the server)` })),
    );
  }
  log.info(`Using the connection stored on ${where} for service ${config.source.serviceName}`);
  return document.source.serviceConnection.config;
}
