import { buildFqn } from '../openmetadata/fqn.js';
import type { OutputRecord, RecordType } from '../workflow/records.js';
import type { ChildType } from './stored-children.js';

/** Where a create record goes on the server, what it will be called there, and what must exist first. */
export interface EntityRoute {
  collection: string;
  /** The FQN the server will give the entity. */
  fqn: string;
  /** FQNs of entities that must be created before this one (parents, tags it is labelled with). */
  dependsOn: string[];
  /** For entities that carry a sourceHash: how they are listed under their parent. */
  listedAs?: { type: ChildType; parentFqn: string };
}

type Body = Record<string, unknown>;

const tagsOf = (body: Body): string[] => ((body.tags as Array<{ tagFQN: string }> | undefined) ?? []).map((t) => t.tagFQN);

function child(collection: string, type: ChildType, parentFqn: string, body: Body): EntityRoute {
  const fqn = `${parentFqn}.${buildFqn(String(body.name))}`;
  return { collection, fqn, dependsOn: [parentFqn, ...tagsOf(body)], listedAs: { type, parentFqn } };
}

const ROUTES: Partial<Record<RecordType, (body: Body) => EntityRoute>> = {
  createDatabaseService: (b) => ({ collection: 'services/databaseServices', fqn: buildFqn(String(b.name)), dependsOn: [] }),
  createDatabase: (b) => child('databases', 'database', String(b.service), b),
  createDatabaseSchema: (b) => child('databaseSchemas', 'databaseSchema', String(b.database), b),
  createTable: (b) => child('tables', 'table', String(b.databaseSchema), b),
  createStoredProcedure: (b) => child('storedProcedures', 'storedProcedure', String(b.databaseSchema), b),
  createClassification: (b) => ({ collection: 'classifications', fqn: buildFqn(String(b.name)), dependsOn: [] }),
  createTag: (b) => ({
    collection: 'tags',
    fqn: `${buildFqn(String(b.classification))}.${buildFqn(String(b.name))}`,
    dependsOn: [buildFqn(String(b.classification))],
  }),
  createTestDefinition: (b) => ({ collection: 'dataQuality/testDefinitions', fqn: buildFqn(String(b.name)), dependsOn: [] }),
};

/** The route of a create record, or undefined for record types that are not entity creations. */
export function routeOf(record: OutputRecord): EntityRoute | undefined {
  return ROUTES[record.type]?.(record.data as Body);
}
