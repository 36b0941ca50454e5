/**
 * The test definitions the double holds, by FQN (the quoted name): those every OpenMetadata server ships for tables
 * and columns (the ones a Postgres table can take; provider `system`) and those clients create (provider `user`).
 * Kept in 1.4's shape (one `owner`), as the entity store keeps its entities.
 */
import { randomUUID } from 'node:crypto';
import { quoteName } from './fqn.js';
import { cloneJson, type JsonObject } from './types.js';

const SHIPPED: readonly string[] = [
  'tableRowCountToBeBetween',
  'tableRowCountToEqual',
  'tableColumnCountToBeBetween',
  'tableColumnCountToEqual',
  'tableColumnNameToExist',
  'tableColumnToMatchSet',
  'tableRowInsertedCountToBeBetween',
  'tableCustomSQLQuery',
  'tableDiff',
  'columnValuesToBeNotNull',
  'columnValuesToBeUnique',
  'columnValuesToBeBetween',
  'columnValuesToMatchRegex',
  'columnValuesToNotMatchRegex',
  'columnValuesToBeInSet',
  'columnValuesToBeNotInSet',
  'columnValueLengthsToBeBetween',
  'columnValueMaxToBeBetween',
  'columnValueMinToBeBetween',
  'columnValueMeanToBeBetween',
  'columnValueMedianToBeBetween',
  'columnValueStdDevToBeBetween',
  'columnValuesSumToBeBetween',
  'columnValuesMissingCount',
];

export interface StoredDefinition {
  id: string;
  fqn: string;
  /** The entity with every field, owner included. */
  entity: JsonObject;
}

/**
 * A shipped definition as the double answers it: its name, entity type, platform and provider; the description is the
 * double's own and the parameter definitions are not restated.
 */
function shipped(name: string): StoredDefinition {
  const id = randomUUID();
  const entityType = name.startsWith('table') ? 'TABLE' : 'COLUMN';
  const entity: JsonObject = {
    id,
    name,
    fullyQualifiedName: name,
    description: `The ${name} test OpenMetadata ships for ${entityType === 'TABLE' ? 'tables' : 'columns'}.`,
    entityType,
    testPlatforms: ['OpenMetadata'],
    provider: 'system',
    version: 0.1,
    updatedAt: Date.now(),
    updatedBy: 'admin',
    deleted: false,
  };
  return { id, fqn: name, entity };
}

export class TestDefinitionStore {
  private readonly byFqn = new Map<string, StoredDefinition>();

  constructor() {
    this.seed();
  }

  private seed(): void {
    for (const name of SHIPPED) this.byFqn.set(name, shipped(name));
  }

  /** By FQN, exactly as a `/name/{fqn}` path or a test case's `testDefinition` gives it. */
  get(fqn: string): StoredDefinition | undefined {
    return this.byFqn.get(fqn);
  }

  getById(id: string): StoredDefinition | undefined {
    return [...this.byFqn.values()].find((d) => d.id === id);
  }

  /** A copy of the stored entity, by the definition's name (quoted into its FQN here). */
  snapshot(name: string): JsonObject | undefined {
    const stored = this.byFqn.get(quoteName(name));
    return stored && cloneJson(stored.entity);
  }

  put(definition: StoredDefinition): void {
    this.byFqn.set(definition.fqn, definition);
  }

  /** Forgets what clients created; the shipped definitions are there again. */
  clear(): void {
    this.byFqn.clear();
    this.seed();
  }
}
