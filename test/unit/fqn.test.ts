// OpenMetadata's fully qualified names: quoting of parts with dots, splitting, reserved separators.
import { describe, expect, it } from 'vitest';
import { buildFqn, encodeReservedSeparators, InvalidNameError, quoteName, splitFqn } from '../../src/openmetadata/fqn.js';

describe('quoteName', () => {
  it('leaves a name without dots as it is', () => {
    expect(quoteName('orders')).toBe('orders');
    expect(quoteName('Order Items')).toBe('Order Items');
    expect(quoteName('')).toBe('');
  });

  it('quotes a name that contains a dot', () => {
    expect(quoteName('v1.orders')).toBe('"v1.orders"');
  });

  it('keeps an already quoted name with a dot, and unquotes one without', () => {
    expect(quoteName('"v1.orders"')).toBe('"v1.orders"');
    expect(quoteName('"orders"')).toBe('orders');
  });

  it('rejects a name with a stray double quote', () => {
    expect(() => quoteName('say "hi"')).toThrow(InvalidNameError);
    expect(() => quoteName('a"b')).toThrow(/cannot contain a double quote/);
  });
});

describe('buildFqn and splitFqn', () => {
  it('joins parts with dots, quoting the ones that have dots', () => {
    expect(buildFqn('svc', 'pagila', 'public', 'orders')).toBe('svc.pagila.public.orders');
    expect(buildFqn('svc.prod', 'db', 'my.schema', 't')).toBe('"svc.prod".db."my.schema".t');
  });

  it('splits honouring quoted parts', () => {
    expect(splitFqn('svc.pagila.public.orders')).toEqual(['svc', 'pagila', 'public', 'orders']);
    expect(splitFqn('"svc.prod".db."my.schema".t')).toEqual(['svc.prod', 'db', 'my.schema', 't']);
    expect(splitFqn('single')).toEqual(['single']);
  });

  it('round-trips', () => {
    const parts = ['svc', 'a.b', 'c', 'd.e.f'];
    expect(splitFqn(buildFqn(...parts))).toEqual(parts);
  });
});

describe('encodeReservedSeparators', () => {
  it('replaces ::, > and " with OpenMetadata\'s reserved words', () => {
    expect(encodeReservedSeparators('a::b')).toBe('a__reserved__colon__b');
    expect(encodeReservedSeparators('x>y')).toBe('x__reserved__arrow__y');
    expect(encodeReservedSeparators('say "hi"')).toBe('say __reserved__quote__hi__reserved__quote__');
    expect(encodeReservedSeparators('plain_name')).toBe('plain_name');
  });

  it('makes a name with quotes usable in an FQN', () => {
    expect(buildFqn('svc', 'db', 'public', encodeReservedSeparators('odd"name'))).toBe('svc.db.public.odd__reserved__quote__name');
  });

  it('leaves a single colon alone', () => {
    expect(encodeReservedSeparators('a:b')).toBe('a:b');
  });
});
