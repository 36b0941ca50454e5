import { readFile } from 'node:fs/promises';
import { dottedPath } from '../config/key-path.js';
import type { ArtifactLocation } from './artifact-locations.js';

/** How long one artifact may take to download: a big manifest over a slow link, not a hung server. */
const HTTP_TIMEOUT_MS = 120_000;

/** An artifact that could not be read or parsed; the message names the config key and where it pointed. */
export class ArtifactError extends Error {
  override name = 'ArtifactError';
}

/** Where an artifact came from, as a message may show it: a URL without credentials, query or fragment (signed URLs). */
export function describeLocation(location: ArtifactLocation): string {
  if (location.source.kind === 'file') return location.source.path;
  try {
    const url = new URL(location.source.url);
    return `${url.origin}${url.pathname}`;
  } catch {
    return 'the configured URL';
  }
}

function failure(location: ArtifactLocation, problem: string): ArtifactError {
  return new ArtifactError(`${dottedPath(location.key)} (${describeLocation(location)}): ${problem}`);
}

async function readText(location: ArtifactLocation): Promise<string> {
  const { source } = location;
  if (source.kind === 'file') {
    try {
      return await readFile(source.path, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw failure(location, code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : (error as Error).message);
    }
  }
  let response: Response;
  try {
    response = await fetch(source.url, { signal: AbortSignal.timeout(HTTP_TIMEOUT_MS) });
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    const reason =
      (error as Error).name === 'TimeoutError'
        ? `no answer within ${HTTP_TIMEOUT_MS / 1000} s`
        : (cause?.code ?? cause?.message ?? (error as Error).message);
    throw failure(location, `cannot download: ${reason}`);
  }
  if (!response.ok) throw failure(location, `cannot download: HTTP ${response.status}`);
  return await response.text();
}

/** The JSON's position of failure, as a reader can act on it: truncated files are the common case (a copy cut short). */
function parseProblem(text: string, error: Error): string {
  if (text.trim() === '') return 'the file is empty';
  // V8 names the position it stopped at; a stop at the very end means the text was cut short.
  const position = /at position (\d+)/.exec(error.message)?.[1];
  const atEnd = position !== undefined && Number(position) >= text.trimEnd().length;
  if (atEnd || /end of (JSON )?input/i.test(error.message)) {
    return `truncated JSON: it ends after ${Buffer.byteLength(text).toLocaleString('en-US')} bytes in the middle of a value`;
  }
  return `not valid JSON: ${error.message}`;
}

/** Reads and parses one artifact; any problem is an ArtifactError naming the key, the file or URL, and what is wrong. */
export async function readArtifact(location: ArtifactLocation): Promise<unknown> {
  const text = await readText(location);
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw failure(location, parseProblem(text, error as Error));
  }
}
