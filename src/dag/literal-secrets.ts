import { load } from 'js-yaml';
import { dottedPath } from '../config/key-path.js';
import { secretEntries } from '../config/secrets.js';

/** Secret keys whose value is written out in the file instead of coming from `$VAR`. */
export function literalSecretKeys(rawText: string): string[] {
  let document: unknown;
  try {
    document = load(rawText);
  } catch {
    return [];
  }
  return secretEntries(document)
    .filter((entry) => !entry.value.includes('$'))
    .map((entry) => dottedPath(entry.path));
}
