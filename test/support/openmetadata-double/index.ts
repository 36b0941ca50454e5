/**
 * An in-process HTTP double of the OpenMetadata 1.4 REST API, for testing the metadata-rest sink without the Java
 * server. It validates request bodies against its own compact copies of OpenMetadata's JSON Schemas plus the checks
 * the server makes in code, stores entities with OpenMetadata's FQN, versioning and soft-delete rules, pages listings
 * with cursors, and can inject latency, 503s, 429 bursts, cut responses and a vanished server.
 *
 *   const om = await startOpenMetadataDouble({ token: 'secret' });
 *   await fetch(`${om.baseUrl}/v1/system/version`);
 *   om.get('table', 'svc.db.public.orders');
 *   await om.stop();
 */
import { DoubleApp, newRevision, type PercentileRun, type TeamType, type UserOptions } from './app.js';
import { FaultInjector, type FaultOptions } from './faults.js';
import { ListeningServer } from './http-server.js';
import { kindOf } from './entity-kinds.js';
import { projectRecord, tableJoins } from './projection.js';
import { findByName, included, type Include } from './references.js';
import { createRequestListener } from './request-handler.js';
import { schemaReleaseOf } from './release.js';
import { loadSchemas } from './schema-validator.js';
import type { DoubleCounters, RequestRecord } from './request-log.js';
import { isJsonObject, type EntityType, type JsonObject } from './types.js';

export type { EntityType, JsonObject, JsonValue } from './types.js';
export type { FaultOptions } from './faults.js';
export type { DoubleCounters, RequestRecord, FaultKind } from './request-log.js';
export type { Include } from './references.js';
export type { PercentileRun, TeamType, UserOptions } from './app.js';

/** One end of a stored lineage edge. */
export interface LineageEnd {
  id: string;
  type: EntityType;
  fullyQualifiedName: string;
}

/** A stored lineage edge, as `om.lineageEdges()` reports it. */
export interface LineageEdge {
  fromEntity: LineageEnd;
  toEntity: LineageEnd;
  /** What the server stored (defaults filled in, pipeline resolved); null for a 1.4 edge added without details. */
  lineageDetails: JsonObject | null;
}

/** One day of an entity's stored usage, as `om.tableUsage()` reports it. */
export interface UsageDay {
  /** `YYYY-MM-DD`. */
  date: string;
  /** The day's count (dailyStats.count). */
  count: number;
  /** The 7-day rolling count stored with the day (weeklyStats.count). */
  weeklyCount: number;
  /** The 30-day rolling count stored with the day (monthlyStats.count). */
  monthlyCount: number;
  /** dailyStats.percentileRank once compute.percentile ran for the day, else null (answered as 0). */
  percentileRank: number | null;
}

/** The kinds whose usage the double keeps: tables, and the schemas and databases their usage rolls up to. */
export type UsageEntityType = 'table' | 'databaseSchema' | 'database';

export interface OpenMetadataDoubleOptions extends FaultOptions {
  /** Port to listen on (default 0: any free port). */
  port?: number;
  /** Interface to listen on (default 127.0.0.1). */
  host?: string;
  /**
   * Version answered by GET /v1/system/version (default 1.4.0). From 1.5 on, the double speaks a recent release's
   * shapes (owners lists, storedProcedureType, relationshipType; see release.ts).
   */
  version?: string;
  /** When set, every request except GET /v1/system/version needs `Authorization: Bearer <token>`. */
  token?: string;
  /** A second token that may only read (writes answer 403). */
  readOnlyToken?: string;
  /** `updatedBy` of writes (default `ingestion-bot`). */
  principal?: string;
  /**
   * Whether the writer is a bot (default true, like the ingestion-bot JWT): OpenMetadata then keeps a stored non-empty
   * description/displayName and the extension on PUT instead of overwriting them.
   */
  updatedByBot?: boolean;
  /** Keep each request's parsed JSON body in `requests` (default true; turn off for very large runs). */
  recordBodies?: boolean;
}

export interface OpenMetadataDouble {
  /** `http://127.0.0.1:PORT/api`; endpoints live under `${baseUrl}/v1`. */
  readonly baseUrl: string;
  readonly port: number;
  /** Closes the server and every connection. */
  stop(): Promise<void>;

