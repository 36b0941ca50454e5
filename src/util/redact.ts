/**
 * The one redaction helper: every secret the worker learns (passwords, tokens) is registered here, and every line
 * it prints or writes about the run (logs, errors, status) passes through redact().
 */
const secrets = new Set<string>();

export const REDACTED = '********';

export function registerSecret(value: string | undefined | null): void {
  // Very short values would blank out ordinary words; nobody's real secret is that short.
  if (typeof value === 'string' && value.length >= 4) secrets.add(value);
}

export function redact(text: string): string {
  let out = text;
  for (const secret of secrets) if (out.includes(secret)) out = out.split(secret).join(REDACTED);
  // Credentials inside URLs (postgres://user:secret@host) even when the secret was never registered.
  return out.replace(/(\b[a-z][a-z0-9+.-]*:\/\/[^:/\s@]+:)[^@\s/]+@/gi, `$1${REDACTED}@`);
}
