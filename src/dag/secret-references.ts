import { load, parseEvents } from 'js-yaml';
import { isWholeReference, referencedVariables } from '../config/env-expand.js';
import { dottedPath, pointer, type KeyPath } from '../config/key-path.js';
import { secretEntries } from '../config/secrets.js';
import { indexPositions, locate, lineStarts } from '../config/yaml-positions.js';

/** A secret written out in the workflow file, and the reference that stands for it in the copy beside the DAG. */
export interface ReplacedSecret {
  key: string;
  line: number;
  variable: string;
}

export interface SecretScan {
  /** The workflow text with every literal secret replaced by `"${VARIABLE}"`. */
  text: string;
  replaced: ReplacedSecret[];
  /** Every variable the workflow refers to after the replacement (what `--secret` may fill). */
  variables: Set<string>;
  /** Secrets that cannot be replaced in place (block scalars). */
  unreplaceable: ReplacedSecret[];
}

/** Words of a secret's path that say nothing about which secret it is. */
const NOISE = new Set(['config', 'serviceConnection', 'sourceConfig', 'securityConfig', 'authType', 'workflowConfig']);

/** The variable a literal secret becomes: `OMGEN_` and its path in upper snake case (`OMGEN_SOURCE_PASSWORD`). */
export function secretVariable(path: KeyPath): string {
  const words = path
    .filter((part) => typeof part === 'string' && !NOISE.has(part))
    .map((part) =>
      part === 'openMetadataServerConfig'
        ? 'OPENMETADATA'
        : String(part)
            .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
            .toUpperCase(),
    );
  return `OMGEN_${words.join('_').replace(/[^A-Z0-9_]/g, '_')}`;
}

function allVariables(document: unknown, into = new Set<string>()): Set<string> {
  if (typeof document === 'string') for (const name of referencedVariables(document)) into.add(name);
  else if (Array.isArray(document)) for (const item of document) allVariables(item, into);
  else if (document !== null && typeof document === 'object') for (const value of Object.values(document)) allVariables(value, into);
  return into;
}

/**
 * Replaces each secret the workflow file writes out literally with a reference to a variable, in the text itself (the
 * rest of the file, comments included, stays as written), so no password or token is ever copied into a dags
 * folder. Values that already refer to variables are left alone.
 */
export function referenceLiteralSecrets(text: string): SecretScan {
  let document: unknown;
  try {
    document = load(text);
  } catch {
    return { text, replaced: [], variables: new Set(), unreplaceable: [] };
  }
  const positions = indexPositions(text, parseEvents(text, {}));
  const starts = lineStarts(text);
  // Anything but one whole reference holds written-out text (`Xy7$Kq2!` is a password with a `$` in it, or a secret
  // glued to a variable): either way, the copy must not hold it.
  const literal = secretEntries(document).filter((entry) => entry.value !== '' && !isWholeReference(entry.value));
  const edits: Array<{ start: number; end: number; replacement: string }> = [];
  const replaced: ReplacedSecret[] = [];
  const unreplaceable: ReplacedSecret[] = [];
  for (const entry of literal) {
    const span = positions.get(pointer(entry.path))?.span;
    const key = dottedPath(entry.path);
    const variable = secretVariable(entry.path);
    if (!span || span.block) {
      unreplaceable.push({ key, line: span ? locate(starts, span.start).line : 0, variable });
      continue;
    }
    const quoted = text[span.start - 1] === '"' || text[span.start - 1] === "'";
    // Quoted as a whole when it was plain: `${...}` holds braces, which a flow mapping would read as its own.
    edits.push({ start: span.start, end: span.end, replacement: quoted ? `\${${variable}}` : `"\${${variable}}"` });
    replaced.push({ key, line: locate(starts, span.start).line, variable });
  }
  let out = text;
  for (const edit of edits.sort((a, b) => b.start - a.start)) out = out.slice(0, edit.start) + edit.replacement + out.slice(edit.end);
  let variables = new Set<string>();
  try {
    variables = allVariables(load(out));
  } catch {
    // The replacement keeps the YAML valid; should it not, the variables are simply unknown.
  }
  return { text: out, replaced, variables, unreplaceable };
}
