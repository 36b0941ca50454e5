import { describe, expect, it } from 'vitest';
import { storedProcedureType, withRelationshipTypes } from '../../src/sinks/newer-fields.js';

const fk = (columns: string[], referred: string[]) => ({ constraintType: 'FOREIGN_KEY', columns, referredColumns: referred });

describe('fields newer servers take', () => {
  it('tells a procedure from a function by its definition', () => {
    const code = (text: string) => ({ storedProcedureCode: { language: 'SQL', code: text } });
    expect(storedProcedureType(code('CREATE OR REPLACE PROCEDURE s.p()\n LANGUAGE plpgsql'))).toBe('StoredProcedure');
    expect(storedProcedureType(code('CREATE OR REPLACE FUNCTION s.f()\n RETURNS integer'))).toBe('Function');
    expect(storedProcedureType(code(' create procedure s.p()'))).toBe('StoredProcedure');
  });

  it('types each foreign key by the uniqueness of its first column on either side', () => {
    const body = {
      columns: [
        { name: 'id', constraint: 'PRIMARY_KEY' },
        { name: 'user_id', constraint: 'NULL' },
        { name: 'a', constraint: 'NULL' },
        { name: 'b', constraint: 'NULL' },
      ],
      tableConstraints: [
        fk(['id'], ['svc.db.s.profile.id']),
        fk(['user_id'], ['svc.db.s.users.id']),
        fk(['a', 'b'], ['svc.db.s.pairs.a', 'svc.db.s.pairs.b']),
        fk(['id', 'a'], ['svc.db.s.pairs.a', 'svc.db.s.pairs.b']),
        { constraintType: 'UNIQUE', columns: ['a', 'b'] },
      ],
    };
    const typed = withRelationshipTypes(body).tableConstraints as Array<{ relationshipType?: string }>;
    expect(typed.map((c) => c.relationshipType)).toEqual(['ONE_TO_ONE', 'MANY_TO_ONE', 'MANY_TO_MANY', 'ONE_TO_MANY', undefined]);
    expect(body.tableConstraints[0]).not.toHaveProperty('relationshipType'); // the record itself is left as it was
  });
});
