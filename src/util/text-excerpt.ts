/** The start of a (possibly huge, multi-line) text on one line, for names in status lines: cut first, then folded. */
export function excerpt(text: string, max = 80): string {
  const folded = text
    .slice(0, max + 40)
    .replace(/\s+/g, ' ')
    .trim();
  return folded.length > max || text.length > max + 40 ? `${folded.slice(0, max)}…` : folded;
}
