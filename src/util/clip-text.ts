/**
 * A value as an error message may echo it: whole when short, else its start and its length. A 50 MB hostPort must
 * not become a 100 MB error line.
 */
export function clipText(text: string, max = 80): string {
  if (text.length <= max) return text;
  return `${text.slice(0, max)}… (${text.length.toLocaleString('en-US')} characters)`;
}
