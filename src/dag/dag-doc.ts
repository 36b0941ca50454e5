import type { FilterPattern, WorkflowConfig } from '../config/types.js';

/** A character that ends a line or is no text: inside a code span it would let what follows out as markup. */
const isBreaking = (char: string): boolean => {
  const code = char.charCodeAt(0);
  return code < 0x20 || code === 0x7f || code === 0x2028 || code === 0x2029;
};

/** Text shown in Markdown code spans: a backtick would end the span, a line break leave it (and let markup in). */
const code = (text: unknown): string =>
  `\`${[...String(text).replaceAll('`', "'")]
    .map((char) => (isBreaking(char) ? ' ' : char))
    .join('')
    .replace(/ {2,}/g, ' ')}\``;

const FILTERS = ['databaseFilterPattern', 'schemaFilterPattern', 'tableFilterPattern', 'storedProcedureFilterPattern'] as const;

function filterLines(sourceConfig: Record<string, unknown>): string[] {
  const lines: string[] = [];
  for (const key of FILTERS) {
    const pattern = sourceConfig[key] as FilterPattern | undefined;
    if (pattern?.includes?.length) lines.push(`${key.replace('FilterPattern', '')} includes ${pattern.includes.map(code).join(', ')}`);
    else if (pattern?.excludes?.length) lines.push(`${key.replace('FilterPattern', '')} excludes ${pattern.excludes.map(code).join(', ')}`);
  }
  return lines;
}

/**
 * What one task's workflow does, for the DAG's doc_md: the source, its filters, the sink. Built from a few named
 * fields only, so no password, token or key can reach the page.
 */
export function workflowDoc(config: WorkflowConfig, taskId: string): string {
  const sourceConfig = config.source.sourceConfig.config as unknown as Record<string, unknown>;
  const connection = config.source.serviceConnection?.config;
  const lines = [`### ${code(taskId)}: ${config.source.sourceConfig.config.type} workflow`, ''];
  const where = connection
    ? ` on Postgres ${code(connection.hostPort)}, database ${connection.ingestAllDatabases ? 'all of them' : code(connection.database ?? 'postgres')}`
    : ' (connection stored on the server)';
  lines.push(`- Source: ${code(config.source.type)}, service ${code(config.source.serviceName)}${config.source.type === 'dbt' ? '' : where}`);
  const target = sourceConfig.entityFullyQualifiedName;
  if (typeof target === 'string') lines.push(`- Table: ${code(target)}`);
  const filters = filterLines(sourceConfig);
  lines.push(`- Filters: ${filters.length > 0 ? filters.join('; ') : 'none'}`);
  const sink = config.sink ?? config.bulkSink;
  const destination =
    sink?.type === 'file'
      ? `file ${code(sink.config?.filename)}`
      : `OpenMetadata at ${code(config.workflowConfig.openMetadataServerConfig.hostPort)}${sink ? ` (${code(sink.type)})` : ''}`;
  lines.push(`- Sink: ${destination}`, '');
  return lines.join('\n');
}