  /** Changes any fault setting while running (same fields as the start options). */
  setFaults(options: FaultOptions): void;
  setLatency(ms: number): void;
  /** Fraction of requests answered 503; a seed restarts the deterministic sequence. */
  setFailRate(rate: number, seed?: number): void;
  /** The next `requests` requests are answered 429 with `Retry-After: retryAfterSeconds` (default 1). */
  rateLimit(requests: number, retryAfterSeconds?: number): void;
  /** Fraction of responses cut mid-body; `appliesChange` (default true) whether the request was processed anyway. */
  setDropRate(rate: number, options?: { appliesChange?: boolean; seed?: number }): void;
  /** Stops accepting connections and destroys the open ones, like a server that died. */
  goAway(): Promise<void>;
  /** Listens again on the same port, state intact. */
  comeBack(): Promise<void>;

  /** Adds a user (for `owner` references); answers the stored user. */
  addUser(name: string, options?: UserOptions): JsonObject;
  /** Adds a team (default type Group, the only type that may own entities). */
  addTeam(name: string, teamType?: TeamType): JsonObject;

  /** Stored entities of a type with every field (default include: all, soft-deleted ones too). */
  entities(type: EntityType, options?: { include?: Include }): JsonObject[];
  /** The stored entity by FQN, whatever its deleted flag. */
  get(type: EntityType, fqn: string): JsonObject | undefined;
  /** PipelineStatus records of an ingestion pipeline, oldest first. */
  pipelineStatuses(pipelineFqn: string): JsonObject[];
  /** Every stored lineage edge, in the order each (from, to) pair was first written, with both ends' FQNs. */
  lineageEdges(): LineageEdge[];
  /** Stored queries (by name), every field, `users` and `queryUsedIn` as references to what still exists. */
  queries(): JsonObject[];
  /** A table's stored usage, oldest day first ([] for an unknown table). */
  tableUsage(tableFqn: string): UsageDay[];
  /** Stored usage of a table, schema or database (a table's usage is added to its schema's and database's). */
  usage(type: UsageEntityType, fqn: string): UsageDay[];
  /** A table's joins as `GET /tables/name/{fqn}?fields=joins` shows them (undefined for an unknown table). */
  tableJoins(tableFqn: string): JsonObject | undefined;
  /** Every POST /v1/usage/compute.percentile/{entityType}/{date}, in arrival order. */
  percentileRuns(): PercentileRun[];
  /** The CreateTableProfileRequest bodies a table was sent, oldest first. */
  tableProfiles(tableFqn: string): JsonObject[];
  /** The sample rows a table holds (the last PUT). */
  sampleData(tableFqn: string): JsonObject | undefined;
  /** A test case as created, with its results in arrival order (undefined for an unknown case). */
  testCase(fqn: string): { body: JsonObject; results: JsonObject[] } | undefined;
  /** Names of the test suites created. */
  testSuites(): string[];
  /** The DataModel stored on a table (as the last PUT …/dataModel sent it, blank SQL kept), or undefined. */
  dataModel(tableFqn: string): JsonObject | undefined;
  /** A test definition by name, shipped or created, every field in 1.4's shape (undefined for an unknown one). */
  testDefinition(name: string): JsonObject | undefined;
  /** Every request received since start (or the last reset/clearRequests), in arrival order. */
  readonly requests: readonly RequestRecord[];
  readonly counters: DoubleCounters;
  /** Requests received and not answered yet (e.g. waiting out latencyMs). */
  readonly inFlight: number;
  /** Empties the request log and counters only. */
  clearRequests(): void;
  /**
   * Forgets every entity, pipeline status, lineage edge, usage count, join, compute.percentile call, request and
   * counter, and restores the start fault settings.
   */
  reset(): void;
}

