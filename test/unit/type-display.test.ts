import { describe, expect, it } from 'vitest';
import type { PgType } from '../../src/postgres/pg-type.js';
import { displayOnDefaultPath } from '../../src/postgres/type-display.js';

function type(oid: number, name: string, schema: string, extra: Partial<PgType> = {}): PgType {
  return { oid, name, schema, kind: 'e', category: 'E', element: 0, baseType: 0, baseTypmod: -1, attributes: [], ...extra };
}

const types = new Map<number, PgType>([
  [1, type(1, 'mood', 'public')],
  [2, type(2, '_mood', 'public', { kind: 'b', category: 'A', element: 1 })],
  [3, type(3, 'mood', 'sales')],
  [4, type(4, 'box', 'public', { shadowedByCatalog: true })],
  [5, type(5, 'Weird Name', 'public')],
]);

describe('dataTypeDisplay as on the default search_path', () => {
  it('drops the public qualifier that a pg_catalog-only session adds', () => {
    expect(displayOnDefaultPath('public.mood', 1, types)).toBe('mood');
    expect(displayOnDefaultPath('public.mood[]', 2, types)).toBe('mood[]');
    expect(displayOnDefaultPath('public."Weird Name"', 5, types)).toBe('"Weird Name"');
  });

  it('keeps a qualifier that the default path shows too', () => {
    expect(displayOnDefaultPath('sales.mood', 3, types)).toBe('sales.mood');
    expect(displayOnDefaultPath('public.box', 4, types)).toBe('public.box');
    expect(displayOnDefaultPath('public.unknown', 99, types)).toBe('public.unknown');
    expect(displayOnDefaultPath('integer', 23, types)).toBe('integer');
  });
});
