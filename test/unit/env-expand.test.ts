// expandEnvironment: `${VAR}` and `$VAR` inside string values, retyping plain whole references, `$$` as a dollar.
import { load, parseEvents } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import type { ConfigIssue } from '../../src/config/config-error.js';
import { expandEnvironment, type Environment } from '../../src/config/env-expand.js';
import { indexPositions } from '../../src/config/yaml-positions.js';

function expand(text: string, env: Environment): { value: Record<string, unknown>; issues: ConfigIssue[] } {
  const positions = indexPositions(text, parseEvents(text, {}));
  const issues: ConfigIssue[] = [];
  const value = expandEnvironment(load(text), env, positions, issues) as Record<string, unknown>;
  return { value, issues };
}

describe('expandEnvironment', () => {
  it('replaces braced and bare references inside a value', () => {
    const { value, issues } = expand('url: "http://${HOST}:$PORT/api"\nuser: ${USER_NAME}_ro\n', {
      HOST: 'om.local',
      PORT: '8585',
      USER_NAME: 'etl',
    });
    expect(issues).toEqual([]);
    expect(value).toEqual({ url: 'http://om.local:8585/api', user: 'etl_ro' });
  });

  it('turns a plain whole reference into the YAML type of its value', () => {
    const { value } = expand('port: $PORT\nflag: ${FLAG}\nratio: $RATIO\nname: $NAME\n', {
      PORT: '5432',
      FLAG: 'true',
      RATIO: '0.5',
      NAME: 'pagila',
    });
    expect(value.port).toBe(5432);
    expect(value.flag).toBe(true);
    expect(value.ratio).toBe(0.5);
    expect(value.name).toBe('pagila');
  });

  it('keeps a quoted reference a string, as YAML would have', () => {
    const { value } = expand('a: "$PORT"\nb: \'${PORT}\'\nc: port $PORT\n', { PORT: '5432' });
    expect(value).toEqual({ a: '5432', b: '5432', c: 'port 5432' });
  });

  it('never turns a value into a mapping or list, whatever the variable holds', () => {
    const { value } = expand('a: $V\nb: $W\n', { V: 'x: 1', W: '[1, 2]' });
    expect(value).toEqual({ a: 'x: 1', b: '[1, 2]' });
  });

  it('leaves $$ as written and does not expand what follows it', () => {
    const { value, issues } = expand('a: "pa$$word"\nb: $$HOME\nc: "cost: 5$"\nd: "$1 and ${"\n', { HOME: '/root', word: 'no' });
    expect(issues).toEqual([]);
    expect(value).toEqual({ a: 'pa$$word', b: '$$HOME', c: 'cost: 5$', d: '$1 and ${' });
  });

  it('expands inside sequences and nested mappings, leaving numbers and booleans alone', () => {
    const { value } = expand('list:\n  - $A\n  - "${A}x"\nnested:\n  deep: {k: $A, n: 3, t: true}\n', { A: '7' });
    expect(value).toEqual({ list: [7, '7x'], nested: { deep: { k: 7, n: 3, t: true } } });
  });

  it('reports each missing variable by name with the line and column of its key', () => {
    const text = [
      'source:',
      '  serviceConnection:',
      '    password: ${PG_PASSWORD}',
      '    hostPort: "$PG_HOST:$PG_PORT"',
      'list:',
      '  - $MISSING_ITEM',
    ].join('\n');
    const { issues } = expand(text, { PG_PORT: '5432' });
    expect(issues).toEqual([
      { path: 'source.serviceConnection.password', line: 3, column: 5, message: 'environment variable PG_PASSWORD is not set' },
      { path: 'source.serviceConnection.hostPort', line: 4, column: 5, message: 'environment variable PG_HOST is not set' },
      { path: 'list[0]', line: 6, column: 5, message: 'environment variable MISSING_ITEM is not set' },
    ]);
  });

  it('treats an empty variable as set', () => {
    const { value, issues } = expand('a: "x${EMPTY}y"\n', { EMPTY: '' });
    expect(issues).toEqual([]);
    expect(value.a).toBe('xy');
  });
});
