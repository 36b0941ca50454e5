// indexPositions: where every key and sequence item of a YAML text starts (1-based line and column).
import { parseEvents } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { pointer } from '../../src/config/key-path.js';
import { indexPositions, type Position } from '../../src/config/yaml-positions.js';

function positionsOf(text: string) {
  const index = indexPositions(text, parseEvents(text, {}));
  return (path: Array<string | number>): Position | undefined => index.get(pointer(path));
}

const at = (line: number, column: number) => expect.objectContaining({ line, column });

describe('indexPositions', () => {
  it('locates keys of nested block mappings at the key', () => {
    const pos = positionsOf(
      ['source:', '  type: postgres', '  sourceConfig:', '    config:', '      type: DatabaseMetadata', 'sink:', '  type: file'].join('\n'),
    );
    expect(pos([])).toEqual(at(1, 1));
    expect(pos(['source'])).toEqual(at(1, 1));
    expect(pos(['source', 'type'])).toEqual(at(2, 3));
    expect(pos(['source', 'sourceConfig', 'config'])).toEqual(at(4, 5));
    expect(pos(['source', 'sourceConfig', 'config', 'type'])).toEqual(at(5, 7));
    expect(pos(['sink', 'type'])).toEqual(at(7, 3));
    expect(pos(['nope'])).toBeUndefined();
  });

  it('locates block sequence items, including mappings inside a sequence', () => {
    const pos = positionsOf(['list:', '  - one', '  - two', '  - name: a', '    value: 1', '  -   - deep'].join('\n'));
    expect(pos(['list', 0])).toEqual(at(2, 5));
    expect(pos(['list', 1])).toEqual(at(3, 5));
    expect(pos(['list', 2])).toEqual(at(4, 5));
    expect(pos(['list', 2, 'name'])).toEqual(at(4, 5));
    expect(pos(['list', 2, 'value'])).toEqual(at(5, 5));
    expect(pos(['list', 3, 0])).toEqual(at(6, 9));
  });

  it('locates keys and items in flow style', () => {
    const pos = positionsOf(['a: {b: 1, c: [x, {d: y}]}', 'e: [10, 20]'].join('\n'));
    expect(pos(['a', 'b'])).toEqual(at(1, 5));
    expect(pos(['a', 'c'])).toEqual(at(1, 11));
    expect(pos(['a', 'c', 0])).toEqual(at(1, 15));
    expect(pos(['a', 'c', 1])).toEqual(at(1, 18));
    expect(pos(['a', 'c', 1, 'd'])).toEqual(at(1, 19));
    expect(pos(['e', 1])).toEqual(at(2, 9));
  });

  it('points at the opening quote of quoted keys and items', () => {
    const pos = positionsOf(['"quoted key": 1', 'list:', '  - "double"', "  - 'single'", '  - plain'].join('\n'));
    expect(pos(['quoted key'])).toEqual(at(1, 1));
    expect(pos(['list', 0])).toEqual(at(3, 5));
    expect(pos(['list', 1])).toEqual(at(4, 5));
    expect(pos(['list', 2])).toEqual(at(5, 5));
  });

  it('marks only unquoted scalar values as plain', () => {
    const pos = positionsOf(['a: $PORT', 'b: "$PORT"', "c: '$PORT'", 'd:', '  - $X', '  - "$X"', 'e: {f: 1}', 'g: |', '  text'].join('\n'));
    expect(pos(['a'])?.plain).toBe(true);
    expect(pos(['b'])?.plain).toBe(false);
    expect(pos(['c'])?.plain).toBe(false);
    expect(pos(['d', 0])?.plain).toBe(true);
    expect(pos(['d', 1])?.plain).toBe(false);
    expect(pos(['e'])?.plain).toBe(false);
    expect(pos(['g'])?.plain).toBe(false);
  });

  it('keeps counting lines through comments, blank lines and CRLF endings', () => {
    const pos = positionsOf('# header\r\n\r\nfirst: 1\r\n# note\r\nsecond:\r\n  third: 3\r\n');
    expect(pos(['first'])).toEqual(at(3, 1));
    expect(pos(['second', 'third'])).toEqual(at(6, 3));
  });

  it('escapes key names that contain pointer separators', () => {
    const pos = positionsOf(['"a/b": 1', '"c~d": 2'].join('\n'));
    expect(pos(['a/b'])).toEqual(at(1, 1));
    expect(pos(['c~d'])).toEqual(at(2, 1));
  });
});
