/**
 * The one redaction helper: every secret the worker learns (passwords, tokens; config/secrets says which) is
 * registered here, and every line it prints or writes about the run (logs, errors, status) passes through redact().
 * A secret is caught in each form it can take in that text: as is, JSON-escaped once or twice (a server echoing a
 * request body, then that message inside the status JSON), URL-encoded, and base64 (alone, or a basic-auth pair).
 */
let forms: string[] = [];

export const REDACTED = '********';

/** Every way `secret` can be spelled in text the worker prints, longest first so no form is cut by a shorter one. */
export function encodedForms(secret: string, user?: string): string[] {
  const json = JSON.stringify(secret).slice(1, -1);
  const url = encodeURIComponent(secret);
  const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
  const all = [secret, json, JSON.stringify(json).slice(1, -1), url, url.replace(/%20/g, '+'), base64(secret)];
  if (user) all.push(base64(`${user}:${secret}`));
  return [...new Set(all)];
}

export function registerSecret(value: string | undefined | null, context: { user?: string } = {}): void {
  // Very short values would blank out ordinary words; nobody's real secret is that short.
  if (typeof value !== 'string' || value.length < 4) return;
  forms = [...new Set([...forms, ...encodedForms(value, context.user)])].sort((a, b) => b.length - a.length);
}

export function redact(text: string): string {
  let out = text;
  for (const form of forms) if (out.includes(form)) out = out.split(form).join(REDACTED);
  // Credentials inside URLs (postgres://user:secret@host) even when the secret was never registered.
  return out.replace(/(\b[a-z][a-z0-9+.-]*:\/\/[^:/\s@]+:)[^@\s/]+@/gi, `$1${REDACTED}@`);
}
