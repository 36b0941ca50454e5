import type { DatabaseMetadataPipelineConfig } from '../config/types.js';
import { assertAcceptedName, buildFqn, encodeReservedSeparators, InvalidNameError, quoteName, readableFqn } from '../openmetadata/fqn.js';
import type { TagLabel } from '../openmetadata/requests.js';
import type { CatalogReader } from '../postgres/catalog-reader.js';
import { isConnectionLoss, messageWithSqlState } from '../postgres/source-pool.js';
import type { PolicyRow, RelationRow, RoutineRow, SchemaRow } from '../postgres/catalog-rows.js';
import type { Logger } from '../util/logger.js';
import type { SourceEvent } from '../workflow/records.js';
import {
  buildCreateClassification,
  buildCreateDatabase,
  buildCreateDatabaseSchema,
  buildCreateStoredProcedure,
  buildCreateTag,
  ownerRef,
  policyTagLabel,
  routineName,
} from './entity-requests.js';
import { NameFilter } from './name-filter.js';
import { RelationBatches } from './relation-batches.js';
import { buildCreateTable } from './table-request.js';

export interface WalkOptions {
  service: string;
  pipeline: DatabaseMetadataPipelineConfig;
  classificationName: string;
  /** Tag names already emitted in this run (shared across databases so each tag is created once). */
  emittedTags: Set<string>;
  batchSize?: number;
  viewBatchSize?: number;
  /** Each database and schema as it is read, with counts and timings, at DEBUG. */
  log?: Logger;
}

const VIEW_KINDS = new Set(['v', 'm']);

function failureOf(name: string, error: unknown): SourceEvent {
  return { kind: 'failure', failure: { name, error: messageWithSqlState(error), stackTrace: (error as Error).stack } };
}

function byKey<T>(rows: T[], key: (row: T) => number): Map<number, T[]> {
  const out = new Map<number, T[]>();
  for (const row of rows) {
    const list = out.get(key(row)) ?? [];
    list.push(row);
    out.set(key(row), list);
  }
  return out;
}

