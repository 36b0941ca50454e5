// Validation of a loaded workflow: every error names the key path, line and column; unknown keys get a
// did-you-mean; files also fail on bad regexes, unknown source types, unusable sinks and dates, all reported at once.
import { describe, expect, it } from 'vitest';
import { ConfigError, formatIssue } from '../../src/config/config-error.js';
import { loadWorkflowText } from '../../src/config/load-workflow.js';

/** Lines of a valid metadata workflow; tests replace single lines, so line numbers stay known. */
const BASE = [
  'source:', //                                    1
  '  type: postgres', //                           2
  '  serviceName: local_pg', //                    3
  '  serviceConnection:', //                       4
  '    config:', //                                5
  '      type: Postgres', //                       6
  '      username: etl', //                        7
  '      authType:', //                            8
  '        password: pw', //                       9
  '      hostPort: localhost:5432', //            10
  '      database: pagila', //                    11
  '  sourceConfig:', //                           12
  '    config:', //                               13
  '      type: DatabaseMetadata', //              14
  '      markDeletedTables: true', //             15
  '      tableFilterPattern:', //                 16
  '        includes:', //                         17
  '          - ^orders$', //                      18
  '          - ^items', //                        19
  'sink:', //                                     20
  '  type: file', //                              21
  '  config:', //                                 22
  '    filename: /tmp/out.ndjson', //             23
  'workflowConfig:', //                           24
  '  loggerLevel: INFO', //                       25
  '  openMetadataServerConfig:', //               26
  '    hostPort: http://localhost:8585/api', //   27
  '    authProvider: openmetadata', //            28
  '    securityConfig:', //                       29
  '      jwtToken: token-value', //               30
];

function edit(changes: Record<number, string>, extra: string[] = []): string {
  return [...BASE.map((line, i) => changes[i + 1] ?? line), ...extra].join('\n');
}

/** The formatted issues of an invalid text; fails the test when the text is valid. */
function errors(text: string): string[] {
  try {
    loadWorkflowText(text, 'w.yaml', {});
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return error.issues.map(formatIssue);
  }
  throw new Error('expected the workflow to be invalid');
}

describe('a valid workflow', () => {
  it("loads, with OpenMetadata's defaults filled in", () => {
    const { config, ignored } = loadWorkflowText(edit({}), 'w.yaml', {});
    expect(ignored).toEqual([]);
    expect(config.source.sourceConfig.config).toMatchObject({
      markDeletedTables: true,
      markDeletedStoredProcedures: true,
      includeTables: true,
      includeViews: true,
      includeTags: true,
      includeOwners: false,
      includeStoredProcedures: true,
      useFqnForFiltering: false,
      threads: 1,
    });
    expect(config.source.serviceConnection?.config).toMatchObject({
      sslMode: 'disable',
      ingestAllDatabases: false,
      classificationName: 'PostgresPolicyTags',
    });
    expect(config.workflowConfig).toMatchObject({ loggerLevel: 'INFO', raiseOnError: true, successThreshold: 90 });
    expect(config.workflowConfig.openMetadataServerConfig).toMatchObject({ verifySSL: 'no-ssl', apiVersion: 'v1', storeServiceConnection: true });
  });
});

