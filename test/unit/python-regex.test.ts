// Filter patterns: Python regexes applied like re.match(pattern, name, re.IGNORECASE), and OpenMetadata's
// include/exclude rules on top of them (NameFilter).
import { describe, expect, it } from 'vitest';
import { compilePythonRegex, regexProblem } from '../../src/config/python-regex.js';
import { NameFilter } from '../../src/metadata/name-filter.js';

const matches = (pattern: string, name: string) => compilePythonRegex(pattern).test(name);

describe('compilePythonRegex', () => {
  it('is anchored at the start only, like re.match', () => {
    expect(matches('sales', 'sales_2024')).toBe(true);
    expect(matches('sales', 'old_sales')).toBe(false);
    expect(matches('.*sales', 'old_sales')).toBe(true);
    expect(matches('^sales$', 'sales_2024')).toBe(false);
  });

  it('keeps alternations inside the anchor', () => {
    // Without a group around the pattern, `a|b` would become `^a|b` and match "xb".
    expect(matches('tmp|bak', 'xbak')).toBe(false);
    expect(matches('tmp|bak', 'bak_1')).toBe(true);
  });

  it('is case-insensitive, and accepts an inline (?i) at the start', () => {
    expect(matches('^public$', 'PUBLIC')).toBe(true);
    expect(matches('(?i)^Orders', 'orders_2024')).toBe(true);
  });

  it('translates Python named groups, backreferences and \\A \\Z', () => {
    expect(matches('(?P<prefix>[a-z]+)_(?P=prefix)$', 'abc_abc')).toBe(true);
    expect(matches('(?P<prefix>[a-z]+)_(?P=prefix)$', 'abc_abd')).toBe(false);
    expect(compilePythonRegex('(?P<year>\\d{4})').exec('2024_q1')?.groups?.year).toBe('2024');
    expect(matches('\\Afact_.*\\Z', 'fact_sales')).toBe(true);
    expect(matches('\\Afact\\Z', 'fact_sales')).toBe(false);
  });
});

describe('regexProblem', () => {
  it('is undefined for a pattern that compiles', () => {
    expect(regexProblem('^tmp_.*')).toBeUndefined();
    expect(regexProblem('(?P<n>x)')).toBeUndefined();
  });

  it('gives the reason without the wrapped JavaScript source the user never wrote', () => {
    const problem = regexProblem('(unclosed');
    expect(problem).toMatch(/unterminated group/i);
    expect(problem).not.toContain('^(?:');
    expect(problem).not.toContain('/i');
    expect(regexProblem('[z-a]')).toMatch(/range out of order/i);
    expect(regexProblem('a{2,1}')).toMatch(/out of order/i);
  });
});

describe('NameFilter', () => {
  it('keeps everything when there is no pattern', () => {
    const filter = new NameFilter(undefined);
    expect(filter.rejects('orders')).toBe(false);
    expect(new NameFilter({}).rejects('orders')).toBe(false);
    expect(new NameFilter({ includes: [], excludes: [] }).rejects('orders')).toBe(false);
  });

  it('drops names matching an exclude', () => {
    const filter = new NameFilter({ excludes: ['^tmp_', '.*_backup$'] });
    expect(filter.rejects('tmp_load')).toBe(true);
    expect(filter.rejects('orders_backup')).toBe(true);
    expect(filter.rejects('orders')).toBe(false);
    expect(filter.rejects('TMP_LOAD')).toBe(true);
  });

  it('keeps only names matching an include', () => {
    const filter = new NameFilter({ includes: ['^public$', '^sales'] });
    expect(filter.rejects('public')).toBe(false);
    expect(filter.rejects('sales_eu')).toBe(false);
    expect(filter.rejects('public2')).toBe(true);
    expect(filter.rejects('hr')).toBe(true);
  });

  it('ignores excludes entirely when includes are set', () => {
    const filter = new NameFilter({ includes: ['^sales'], excludes: ['^sales_tmp', '.*'] });
    expect(filter.rejects('sales_tmp')).toBe(false);
    expect(filter.rejects('sales')).toBe(false);
    expect(filter.rejects('hr')).toBe(true);
  });

  it('filters out an empty name', () => {
    expect(new NameFilter({ includes: ['.*'] }).rejects('')).toBe(true);
    expect(new NameFilter({ excludes: ['^x$'] }).rejects('')).toBe(true);
    expect(new NameFilter(undefined).rejects('')).toBe(true);
  });

  it('matches a fully qualified name when given one', () => {
    const filter = new NameFilter({ includes: ['svc\\.pagila\\.public\\.'] });
    expect(filter.rejects('svc.pagila.public.orders')).toBe(false);
    expect(filter.rejects('orders')).toBe(true);
  });
});
