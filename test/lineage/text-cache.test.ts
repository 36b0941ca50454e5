import { describe, expect, it } from 'vitest';
import { TextCache } from '../../src/lineage/text-cache.js';

describe('TextCache', () => {
  it('computes a text once per scope, and starts a scope afresh past its limit', () => {
    const cache = new TextCache<number>(2);
    let computed = 0;
    const analyse = (scope: string, text: string) => cache.resolve(scope, text, () => ++computed);
    expect(analyse('public', 'SELECT 1')).toBe(1);
    expect(analyse('public', 'SELECT 1')).toBe(1);
    // The same text under another search path or role is another statement.
    expect(analyse('sales', 'SELECT 1')).toBe(2);
    expect(analyse('public', 'SELECT 2')).toBe(3);
    expect(analyse('public', 'SELECT 3')).toBe(4);
    // The scope held two entries when SELECT 3 came: it started afresh, so SELECT 1 is computed again.
    expect(analyse('public', 'SELECT 1')).toBe(5);
    expect(analyse('public', 'SELECT 3')).toBe(4);
  });
});
