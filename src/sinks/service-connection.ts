import type { PostgresConnectionConfig } from '../config/types.js';

/**
 * The connection as the server stores it, from the connection as the user wrote it (keys they never set stay unset:
 * an older server refuses keys it does not know). Two spellings the YAML allows but the server's schema does not are
 * put right, as OpenMetadata's own client does when it parses the YAML: a top-level `password` (written before
 * `authType` existed) moves into `authType`, and `connectionOptions` values become strings.
 */
export function serverConnection(asWritten: PostgresConnectionConfig): Record<string, unknown> {
  const { password, ...rest } = asWritten as PostgresConnectionConfig & Record<string, unknown>;
  const out: Record<string, unknown> = { ...rest };
  if (password !== undefined && out.authType === undefined) out.authType = { password };
  const options = out.connectionOptions as Record<string, unknown> | undefined;
  if (options) out.connectionOptions = Object.fromEntries(Object.entries(options).map(([key, value]) => [key, String(value)]));
  return out;
}
