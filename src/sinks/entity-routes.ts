import { buildFqn } from '../openmetadata/fqn.js';
import type { OutputRecord, RecordType } from '../workflow/records.js';

/** Where a create record goes on the server, what it will be called there, and what must exist first. */
export interface EntityRoute {
  collection: string;
  /** The FQN the server will give the entity. */
  fqn: string;
  /** FQNs of entities that must be created before this one (parents, tags it is labelled with). */
  dependsOn: string[];
}

type Body = Record<string, unknown>;

const tagsOf = (body: Body): string[] => ((body.tags as Array<{ tagFQN: string }> | undefined) ?? []).map((t) => t.tagFQN);

const ROUTES: Partial<Record<RecordType, (body: Body) => EntityRoute>> = {
  createDatabaseService: (b) => ({ collection: 'services/databaseServices', fqn: buildFqn(String(b.name)), dependsOn: [] }),
  createDatabase: (b) => ({ collection: 'databases', fqn: `${b.service}.${buildFqn(String(b.name))}`, dependsOn: [String(b.service), ...tagsOf(b)] }),
  createDatabaseSchema: (b) => ({ collection: 'databaseSchemas', fqn: `${b.database}.${buildFqn(String(b.name))}`, dependsOn: [String(b.database), ...tagsOf(b)] }),
  createTable: (b) => ({ collection: 'tables', fqn: `${b.databaseSchema}.${buildFqn(String(b.name))}`, dependsOn: [String(b.databaseSchema), ...tagsOf(b)] }),
  createStoredProcedure: (b) => ({ collection: 'storedProcedures', fqn: `${b.databaseSchema}.${buildFqn(String(b.name))}`, dependsOn: [String(b.databaseSchema), ...tagsOf(b)] }),
  createClassification: (b) => ({ collection: 'classifications', fqn: buildFqn(String(b.name)), dependsOn: [] }),
  createTag: (b) => ({ collection: 'tags', fqn: `${buildFqn(String(b.classification))}.${buildFqn(String(b.name))}`, dependsOn: [buildFqn(String(b.classification))] }),
};

/** The route of a create record, or undefined for record types that are not entity creations. */
export function routeOf(record: OutputRecord): EntityRoute | undefined {
  return ROUTES[record.type]?.(record.data as Body);
}
