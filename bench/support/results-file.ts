import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import { RESULTS_FILE } from './paths.js';

const HEADER = `# omgen benchmarks

Each section below is written by one bench runner and rewritten in place on its next run (between its
\`<!-- bench:NAME:start -->\` / \`<!-- bench:NAME:end -->\` markers); add a new bench as a new section with its own
markers. Figures are only comparable on the machine each section names.
`;

/**
 * Replaces the text between the section's markers, leaving everything outside them (other sections, notes written by
 * hand) as it is; a section not there yet is appended. Written through a temporary file so a crash cannot truncate it.
 */
export async function writeSection(name: string, body: string): Promise<void> {
  const start = `<!-- bench:${name}:start -->`;
  const end = `<!-- bench:${name}:end -->`;
  const block = `${start}\n${body.trim()}\n${end}`;
  const current = existsSync(RESULTS_FILE) ? await fs.readFile(RESULTS_FILE, 'utf8') : HEADER;
  const i = current.indexOf(start);
  const j = current.indexOf(end);
  const next = i >= 0 && j > i ? `${current.slice(0, i)}${block}${current.slice(j + end.length)}` : `${current.trimEnd()}\n\n${block}\n`;
  const temp = `${RESULTS_FILE}.${process.pid}.tmp`;
  await fs.writeFile(temp, next);
  await fs.rename(temp, RESULTS_FILE);
}
