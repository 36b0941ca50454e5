// PII tagging measured on a labelled fixture of 100+ columns (names and values), false positives included. The
// figures are printed; the thresholds keep them from sliding.
import { describe, expect, it } from 'vitest';
import { classifyColumn } from '../../src/profiler/pii/classify-column.js';
import { contentVerdict, ibanValid, luhnValid } from '../../src/profiler/pii/content-rules.js';
import { nameWords } from '../../src/profiler/pii/name-rules.js';
import { piiFixture } from './pii-fixture.js';

describe('PII classification', () => {
  it('reaches its precision and recall on the labelled fixture', () => {
    const fixture = piiFixture();
    expect(fixture.length).toBeGreaterThanOrEqual(100);
    let tp = 0;
    let fp = 0;
    let fn = 0;
    const wrong: string[] = [];
    for (const column of fixture) {
      const verdict = classifyColumn(column.name, column.kind, column.values, 80);
      const got = verdict?.tag ?? 'none';
      if (got === column.label && got !== 'none') tp++;
      if (got !== 'none' && got !== column.label) fp++;
      if (column.label !== 'none' && got !== column.label) fn++;
      if (got !== column.label) wrong.push(`${column.name}: ${column.label} → ${got}${verdict ? ` (${verdict.reason})` : ''}`);
    }
    const precision = tp / (tp + fp);
    const recall = tp / (tp + fn);
    console.info(`PII on ${fixture.length} columns: precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)}; misses: ${wrong.join('; ')}`);
    expect(precision).toBeGreaterThanOrEqual(0.95);
    expect(recall).toBeGreaterThanOrEqual(0.95);
  });

  it('checks what has a checksum, and splits names into words', () => {
    expect(luhnValid('4111111111111111')).toBe(true);
    expect(luhnValid('4111111111111112')).toBe(false);
    expect(ibanValid('GB82 WEST 1234 5698 7654 32')).toBe(true);
    expect(ibanValid('GB82 WEST 1234 5698 7654 33')).toBe(false);
    expect(nameWords('customerEMailAddress_2')).toEqual(['customer', 'e', 'mail', 'address', '2']);
    // A share under the confidence is no tag; too few values say nothing.
    expect(contentVerdict(['a@example.com', 'x', 'y', 'z'])?.confidence).toBe(0.25);
    expect(classifyColumn('c', 'concatenable', ['a@example.com', 'x', 'y', 'z'], 80)).toBeUndefined();
    expect(contentVerdict(['a@example.com', 'b@example.com'])).toBeUndefined();
  });
});
