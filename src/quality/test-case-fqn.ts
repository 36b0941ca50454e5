import { buildFqn } from '../openmetadata/fqn.js';

/** What a test case is about, as OpenMetadata links it: `<#E::table::fqn>` or `<#E::table::fqn::columns::name>`. */
export const entityLink = (tableFqn: string, column?: string): string =>
  column ? `<#E::table::${tableFqn}::columns::${column}>` : `<#E::table::${tableFqn}>`;

/** The table's FQN and the column, if any, of an entity link; undefined when it names no table. */
export function parseEntityLink(link: string): { table: string; column?: string } | undefined {
  const m = /^<#E::table::(.+?)(?:::columns::(.+))?>$/.exec(link);
  return m ? { table: m[1] as string, column: m[2] } : undefined;
}

/** A test case's FQN as the server builds it: the table's (then its column's) FQN and the case's name. */
export const testCaseFqn = (tableFqn: string, column: string | undefined, name: string): string =>
  column ? `${tableFqn}.${buildFqn(column, name)}` : `${tableFqn}.${buildFqn(name)}`;
