// The server-version rule: parsing /system/version, the supported 1.4–1.13 range, and the owner → owners switch at 1.5.
import { describe, expect, it } from 'vitest';
import { incompatibility, parseServerVersion, SUPPORTED_SERVER_RANGE, usesOwnersList } from '../../src/openmetadata/server-version.js';

const v = (raw: string) => {
  const parsed = parseServerVersion(raw);
  if (!parsed) throw new Error(`${raw} did not parse`);
  return parsed;
};

describe('parseServerVersion', () => {
  it('reads major.minor.patch and keeps the raw text', () => {
    expect(parseServerVersion('1.4.0')).toEqual({ major: 1, minor: 4, patch: 0, raw: '1.4.0' });
    expect(parseServerVersion('1.10.12')).toEqual({ major: 1, minor: 10, patch: 12, raw: '1.10.12' });
  });

  it('accepts suffixes and prefixes as OpenMetadata builds print them', () => {
    expect(parseServerVersion('1.5.3-SNAPSHOT')).toMatchObject({ major: 1, minor: 5, patch: 3 });
    expect(parseServerVersion('v1.6.1')).toMatchObject({ major: 1, minor: 6, patch: 1 });
    expect(parseServerVersion('1.4.0.1')).toMatchObject({ major: 1, minor: 4, patch: 0 });
  });

  it('answers undefined for anything that is not a version', () => {
    for (const raw of ['', 'unknown', '1.4', '1', 'one.two.three']) expect(parseServerVersion(raw), raw).toBeUndefined();
  });
});

describe('incompatibility', () => {
  it('accepts every release from 1.4 to 1.13, whatever the patch', () => {
    for (let minor = 4; minor <= 13; minor++) {
      expect(incompatibility(v(`1.${minor}.0`)), `1.${minor}.0`).toBeUndefined();
      expect(incompatibility(v(`1.${minor}.27`)), `1.${minor}.27`).toBeUndefined();
    }
    expect(SUPPORTED_SERVER_RANGE).toEqual({ major: 1, minMinor: 4, maxMinor: 13 });
  });

  it('refuses older and newer releases, naming the version in the reason', () => {
    for (const raw of ['0.13.0', '1.3.9', '1.14.0', '2.0.0', '2.4.1', '0.4.0']) {
      const reason = incompatibility(v(raw));
      expect(reason, raw).toBeDefined();
      expect(reason).toContain(`server version is ${raw}`);
      expect(reason).toContain('1.4 to 1.13');
    }
  });
});

describe('usesOwnersList', () => {
  it('sends a single owner to 1.4 and a list of owners from 1.5 on', () => {
    expect(usesOwnersList(v('1.4.0'))).toBe(false);
    expect(usesOwnersList(v('1.4.8'))).toBe(false);
    expect(usesOwnersList(v('1.5.0'))).toBe(true);
    expect(usesOwnersList(v('1.9.3'))).toBe(true);
    expect(usesOwnersList(v('1.13.0'))).toBe(true);
    expect(usesOwnersList(v('2.0.0'))).toBe(true);
  });
});
