import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The templates folder of this installation. Looked up from this module's location so it works from the sources
 * (src/dag/), from the bundle (dist/) and from an installed package alike.
 */
export function templatesDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    const candidate = join(dir, 'templates');
    if (existsSync(join(candidate, 'dag.py.hbs'))) return candidate;
    dir = dirname(dir);
  }
  throw new Error('cannot find the templates folder (templates/dag.py.hbs) of this omgen installation');
}
