// The double's recent-release mode (a server reporting 1.5 or later): owners lists instead of one owner,
// storedProcedureType and a foreign key's relationshipType accepted, and each release refusing the other's shapes.
import { describe, expect, it } from 'vitest';
import { schemaReleaseOf } from '../support/openmetadata-double/release.js';
import { validateRequest } from '../support/openmetadata-double/schema-validator.js';

const owner = { id: '3f1b6a1e-8a7f-4c55-9f4e-0d6c2f1f0a11', type: 'user' };
const table = { name: 't', databaseSchema: 'svc.db.s', columns: [{ name: 'id', dataType: 'INT' }] };
const procedure = { name: 'p', databaseSchema: 'svc.db.s', storedProcedureCode: { language: 'SQL', code: 'CREATE FUNCTION p()' } };
const foreignKey = { constraintType: 'FOREIGN_KEY', columns: ['id'], referredColumns: ['svc.db.s.u.id'] };

function refusal(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    return (error as Error).message;
  }
  return 'accepted';
}

describe('recent-release mode', () => {
  it('is chosen by the reported version', () => {
    expect(['1.4.0', '1.4.8', '1.5.0', '1.7.3', '1.13.0'].map(schemaReleaseOf)).toEqual(['1.4', '1.4', '1.7', '1.7', '1.7']);
  });

  it('takes owners lists, storedProcedureType and relationshipType, which 1.4 refuses', () => {
    expect(refusal(() => validateRequest('createTable', { ...table, owners: [owner] }, '1.7'))).toBe('accepted');
    expect(refusal(() => validateRequest('createTable', { ...table, owners: [owner] }, '1.4'))).toMatch(/Unrecognized field "owners"/);
    const typed = { ...procedure, storedProcedureType: 'Function' };
    expect(refusal(() => validateRequest('createStoredProcedure', typed, '1.7'))).toBe('accepted');
    expect(refusal(() => validateRequest('createStoredProcedure', typed, '1.4'))).toMatch(/Unrecognized field "storedProcedureType"/);
    const related = { ...table, tableConstraints: [{ ...foreignKey, relationshipType: 'MANY_TO_ONE' }] };
    expect(refusal(() => validateRequest('createTable', related, '1.7'))).toBe('accepted');
    expect(refusal(() => validateRequest('createTable', related, '1.4'))).toMatch(/Unrecognized field "relationshipType"/);
  });

  it("refuses 1.4's single owner and unknown enum values", () => {
    expect(refusal(() => validateRequest('createTable', { ...table, owner }, '1.7'))).toMatch(/Unrecognized field "owner"/);
    const bad = { ...procedure, storedProcedureType: 'Procedure' };
    expect(refusal(() => validateRequest('createStoredProcedure', bad, '1.7'))).toMatch(/storedProcedureType/);
  });
});
