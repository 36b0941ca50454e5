import { describe, expect, it } from 'vitest';
import { isConnectionLoss, refusesThisDatabase } from '../../src/postgres/source-pool.js';

const err = (code: string | undefined, message = 'x') => Object.assign(new Error(message), { code });

describe('telling a lost session from a refused statement', () => {
  it('takes terminations, shutdowns, broken sockets and closed clients as the session lost', () => {
    for (const code of ['57P01', '57P02', '57P03', '08006', '08003', 'ECONNRESET', 'ECONNREFUSED', 'EPIPE', '3D000', '28P01']) {
      expect(isConnectionLoss(err(code)), code).toBe(true);
    }
    expect(isConnectionLoss(err(undefined, 'Connection terminated unexpectedly'))).toBe(true);
    expect(isConnectionLoss(err(undefined, 'Client has encountered a connection error and is not queryable'))).toBe(true);
  });

  it('leaves what concerns one statement or one object to that object', () => {
    // statement_timeout, lock_timeout, permission denied, out of locks, an undefined table
    for (const code of ['57014', '55P03', '42501', '53200', '42P01', undefined]) {
      expect(isConnectionLoss(err(code, 'canceling statement')), String(code)).toBe(false);
    }
  });

  it('skips a database it may not enter, but not a server that went away', () => {
    expect(refusesThisDatabase(err('28000'))).toBe(true);
    expect(refusesThisDatabase(err('42501'))).toBe(true);
    expect(refusesThisDatabase(err('3D000'))).toBe(true);
    expect(refusesThisDatabase(err('ECONNREFUSED'))).toBe(false);
    expect(refusesThisDatabase(err('57P03'))).toBe(false);
  });
});
