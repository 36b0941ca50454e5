/** Create-request builders and a service → database → schema seeding helper for tests against the double. */
import { quoteName } from './fqn.js';
import type { ApiClient } from './test-client.js';
import type { JsonObject } from './types.js';

export interface Hierarchy {
  service: string;
  database: string;
  schema: string;
}

export function serviceRequest(name: string): JsonObject {
  return {
    name,
    serviceType: 'Postgres',
    connection: { config: { type: 'Postgres', username: 'u', hostPort: 'localhost:5432', database: 'postgres' } },
  };
}

/** A CreateTable body with two columns; `extra` replaces or adds top-level keys. */
export function tableRequest(name: string, schemaFqn: string, extra: Record<string, unknown> = {}): JsonObject {
  const request: Record<string, unknown> = {
    name,
    tableType: 'Regular',
    databaseSchema: schemaFqn,
    columns: [
      { name: 'id', dataType: 'INT', dataTypeDisplay: 'integer', constraint: 'PRIMARY_KEY' },
      { name: 'label', dataType: 'VARCHAR', dataLength: 20, dataTypeDisplay: 'character varying(20)' },
    ],
    ...extra,
  };
  return request as JsonObject;
}

/** PUTs a service, a database and a schema; answers their FQNs. Throws unless each PUT succeeds. */
export async function seedHierarchy(api: ApiClient, names: Partial<Hierarchy> = {}): Promise<Hierarchy> {
  const serviceName = names.service ?? 'svc';
  const databaseName = names.database ?? 'db';
  const schemaName = names.schema ?? 'public';
  const service = quoteName(serviceName);
  const database = `${service}.${quoteName(databaseName)}`;
  const schema = `${database}.${quoteName(schemaName)}`;
  const steps: Array<[string, JsonObject]> = [
    ['services/databaseServices', serviceRequest(serviceName)],
    ['databases', { name: databaseName, service }],
    ['databaseSchemas', { name: schemaName, database }],
  ];
  for (const [path, body] of steps) {
    const result = await api.put(path, body);
    if (result.status !== 200 && result.status !== 201) {
      throw new Error(`seeding ${path} answered ${result.status}: ${JSON.stringify(result.body)}`);
    }
  }
  return { service, database, schema };
}