/** Walks one database's catalog and yields its database, schemas, tables and routines in topological order. */
export async function* walkDatabase(reader: CatalogReader, options: WalkOptions): AsyncGenerator<SourceEvent> {
  const { service, pipeline } = options;
  const database = await reader.currentDatabase();
  try {
    assertAcceptedName(database.name, 'database');
    buildFqn(service, database.name);
  } catch (error) {
    if (!(error instanceof InvalidNameError)) throw error;
    yield failureOf(readableFqn(service, database.name), error);
    return;
  }
  yield {
    kind: 'record',
    record: {
      type: 'createDatabase',
      data: buildCreateDatabase(service, database.name, database.description),
      entityName: buildFqn(service, database.name),
    },
  };

  const fqnFilter = pipeline.useFqnForFiltering;
  const schemaFilter = new NameFilter(pipeline.schemaFilterPattern);
  const tableFilter = new NameFilter(pipeline.tableFilterPattern);

  const schemas: SchemaRow[] = [];
  const allSchemas = await reader.schemas();
  // Every schema the database has, filtered or not, for mark-deleted; told after the schemas' own records.
  const schemaScope: SourceEvent = {
    kind: 'scope',
    scope: {
      entityType: 'databaseSchema',
      parentFqn: buildFqn(service, database.name),
      // information_schema is skipped as a system schema, not gone: OpenMetadata 1.4 ingested it, so it may be stored.
      present: [...allSchemas.map((s) => s.name), 'information_schema'].map((name) => readableFqn(service, database.name, name)),
    },
  };
  for (const schema of allSchemas) {
    if (!fqnFilter && schemaFilter.rejects(schema.name)) {
      // Filtered by its bare name before any FQN is built: a name OpenMetadata cannot take is no failure if unwanted.
      yield { kind: 'filtered', name: readableFqn(service, database.name, schema.name), reason: 'Schema Filtered Out' };
      continue;
    }
    let fqn: string;
    try {
      assertAcceptedName(schema.name, 'schema');
      fqn = buildFqn(service, database.name, schema.name);
    } catch (error) {
      if (!(error instanceof InvalidNameError)) throw error;
      yield failureOf(`${buildFqn(service, database.name)}.${schema.name}`, error);
      continue;
    }
    if (schemaFilter.rejects(fqnFilter ? fqn : schema.name)) yield { kind: 'filtered', name: fqn, reason: 'Schema Filtered Out' };
    else schemas.push(schema);
  }
  if (schemas.length === 0) {
    yield schemaScope;
    return;
  }
  const schemaOids = schemas.map((s) => s.oid);

  const catalogStarted = Date.now();
  const [relations, types, policies, routines, extensionMembers] = await Promise.all([
    reader.relations(schemaOids),
    reader.types(schemaOids),
    pipeline.includeTags ? reader.policies(schemaOids) : Promise.resolve([] as PolicyRow[]),
    pipeline.includeStoredProcedures ? reader.routines(schemaOids) : Promise.resolve([] as RoutineRow[]),
    reader.extensionMembers(schemaOids),
  ]);
  options.log?.debug(
    `database ${database.name}: ${schemas.length} of ${allSchemas.length} schemas kept; ${relations.length} relations, ${types.size} types, ` +
      `${routines.length} routines, ${policies.length} policies read in ${Date.now() - catalogStarted} ms`,
  );
  const extensionMembersBySchema = byKey(extensionMembers, (m) => m.schemaOid);

  const kept = new Map<number, RelationRow[]>();
  // Every relation the source has, filtered or not: what mark-deleted compares the server against.
  const presentBySchema = new Map<number, string[]>();
  const keptInOrder: RelationRow[] = [];
  const filtered: SourceEvent[] = [];
  const schemaById = new Map(schemas.map((s) => [s.oid, s]));
  for (const relation of relations) {
    const schema = schemaById.get(relation.schemaOid) as SchemaRow;
    const fqn = buildFqn(service, database.name, schema.name, encodeReservedSeparators(relation.name));
    const present = presentBySchema.get(schema.oid) ?? [];
    present.push(fqn);
    presentBySchema.set(schema.oid, present);
    const isView = VIEW_KINDS.has(relation.kind);
    if (isView ? !pipeline.includeViews : !pipeline.includeTables) {
      filtered.push({
        kind: 'filtered',
        name: fqn,
        reason: isView ? 'View Filtered Out (includeViews: false)' : 'Table Filtered Out (includeTables: false)',
      });
    } else if (tableFilter.rejects(fqnFilter ? fqn : relation.name)) {
      filtered.push({ kind: 'filtered', name: fqn, reason: 'Table Filtered Out' });
    } else {
      const list = kept.get(schema.oid) ?? [];
      list.push(relation);
      kept.set(schema.oid, list);
    }
  }
  yield* filtered;
  for (const schema of schemas) keptInOrder.push(...(kept.get(schema.oid) ?? []));

  const batches = new RelationBatches(reader, keptInOrder, {
    batchSize: options.batchSize ?? 1000,
    viewBatchSize: options.viewBatchSize ?? 250,
    includeDDL: pipeline.includeDDL,
  });
  const policiesByTable = byKey(policies, (p) => p.tableOid);
  const routinesBySchema = byKey(routines, (r) => r.schemaOid);

  for (const schema of schemas) {
    const schemaStarted = Date.now();
    const schemaFqn = buildFqn(service, database.name, schema.name);
    yield {
      kind: 'record',
      record: {
        type: 'createDatabaseSchema',
        data: buildCreateDatabaseSchema(service, database.name, schema.name, schema.description),
        entityName: schemaFqn,
      },
    };

    for (const relation of kept.get(schema.oid) ?? []) {
      const name = `${schemaFqn}.${quoteName(encodeReservedSeparators(relation.name))}`;
      try {
        const details = await batches.details(relation);
        if (details.error) throw details.error;
        if (details.defaultsError) yield { kind: 'warning', name, message: `DDL left out: ${details.defaultsError.message}` };
        const tags: TagLabel[] = [];
        for (const policy of policiesByTable.get(relation.oid) ?? []) {
          const label = policyTagLabel(options.classificationName, policy.name);
          if (!options.emittedTags.has(label.tagFQN)) {
            if (options.emittedTags.size === 0) {
              yield {
                kind: 'record',
                record: {
                  type: 'createClassification',
                  data: buildCreateClassification(options.classificationName),
                  entityName: quoteName(options.classificationName),
                },
              };
            }
            options.emittedTags.add(label.tagFQN);
            yield {
              kind: 'record',
              record: { type: 'createTag', data: buildCreateTag(options.classificationName, policy.name), entityName: label.tagFQN },
            };
          }
          tags.push(label);
        }
        const data = buildCreateTable(
          {
            relation,
            columns: details.columns,
            constraints: details.constraints,
            viewDefinition: details.viewDefinition,
            defaults: details.defaults,
            tags,
            owner: pipeline.includeOwners ? ownerRef(relation.owner) : undefined,
          },
          { service, database: database.name, schema: schema.name, types },
          { includeDDL: pipeline.includeDDL },
        );
        yield { kind: 'record', record: { type: 'createTable', data, entityName: name } };
      } catch (error) {
        if (isConnectionLoss(error)) throw error;
        yield failureOf(name, error);
      }
    }

    // What an extension owns is skipped, not gone: OpenMetadata's own ingestion may have stored it.
    const members = extensionMembersBySchema.get(schema.oid) ?? [];
    const memberFqns = (kind: 'relation' | 'routine') =>
      members
        .filter((m) => m.kind === kind)
        .flatMap((m) => (kind === 'routine' ? [m.name, `${m.name}(${m.arguments})`] : [m.name]))
        .map((name) => readableFqn(service, database.name, schema.name, encodeReservedSeparators(name)));
    const presentTables = [...(presentBySchema.get(schema.oid) ?? []), ...memberFqns('relation')];
    yield { kind: 'scope', scope: { entityType: 'table', parentFqn: schemaFqn, present: presentTables } };

    const schemaRoutines = routinesBySchema.get(schema.oid) ?? [];
    const nameCounts = new Map<string, number>();
    for (const routine of schemaRoutines) nameCounts.set(routine.name, (nameCounts.get(routine.name) ?? 0) + 1);
    for (const routine of schemaRoutines) {
      const overloaded = (nameCounts.get(routine.name) ?? 0) > 1;
      const name = `${schemaFqn}.${routineName(routine, overloaded)}`;
      try {
        assertAcceptedName(routine.name, 'stored procedure');
        const owner = pipeline.includeOwners ? ownerRef(routine.owner) : undefined;
        const data = buildCreateStoredProcedure(service, database.name, schema.name, routine, overloaded, owner);
        yield {
          kind: 'record',
          record: { type: 'createStoredProcedure', data, entityName: buildFqn(service, database.name, schema.name, data.name) },
        };
      } catch (error) {
        yield failureOf(name, error);
      }
    }
    options.log?.debug(
      `schema ${schemaFqn}: ${kept.get(schema.oid)?.length ?? 0} relations (${presentBySchema.get(schema.oid)?.length ?? 0} in the source), ` +
        `${schemaRoutines.length} routines, read and built in ${Date.now() - schemaStarted} ms`,
    );
    if (pipeline.includeStoredProcedures) {
      const present = schemaRoutines.map((routine) =>
        buildFqn(service, database.name, schema.name, routineName(routine, (nameCounts.get(routine.name) ?? 0) > 1)),
      );
      present.push(...memberFqns('routine'));
      yield { kind: 'scope', scope: { entityType: 'storedProcedure', parentFqn: schemaFqn, present } };
    }
  }
  yield schemaScope;
}
