// Typo suggestions, key paths as users read them, and the one-line issue format.
import { describe, expect, it } from 'vitest';
import { formatIssue } from '../../src/config/config-error.js';
import { didYouMean, suggestion } from '../../src/config/did-you-mean.js';
import { dottedPath, parsePointer, pathFromPointer, pointer } from '../../src/config/key-path.js';

describe('didYouMean', () => {
  const keys = ['serviceConnection', 'serviceName', 'sourceConfig', 'type'];

  it('finds the closest key for a typo, whatever the case', () => {
    expect(didYouMean('serviceConection', keys)).toBe('serviceConnection');
    expect(didYouMean('servicename', keys)).toBe('serviceName');
    expect(didYouMean('SOURCECONFIG', keys)).toBe('sourceConfig');
    expect(didYouMean('tpye', keys)).toBe('type');
  });

  it('suggests nothing when no candidate is close', () => {
    expect(didYouMean('completelyDifferent', keys)).toBeUndefined();
    expect(didYouMean('x', [])).toBeUndefined();
    expect(didYouMean('zzzz', ['type'])).toBeUndefined();
  });

  it('formats the hint for a message', () => {
    expect(suggestion('includs', ['includes', 'excludes'])).toBe("; did you mean 'includes'?");
    expect(suggestion('nothing-like-it', ['includes', 'excludes'])).toBe('');
  });
});

describe('key paths', () => {
  it('prints keys dotted and indexes bracketed', () => {
    expect(dottedPath(['source', 'sourceConfig', 'config', 'tableFilterPattern', 'includes', 1])).toBe(
      'source.sourceConfig.config.tableFilterPattern.includes[1]',
    );
    expect(dottedPath([])).toBe('');
    expect(dottedPath([0, 'a'])).toBe('[0].a');
  });

  it('round-trips JSON pointers, including escaped / and ~', () => {
    expect(pointer(['a/b', 'c~d', 2])).toBe('/a~1b/c~0d/2');
    expect(parsePointer('/a~1b/c~0d/2')).toEqual(['a/b', 'c~d', '2']);
    expect(parsePointer('')).toEqual([]);
  });

  it('reads digits as indexes only under arrays', () => {
    const doc = { list: ['x', 'y'], map: { '1': 'one' } };
    expect(pathFromPointer('/list/1', doc)).toEqual(['list', 1]);
    expect(pathFromPointer('/map/1', doc)).toEqual(['map', '1']);
  });
});

describe('formatIssue', () => {
  it('names the key path, line and column', () => {
    expect(formatIssue({ path: 'source.type', line: 2, column: 9, message: 'bad' })).toBe('source.type (line 2, col 9): bad');
    expect(formatIssue({ path: 'sink', line: 4, message: 'bad' })).toBe('sink (line 4): bad');
    expect(formatIssue({ path: '', message: 'empty' })).toBe('(top level): empty');
  });
});
