// A shard's name as a mapped pod's arguments carry it: UTF-8 in hex, which no Airflow template reads anything into;
// what is not such a name is refused rather than guessed at.
import { describe, expect, it } from 'vitest';
import { shardFromHex, shardToHex } from '../../src/workflow/shards.js';

describe('shard names in hex', () => {
  it('round-trips any name, template syntax and non-ASCII letters included', () => {
    for (const name of ['public', 'Beta {{ x }}', 'Ünïcode schéma', 'a"b\\c', '日本']) {
      const hex = shardToHex(name);
      expect(hex).toMatch(/^[0-9a-f]+$/);
      expect(shardFromHex(hex)).toBe(name);
      expect(shardFromHex(hex.toUpperCase())).toBe(name);
    }
  });

  it('refuses what is not hex of UTF-8: empty, odd length, other letters, invalid UTF-8', () => {
    for (const hex of ['', 'abc', 'zz', '70 75', 'ff', 'c3']) expect(shardFromHex(hex), hex).toBeUndefined();
  });
});
