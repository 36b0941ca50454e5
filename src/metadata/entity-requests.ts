import { createHash } from 'node:crypto';
import { withoutSecrets } from '../config/secrets.js';
import type { PostgresConnectionConfig } from '../config/types.js';
import { buildFqn, encodeNameColons, encodeReservedSeparators } from '../openmetadata/fqn.js';
import type {
  CreateClassification,
  CreateDatabase,
  CreateDatabaseSchema,
  CreateDatabaseService,
  CreateStoredProcedure,
  CreateTag,
  EntityRef,
  TagLabel,
} from '../openmetadata/requests.js';
import type { RoutineRow } from '../postgres/catalog-rows.js';

/**
 * The service's connection as it is written out: secrets removed, since no file the worker writes may hold them.
 * `om-worker push` puts them back from its own workflow config.
 */
const SERVICE_CONNECTION_PATH = ['source', 'serviceConnection', 'config'];

export function connectionWithoutSecrets(connection: PostgresConnectionConfig): Record<string, unknown> {
  return withoutSecrets(connection as unknown as Record<string, unknown>, SERVICE_CONNECTION_PATH);
}

export function buildCreateDatabaseService(name: string, connection: PostgresConnectionConfig | undefined): CreateDatabaseService {
  const request: CreateDatabaseService = { name, serviceType: 'Postgres' };
  if (connection) request.connection = { config: connectionWithoutSecrets(connection) };
  return request;
}

export function buildCreateDatabase(service: string, name: string, description: string | null): CreateDatabase {
  const request: CreateDatabase = { name: encodeNameColons(name), service: buildFqn(service) };
  if (description) request.description = description;
  return request;
}

export function buildCreateDatabaseSchema(service: string, database: string, name: string, description: string | null): CreateDatabaseSchema {
  const request: CreateDatabaseSchema = { name: encodeNameColons(name), database: buildFqn(service, database) };
  if (description) request.description = description;
  return request;
}

const LANGUAGES: Readonly<Record<string, CreateStoredProcedure['storedProcedureCode']['language']>> = {
  sql: 'SQL',
  plpgsql: 'SQL',
  plpython3u: 'Python',
  plpythonu: 'Python',
  plv8: 'JavaScript',
  pljava: 'Java',
};

/**
 * Overloads share a name in Postgres; they get their argument list in the name so each keeps its own entity. The
 * arguments often hold a double quote (`k sales."OrderKind"`), stored as OpenMetadata's reserved word like in table
 * names, since no FQN may contain one.
 */
export function routineName(routine: RoutineRow, overloaded: boolean): string {
  const name = encodeReservedSeparators(overloaded ? `${routine.name}(${routine.arguments})` : routine.name);
  if (name.length <= MAX_NAME_LENGTH) return name;
  // OpenMetadata refuses longer names; a digest of the whole keeps each overload its own, stable entity.
  const digest = createHash('md5').update(name).digest('hex').slice(0, 12);
  return `${name.slice(0, MAX_NAME_LENGTH - digest.length - 1)}~${digest}`;
}

/** OpenMetadata's entityName: at most 256 characters. */
const MAX_NAME_LENGTH = 256;

export function buildCreateStoredProcedure(
  service: string,
  database: string,
  schema: string,
  routine: RoutineRow,
  overloaded: boolean,
  owner: EntityRef | undefined,
): CreateStoredProcedure {
  const request: CreateStoredProcedure = {
    name: routineName(routine, overloaded),
    storedProcedureCode: { language: LANGUAGES[routine.language] ?? 'External', code: routine.definition },
    databaseSchema: buildFqn(service, database, schema),
  };
  if (routine.description) request.description = routine.description;
  if (owner) request.owner = owner;
  return request;
}

export function buildCreateClassification(name: string): CreateClassification {
  return { name, description: 'Row-level security policies of Postgres tables, ingested as tags.' };
}

/**
 * Policy names are free text (`Orders: "managers" see all`); like table and column names they are stored with `"`,
 * `::` and `>` replaced by OpenMetadata's reserved words, since no FQN may hold a double quote.
 */
export function buildCreateTag(classification: string, policy: string): CreateTag {
  return { name: encodeReservedSeparators(policy), classification, description: `Postgres row-level security policy "${policy}".` };
}

export function policyTagLabel(classification: string, policy: string): TagLabel {
  return { tagFQN: buildFqn(classification, encodeReservedSeparators(policy)), source: 'Classification', labelType: 'Automated', state: 'Suggested' };
}

/** An owner as the file holds it; the REST sink resolves the name to a user or, failing that, a team. */
export function ownerRef(role: string): EntityRef {
  return { type: 'user', fullyQualifiedName: role };
}
