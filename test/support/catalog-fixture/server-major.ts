/** Server major versions: what the fixture and its expectations vary on. */

export interface ServerMajor {
  /** Server major version: 11, 12, ..., 18 (see `majorFromServerVersionNum`). */
  readonly major: number;
}

/** `server_version_num` (e.g. 110022, 180004) to a major version (11, 18). */
export function majorFromServerVersionNum(serverVersionNum: number): number {
  // 9.6 and older (90624) report as 9: below anything the fixture supports.
  return Math.floor(serverVersionNum / 10000);
}