describe('schema errors', () => {
  it('unknown keys, at any depth, with a did-you-mean', () => {
    expect(errors(edit({ 3: '  serviceNme: local_pg' }))).toContain(
      "source.serviceNme (line 3, col 3): unknown key 'serviceNme'; did you mean 'serviceName'?",
    );
    expect(errors(edit({ 10: '      hostport: localhost:5432' }))).toContain(
      "source.serviceConnection.config.hostport (line 10, col 7): unknown key 'hostport'; did you mean 'hostPort'?",
    );
    expect(errors(edit({ 15: '      markDeletedTable: true' }))).toEqual([
      "source.sourceConfig.config.markDeletedTable (line 15, col 7): unknown key 'markDeletedTable'; did you mean 'markDeletedTables'?",
    ]);
    expect(errors(edit({ 17: '        include:' }))).toEqual([
      "source.sourceConfig.config.tableFilterPattern.include (line 17, col 9): unknown key 'include'; did you mean 'includes'?",
    ]);
    expect(errors(edit({}, ['extraTopLevel: 1']))).toEqual(["extraTopLevel (line 31, col 1): unknown key 'extraTopLevel'"]);
  });

  it('wrong types, naming what was given', () => {
    expect(errors(edit({ 15: '      markDeletedTables: "yes"' }))).toEqual([
      'source.sourceConfig.config.markDeletedTables (line 15, col 7): must be boolean, not string "yes"',
    ]);
    expect(errors(edit({ 15: '      threads: many' }))).toEqual([
      'source.sourceConfig.config.threads (line 15, col 7): must be integer, not string "many"',
    ]);
    expect(errors(edit({ 19: '          - 42' }))).toEqual([
      'source.sourceConfig.config.tableFilterPattern.includes[1] (line 19, col 13): must be string, not number 42',
    ]);
    expect(errors(edit({ 20: 'sink: [file]', 21: '# was type', 22: '# was config', 23: '# was filename' }))).toEqual([
      'sink (line 20, col 1): must be object, not a list',
    ]);
  });

  it('values outside an enum, with a did-you-mean', () => {
    expect(errors(edit({ 25: '  loggerLevel: INFOO' }))).toEqual([
      'workflowConfig.loggerLevel (line 25, col 3): string "INFOO" is not one of DEBUG, INFO, WARN, ERROR; did you mean \'INFO\'?',
    ]);
  });

  it('an unknown workflow type, listing the known ones', () => {
    expect(errors(edit({ 14: '      type: DatabaseMetadat' }))).toEqual([
      "source.sourceConfig.config.type (line 14, col 7): unknown workflow type 'DatabaseMetadat'; did you mean 'DatabaseMetadata'? " +
        '(expected one of DatabaseMetadata, DatabaseUsage, DatabaseLineage, Profiler, AutoClassification, TestSuite, DBT)',
    ]);
  });

  it('a missing required key, at the line of the mapping that lacks it', () => {
    expect(errors(edit({ 10: '      ingestAllDatabases: false' }))).toEqual([
      "source.serviceConnection.config (line 5, col 5): missing required key 'hostPort'",
    ]);
    expect(errors(BASE.slice(0, 23).join('\n'))).toEqual(["(top level) (line 1, col 1): missing required key 'workflowConfig'"]);
  });

  it('reports every error of the file, in line order', () => {
    const found = errors(edit({ 3: '  serviceNme: local_pg', 15: '      markDeletedTables: 3', 25: '  loggerLevel: LOUD' }));
    expect(found.map((e) => /\(line (\d+)/.exec(e)?.[1])).toEqual(['1', '3', '15', '25']);
    expect(found[0]).toBe("source (line 1, col 1): missing required key 'serviceName'");
  });

  it('never echoes the value of a password or token', () => {
    const found = errors(edit({ 9: '        password: 987654321', 30: '      jwtToken: 123456789' }));
    expect(found).toEqual([
      'source.serviceConnection.config.authType.password (line 9, col 9): must be string, not a number',
      'workflowConfig.openMetadataServerConfig.securityConfig.jwtToken (line 30, col 7): must be string, not a number',
    ]);
    expect(found.join('\n')).not.toMatch(/987654321|123456789/);
  });
});

describe('checks beyond the schema', () => {
  it('an invalid regular expression, naming the list item and its position', () => {
    expect(errors(edit({ 19: '          - "(unclosed"' }))).toEqual([
      'source.sourceConfig.config.tableFilterPattern.includes[1] (line 19, col 13): invalid regular expression: Unterminated group',
    ]);
    expect(errors(edit({ 19: '          - "[z-a]"' }))[0]).toMatch(
      /^source\.sourceConfig\.config\.tableFilterPattern\.includes\[1\] \(line 19, col 13\): invalid regular expression: .*out of order/,
    );
  });

  it('an unknown source type, with a did-you-mean', () => {
    expect(errors(edit({ 2: '  type: postgress' }))).toEqual([
      "source.type (line 2, col 3): unknown source type 'postgress'; did you mean 'postgres'?",
    ]);
    expect(errors(edit({ 2: '  type: mysql' }))).toEqual(["source.type (line 2, col 3): unknown source type 'mysql'"]);
  });

  it('a source type that does not run the pipeline type', () => {
    expect(errors(edit({ 2: '  type: postgres-usage' }))).toEqual([
      "source.type (line 2, col 3): source type 'postgres-usage' does not run a DatabaseMetadata workflow (use postgres)",
    ]);
  });

  it('accepts source types case-insensitively, as OpenMetadata looks them up', () => {
    expect(loadWorkflowText(edit({ 2: '  type: Postgres' }), 'w.yaml', {}).config.source.type).toBe('Postgres');
  });

  it('a sink that cannot work', () => {
    expect(errors(edit({ 21: '  type: flie' }))).toEqual(["sink.type (line 21, col 3): unknown sink type 'flie'; did you mean 'file'?"]);
    expect(errors(edit({ 23: '    other: x' }))).toEqual([
      "sink.config (line 22, col 3): missing required key 'filename' (the file sink writes NDJSON there)",
    ]);
    expect(errors(BASE.filter((_, i) => i < 19 || i > 22).join('\n'))).toEqual([
      "(top level) (line 1, col 1): missing required key 'sink' (the DatabaseMetadata workflow writes to a sink)",
    ]);
  });

  it('airflowConfig dates that Python could not read', () => {
    expect(errors(edit({}, ['airflowConfig:', '  startDate: tomorrow']))).toEqual([
      "airflowConfig.startDate (line 32, col 3): 'tomorrow' is not an ISO date or date-time (e.g. 2024-01-31 or 2024-01-31T06:00:00+00:00)",
    ]);
    expect(errors(edit({}, ['airflowConfig:', '  endDate: 2024-02-30']))[0]).toMatch(
      /^airflowConfig\.endDate \(line 32, col 3\): '2024-02-30' is not/,
    );
    for (const ok of ['2024-01-31', '2024-01-31T06:00:00Z', '2024-01-31T06:00:00+02:00', '2024-01-31 06:00', '2024-01-31T06:00:00.123456']) {
      expect(() => loadWorkflowText(edit({}, ['airflowConfig:', `  startDate: "${ok}"`]), 'w.yaml', {}), ok).not.toThrow();
    }
  });
});

describe('a file with several kinds of problems', () => {
  it('reports schema and semantic problems together, in file order', () => {
    const text = edit({ 15: '      markDeletedTable: true', 19: '          - "[unclosed"', 21: '  type: filee' });
    expect(errors(text)).toEqual([
      "source.sourceConfig.config.markDeletedTable (line 15, col 7): unknown key 'markDeletedTable'; did you mean 'markDeletedTables'?",
      expect.stringMatching(/^source\.sourceConfig\.config\.tableFilterPattern\.includes\[1\] \(line 19, col 13\): invalid regular expression: /),
      "sink.type (line 21, col 3): unknown sink type 'filee'; did you mean 'file'?",
    ]);
  });
});

describe('keys OpenMetadata accepts that omgen does not use', () => {
  it('are accepted and reported once each, with their line', () => {
    const text = edit({}, []).replace(
      '      markDeletedTables: true',
      '      markDeletedTables: true\n      queryLogDuration: 2\n      incremental:\n        enabled: true\n      overrideMetadata: true',
    );
    const { ignored } = loadWorkflowText(text, 'w.yaml', {});
    expect(ignored.map((k) => [k.path, k.line])).toEqual([
      ['source.sourceConfig.config.queryLogDuration', 16],
      ['source.sourceConfig.config.incremental', 17],
    ]);
    expect(ignored.every((k) => k.reason.length > 0)).toBe(true);
  });

  it('are not reported when the user did not write them (defaults only)', () => {
    expect(loadWorkflowText(edit({}), 'w.yaml', {}).ignored).toEqual([]);
  });

  it('are reported afresh for each file loaded', () => {
    const text = edit({ 15: '      queryLogDuration: 2' });
    expect(loadWorkflowText(text, 'a.yaml', {}).ignored).toHaveLength(1);
    expect(loadWorkflowText(text, 'b.yaml', {}).ignored).toHaveLength(1);
  });
});
