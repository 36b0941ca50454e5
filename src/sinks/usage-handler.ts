import { createHash } from 'node:crypto';
import { OpenMetadataApiError } from '../openmetadata/api-errors.js';
import { buildFqn, splitFqn } from '../openmetadata/fqn.js';
import type { OpenMetadataClient } from '../openmetadata/openmetadata-client.js';
import { oncePerName } from '../util/once-per-key.js';
import type { CreateQueryData, TableJoinsData, UsageRequestData } from '../usage/usage-records.js';
import { missingTable, type TableLookup } from './table-lookup.js';
import type { DeliveryOutcome } from './lineage-handler.js';

const DAY_MS = 24 * 60 * 60 * 1000;
/** OpenMetadata takes joins starting today or up to 29 days back. */
const JOIN_DAYS_KEPT = 29;

interface StoredReference {
  id?: string;
  type?: string;
  fullyQualifiedName?: string;
  deleted?: boolean;
}

/** Each value once, the stored ones first. */
const union = (stored: readonly string[], added: readonly string[]): string[] => [...new Set([...stored, ...added])];

/**
 * Sends the usage workflow's records: queries (PUT /v1/queries, with the tables they ran against and the
 * OpenMetadata users behind the database roles), each table's daily count (POST /v1/usage/table/{id}) and joins
 * (PUT /v1/tables/{id}/joins); at the end asks the server to recompute its usage percentiles. A query the server
 * already holds keeps the users, names and tables earlier runs gave it: OpenMetadata's PUT replaces them, so they are
 * read first and sent again with this run's (OpenMetadata's own ingestion adds them to a query the same way).
 */
export class UsageHandler {
  /** A database role's OpenMetadata user, when one has its name. */
  private readonly user = oncePerName((name) => this.client.getByName('users', name).then((user) => (user ? user.fullyQualifiedName : undefined)));
  /** The last send of each query name: the same text from two databases is one query, read and written in turn. */
  private readonly querySends = new Map<string, Promise<unknown>>();
  private sentUsage = false;

  constructor(
    private readonly client: OpenMetadataClient,
    private readonly tables: TableLookup,
  ) {}

  async query(data: CreateQueryData): Promise<DeliveryOutcome> {
    const tables = await Promise.all(data.queryUsedIn.map((ref) => this.tables.get(ref.fullyQualifiedName)));
    const queryUsedIn = tables.flatMap((table) => (table ? [{ id: table.id, type: 'table' }] : []));
    if (queryUsedIn.length === 0) return { sent: false, warning: `${missingTable(data.queryUsedIn[0]?.fullyQualifiedName ?? '?')}: query not sent` };
    const users: string[] = [];
    const usedBy: string[] = [];
    for (const name of data.usedBy ?? []) {
      const user = await this.user(name);
      if (user) users.push(user);
      else usedBy.push(name);
    }
    // The server names a query by the MD5 of its text, under its service.
    const fqn = buildFqn(data.service, createHash('md5').update(data.query, 'utf8').digest('hex'));
    const previous = this.querySends.get(fqn) ?? Promise.resolve();
    const send = previous.catch(() => undefined).then(() => this.mergeAndPut(fqn, data, queryUsedIn, users, usedBy));
    this.querySends.set(fqn, send);
    const forget = () => {
      if (this.querySends.get(fqn) === send) this.querySends.delete(fqn);
    };
    send.then(forget, forget);
    await send;
    return { sent: true };
  }

  /** PUTs the query with the users, names and tables the server holds for it added to this run's. */
  private async mergeAndPut(
    fqn: string,
    data: CreateQueryData,
    queryUsedIn: Array<{ id: string; type: string }>,
    users: string[],
    usedBy: string[],
  ): Promise<void> {
    const stored = await this.client.getByName('queries', fqn, 'users,queryUsedIn,usedBy');
    const live = (refs: unknown): StoredReference[] => (Array.isArray(refs) ? (refs as StoredReference[]) : []).filter((ref) => ref.deleted !== true);
    const storedUsers = live(stored?.users).flatMap((user) => user.fullyQualifiedName ?? []);
    const storedUsedIn = live(stored?.queryUsedIn).flatMap((ref) => (ref.id && ref.type ? [{ id: ref.id, type: ref.type }] : []));
    const storedNames = Array.isArray(stored?.usedBy) ? (stored.usedBy as unknown[]).filter((n): n is string => typeof n === 'string') : [];
    const body: Record<string, unknown> = {
      ...data,
      queryUsedIn: [...new Map([...storedUsedIn, ...queryUsedIn].map((ref) => [ref.id, ref])).values()],
      users: union(storedUsers, users),
      usedBy: union(storedNames, usedBy),
    };
    if (body.duration === undefined) delete body.duration;
    await this.client.http.request('PUT', 'queries', body);
  }

  async usage(data: UsageRequestData): Promise<DeliveryOutcome> {
    const table = await this.tables.get(data.table.fullyQualifiedName);
    if (!table) return { sent: false, warning: `${missingTable(data.table.fullyQualifiedName)}: usage not sent` };
    // OpenMetadata's POST replaces the day's count and its PUT adds to it.
    await this.client.http.request(data.accumulate ? 'PUT' : 'POST', `usage/table/${encodeURIComponent(table.id)}`, data.usage);
    this.sentUsage = true;
    return { sent: true };
  }

  async joins(data: TableJoinsData): Promise<DeliveryOutcome> {
    const table = await this.tables.get(data.table.fullyQualifiedName);
    if (!table) return { sent: false, warning: `${missingTable(data.table.fullyQualifiedName)}: joins not sent` };
    if (Date.parse(`${data.joins.startDate}T00:00:00Z`) < Date.now() - JOIN_DAYS_KEPT * DAY_MS) {
      return { sent: false, warning: `joins of ${data.joins.startDate}: OpenMetadata keeps the last ${JOIN_DAYS_KEPT} days only; not sent` };
    }
    // Columns the server does not know (dropped since, or never ingested) would fail the whole request.
    const known = async (columnFqn: string): Promise<boolean> => {
      const parts = splitFqn(columnFqn);
      const other = await this.tables.get(buildFqn(...parts.slice(0, -1)));
      return other?.columns.has(columnFqn) === true;
    };
    const columnJoins = [];
    for (const join of data.joins.columnJoins) {
      if (!table.columns.has(`${data.table.fullyQualifiedName}.${buildFqn(join.columnName)}`)) continue;
      const joinedWith = [];
      for (const other of join.joinedWith) if (await known(other.fullyQualifiedName)) joinedWith.push(other);
      if (joinedWith.length > 0) columnJoins.push({ ...join, joinedWith });
    }
    if (columnJoins.length === 0)
      return { sent: false, warning: `${data.table.fullyQualifiedName}: no joined column is on the server; joins not sent` };
    await this.client.http.request('PUT', `tables/${encodeURIComponent(table.id)}/joins`, { ...data.joins, columnJoins });
    return { sent: true };
  }

  /** As OpenMetadata's bulk sink ends: the server recomputes tables' and databases' usage percentiles for today. */
  async finish(today: string): Promise<void> {
    if (!this.sentUsage) return;
    for (const entity of ['table', 'database']) {
      try {
        await this.client.http.request('POST', `usage/compute.percentile/${entity}/${today}`, undefined);
      } catch (error) {
        if (!(error instanceof OpenMetadataApiError)) throw error;
      }
    }
  }
}
