/**
 * Join counts as OpenMetadata 1.4 keeps them (TableRepository.addJoinedWith, `field_relationship` rows of relation
 * JOINED_WITH): one row per unordered pair of column FQNs (relation type `table.columns.column`) or table FQNs
 * (`table`), the alphabetically smaller FQN first, carrying a list of daily counts. Writing a day again replaces that
 * day's count; days outside the last 30 are dropped on every write. A row is visible from both of its ends, so a join
 * reported for one table also shows on the table it joined.
 */
import { inLast30Days } from './dates.js';
import { isBelow, splitFqn } from './fqn.js';
import { compareStrings, type JsonObject } from './types.js';

export type JoinKind = 'column' | 'table';

interface JoinRow {
  kind: JoinKind;
  from: string;
  to: string;
  /** date → count, as the row's dailyCount list. */
  days: Map<string, number>;
}

const key = (kind: JoinKind, from: string, to: string) => `${kind}\u0000${from}\u0000${to}`;

export class JoinStore {
  private readonly rows = new Map<string, JoinRow>();

  /** Records `count` joins between `fqn` and `other` on `date` (replacing that day's count). */
  add(kind: JoinKind, fqn: string, other: string, date: string, count: number): void {
    const [from, to] = compareStrings(fqn, other) < 0 ? [fqn, other] : [other, fqn];
    const k = key(kind, from, to);
    const row = this.rows.get(k) ?? { kind, from, to, days: new Map<string, number>() };
    row.days.set(date, count);
    for (const day of [...row.days.keys()]) if (!inLast30Days(day)) row.days.delete(day);
    row.days = new Map([...row.days].sort(([a], [b]) => compareStrings(a, b)));
    this.rows.set(k, row);
  }

  /**
   * TableRepository.getJoins: the table's column joins grouped by its local column name and its direct table joins,
   * each with the sum of the counts of the last 30 days (zero when they are all older). Ordered by column name and
   * FQN here; upstream's order is the database's.
   */
  joinsOf(tableFqn: string): { columnJoins: JsonObject[]; directTableJoins: JsonObject[] } {
    const byColumn = new Map<string, JsonObject[]>();
    const direct: JsonObject[] = [];
    for (const row of this.rows.values()) {
      const joinCount = [...row.days].filter(([day]) => inLast30Days(day)).reduce((sum, [, count]) => sum + count, 0);
      const ends: Array<[string, string]> = [
        [row.from, row.to],
        [row.to, row.from],
      ];
      for (const [near, far] of ends) {
        if (row.kind === 'table') {
          if (near === tableFqn) direct.push({ fullyQualifiedName: far, joinCount });
        } else if (isBelow(near, tableFqn)) {
          const column = splitFqn(near)[4] ?? near;
          const list = byColumn.get(column) ?? [];
          list.push({ fullyQualifiedName: far, joinCount });
          byColumn.set(column, list);
        }
        if (row.from === row.to) break;
      }
    }
    const byFqn = (a: JsonObject, b: JsonObject) => compareStrings(String(a.fullyQualifiedName), String(b.fullyQualifiedName));
    return {
      columnJoins: [...byColumn]
        .sort(([a], [b]) => compareStrings(a, b))
        .map(([columnName, joinedWith]) => ({ columnName, joinedWith: joinedWith.sort(byFqn) })),
      directTableJoins: direct.sort(byFqn),
    };
  }

  /** Every row with its daily counts (oldest first), for tests. */
  all(): Array<{ kind: JoinKind; from: string; to: string; dailyCount: Array<{ date: string; count: number }> }> {
    return [...this.rows.values()].map((row) => ({
      kind: row.kind,
      from: row.from,
      to: row.to,
      dailyCount: [...row.days].map(([date, count]) => ({ date, count })),
    }));
  }

  /** Drops every row with an end at or below `fqn` (the cleanup of a hard-deleted table, fieldRelationshipDAO.deleteAllByPrefix). */
  removeBelow(fqn: string): void {
    for (const [k, row] of this.rows) {
      if ([row.from, row.to].some((end) => end === fqn || isBelow(end, fqn))) this.rows.delete(k);
    }
  }

  clear(): void {
    this.rows.clear();
  }
}