export async function startOpenMetadataDouble(options: OpenMetadataDoubleOptions = {}): Promise<OpenMetadataDouble> {
  const version = options.version ?? process.env.OMGEN_TEST_OM_VERSION ?? '1.4.0';
  loadSchemas(schemaReleaseOf(version));
  const app = new DoubleApp({
    version,
    revision: newRevision(),
    principal: options.principal ?? 'ingestion-bot',
    updatedByBot: options.updatedByBot ?? true,
    recordBodies: options.recordBodies ?? true,
  });
  const startFaults: FaultOptions = {
    latencyMs: options.latencyMs ?? 0,
    failRate: options.failRate ?? 0,
    seed: options.seed ?? 1,
    rateLimit: options.rateLimit ?? { requests: 0 },
    dropRate: options.dropRate ?? 0,
    dropAppliesChange: options.dropAppliesChange ?? true,
    echoBodies: options.echoBodies ?? false,
  };
  const faults = new FaultInjector(startFaults);
  const auth = { token: options.token, readOnlyToken: options.readOnlyToken, readOnlyPrincipal: 'read-only-user' };
  const host = options.host ?? '127.0.0.1';
  const server = new ListeningServer(createRequestListener({ app, faults, auth }), host);
  const port = await server.listen(options.port ?? 0);
  const baseUrl = `http://${host.includes(':') ? `[${host}]` : host}:${port}/api`;
  app.baseUrl = baseUrl;

  const snapshot = (type: EntityType, record: Parameters<typeof projectRecord>[2]) => projectRecord(app, kindOf(type), record, 'all');
  const usageOf = (type: UsageEntityType, fqn: string): UsageDay[] => {
    const record = findByName(app.store, type, fqn, 'all');
    if (!record) return [];
    return app.usage.all(record.id).map((row) => ({
      date: row.date,
      count: row.count1,
      weeklyCount: row.count7,
      monthlyCount: row.count30,
      percentileRank: row.percentile1,
    }));
  };

  return {
    baseUrl,
    port,
    stop: () => server.close(),
    setFaults: (next) => faults.set(next),
    setLatency: (ms) => faults.set({ latencyMs: ms }),
    setFailRate: (rate, seed) => faults.set({ failRate: rate, seed }),
    rateLimit: (requests, retryAfterSeconds) => faults.rateLimit(requests, retryAfterSeconds),
    setDropRate: (rate, dropOptions) =>
      faults.set({ dropRate: rate, dropAppliesChange: dropOptions?.appliesChange ?? true, seed: dropOptions?.seed }),
    goAway: () => server.close(),
    comeBack: async () => {
      if (!server.isListening) await server.listen(port);
    },
    addUser: (name, userOptions) => app.addUser(name, userOptions),
    addTeam: (name, teamType) => app.addTeam(name, teamType),
    entities: (type, listOptions) =>
      app.store
        .all(type)
        .filter((r) => included(r, listOptions?.include ?? 'all'))
        .map((r) => snapshot(type, r)),
    get: (type, fqn) => {
      const record = findByName(app.store, type, fqn, 'all');
      return record && snapshot(type, record);
    },
    pipelineStatuses: (pipelineFqn) => app.statuses.list(pipelineFqn),
    lineageEdges: () => {
      app.lineage.prune(app.store);
      const end = (id: string, type: EntityType): LineageEnd => ({ id, type, fullyQualifiedName: app.store.getById(id)?.fqn ?? '' });
      return app.lineage.all().map((edge) => ({
        fromEntity: end(edge.fromId, edge.fromType),
        toEntity: end(edge.toId, edge.toType),
        lineageDetails: edge.details && structuredClone(edge.details),
      }));
    },
    queries: () => app.store.allSorted('query').map((r) => snapshot('query', r)),
    tableUsage: (tableFqn) => usageOf('table', tableFqn),
    usage: usageOf,
    tableJoins: (tableFqn) => (findByName(app.store, 'table', tableFqn, 'all') ? tableJoins(app, tableFqn) : undefined),
    percentileRuns: () => app.percentileRuns.map((run) => ({ ...run })),
    tableProfiles: (tableFqn) => app.profiles.profilesOf(tableFqn),
    sampleData: (tableFqn) => app.profiles.sampleOf(tableFqn),
    testCase: (fqn) => {
      const stored = app.quality.cases.get(fqn);
      return stored && structuredClone({ body: stored.body, results: stored.results });
    },
    testSuites: () => [...app.quality.suites.keys()],
    dataModel: (tableFqn) => {
      const dataModel = findByName(app.store, 'table', tableFqn, 'all')?.entity.dataModel;
      return isJsonObject(dataModel) ? structuredClone(dataModel) : undefined;
    },
    testDefinition: (name) => app.testDefinitions.snapshot(name),
    get requests() {
      return app.log.requests;
    },
    get counters() {
      return app.log.counters;
    },
    get inFlight() {
      return app.log.inFlight;
    },
    clearRequests: () => app.log.clear(),
    reset: () => {
      app.reset();
      faults.set(startFaults);
    },
  };
}
