/**
 * OpenMetadata's ingestion refuses a server whose major.minor differs from its own. omgen speaks the request shapes
 * of a range of releases instead (adapting the few that changed, such as `owner` becoming `owners` in 1.5), so the
 * same rule applies to that range: the server's major.minor must be one omgen knows.
 */
export const SUPPORTED_SERVER_RANGE = { major: 1, minMinor: 4, maxMinor: 13 } as const;

export interface ServerVersion {
  major: number;
  minor: number;
  patch: number;
  raw: string;
}

export function parseServerVersion(raw: string): ServerVersion | undefined {
  const match = /(\d+)\.(\d+)\.(\d+)/.exec(raw);
  if (!match) return undefined;
  return { major: Number(match[1]), minor: Number(match[2]), patch: Number(match[3]), raw };
}

/** Undefined when compatible, else the reason, worded like OpenMetadata's own check. */
export function incompatibility(version: ServerVersion): string | undefined {
  const { major, minMinor, maxMinor } = SUPPORTED_SERVER_RANGE;
  if (version.major === major && version.minor >= minMinor && version.minor <= maxMinor) return undefined;
  return `server version is ${version.raw}; om-worker speaks OpenMetadata ${major}.${minMinor} to ${major}.${maxMinor} (major and minor versions must match one of those)`;
}

/** Since 1.5 entities take a list of owners instead of a single owner. */
export function usesOwnersList(version: ServerVersion): boolean {
  return version.major > 1 || version.minor >= 5;
}

/** Since 1.6 a table constraint may say how the tables relate (`relationshipType`, as the ER diagram draws it). */
export function takesRelationshipType(version: ServerVersion): boolean {
  return version.major > 1 || version.minor >= 6;
}

/**
 * Stored procedures carry `storedProcedureType` in the create request, with `Function` among its values, from 1.7
 * (1.6 knew only StoredProcedure, UDF and StoredPackage); older servers refuse the field.
 */
export function takesFunctionProcedureType(version: ServerVersion): boolean {
  return version.major > 1 || version.minor >= 7;
}

/**
 * From 1.6 a table's own test suite is the "basic" one (PUT /dataQuality/testSuites/basic, basicEntityReference) and
 * results are POSTed to /dataQuality/testCases/testCaseResults/{fqn}; 1.4 and 1.5 take the "executable" suite and a
 * PUT of …/testCaseResult. (The release that switched is inferred from OpenMetadata's changelog, not confirmed on a 1.5
 * server.)
 */
export function usesBasicTestSuites(version: ServerVersion): boolean {
  return version.major > 1 || version.minor >= 6;
}
