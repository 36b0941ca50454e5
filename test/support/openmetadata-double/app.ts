/**
 * The double's state: stored entities, pipeline runs, lineage edges, usage counts, join counts, compute.percentile
 * calls, data quality suites, cases and test definitions, the request log, and the settings that shape answers.
 */
import { randomUUID } from 'node:crypto';
import { quoteName } from './fqn.js';
import type { WriteContext } from './lifecycle.js';
import { LineageStore } from './lineage-store.js';
import { PipelineStatusStore } from './pipeline-statuses.js';
import { schemaReleaseOf, type SchemaRelease } from './release.js';
import { RequestLog } from './request-log.js';
import { EntityStore, type EntityRecord } from './store.js';
import { JoinStore } from './join-store.js';
import { ProfileStore } from './profile-routes.js';
import { QualityStore } from './quality-routes.js';
import { TestDefinitionStore } from './test-definitions.js';
import { UsageStore } from './usage-store.js';
import { ApiError, type JsonObject } from './types.js';

export interface AppSettings {
  /** Answered by GET /v1/system/version. */
  version: string;
  revision: string;
  /** `updatedBy` of every write. */
  principal: string;
  /** Writes come from a bot (as the ingestion-bot's JWT does): PUT then keeps non-empty descriptions. */
  updatedByBot: boolean;
  /** Keep request bodies in the request log. */
  recordBodies: boolean;
}

export interface UserOptions {
  email?: string;
  displayName?: string;
  isBot?: boolean;
  isAdmin?: boolean;
}

export type TeamType = 'Group' | 'Department' | 'Division' | 'BusinessUnit' | 'Organization';

/** One POST /v1/usage/compute.percentile/{entityType}/{date}. */
export interface PercentileRun {
  entityType: string;
  date: string;
  /** Milliseconds since epoch when it was received. */
  at: number;
}

export class DoubleApp {
  readonly store = new EntityStore();
  readonly statuses = new PipelineStatusStore();
  readonly lineage = new LineageStore();
  readonly usage = new UsageStore();
  readonly joins = new JoinStore();
  readonly profiles = new ProfileStore();
  readonly quality = new QualityStore();
  readonly testDefinitions = new TestDefinitionStore();
  readonly percentileRuns: PercentileRun[] = [];
  readonly log = new RequestLog();
  /** `http://127.0.0.1:PORT/api`, set once the server listens. */
  baseUrl = '';

  constructor(readonly settings: AppSettings) {}

  /** The release whose request and answer shapes the double speaks (from the version it reports). */
  get release(): SchemaRelease {
    return schemaReleaseOf(this.settings.version);
  }

  writeContext(): WriteContext {
    return {
      store: this.store,
      principal: this.settings.principal,
      updatedByBot: this.settings.updatedByBot,
      now: () => Date.now(),
    };
  }

  private addNamed(type: 'user' | 'team', name: string, fields: JsonObject): JsonObject {
    const fqn = quoteName(name);
    if (this.store.get(type, fqn)) throw new ApiError(409, `${type} ${name} already exists`);
    const id = randomUUID();
    const entity: JsonObject = {
      id,
      name,
      fullyQualifiedName: fqn,
      ...fields,
      version: 0.1,
      updatedAt: Date.now(),
      updatedBy: 'admin',
      deleted: false,
    };
    const record: EntityRecord = { type, id, fqn, entity };
    this.store.put(record);
    return structuredClone(entity);
  }

  addUser(name: string, options: UserOptions = {}): JsonObject {
    const fields: JsonObject = {
      email: options.email ?? `${name}@example.com`,
      isBot: options.isBot ?? false,
      isAdmin: options.isAdmin ?? false,
    };
    if (options.displayName !== undefined) fields.displayName = options.displayName;
    return this.addNamed('user', name, fields);
  }

  addTeam(name: string, teamType: TeamType = 'Group'): JsonObject {
    return this.addNamed('team', name, { teamType });
  }

  reset(): void {
    this.store.clear();
    this.statuses.clear();
    this.lineage.clear();
    this.usage.clear();
    this.joins.clear();
    this.profiles.clear();
    this.quality.clear();
    this.testDefinitions.clear();
    this.percentileRuns.length = 0;
    this.log.clear();
  }
}

export function newRevision(): string {
  return randomUUID().replace(/-/g, '').slice(0, 10);
}
