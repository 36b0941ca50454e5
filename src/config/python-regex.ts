/**
 * OpenMetadata filter patterns are Python regexes applied with `re.match(pattern, name, re.IGNORECASE)`:
 * anchored at the start only. This turns one into the equivalent JavaScript RegExp, translating the few Python-only
 * spellings users write in practice.
 */
export function compilePythonRegex(pattern: string): RegExp {
  let source = pattern
    .replace(/\(\?P<([A-Za-z_][A-Za-z0-9_]*)>/g, '(?<$1>')
    .replace(/\(\?P=([A-Za-z_][A-Za-z0-9_]*)\)/g, '\\k<$1>')
    .replace(/\\A/g, '^')
    .replace(/\\Z/g, '$');
  // Matching is case-insensitive anyway, so an inline (?i) at the start only needs removing.
  source = source.replace(/^\(\?i\)/, '');
  return new RegExp(`^(?:${source})`, 'i');
}

/** The reason a pattern does not compile, or undefined when it does. */
export function regexProblem(pattern: string): string | undefined {
  try {
    compilePythonRegex(pattern);
    return undefined;
  } catch (error) {
    // V8 names the compiled (wrapped, translated) source, which is not what the user wrote: keep only the reason.
    return (error as Error).message.replace(/^Invalid regular expression: (?:\/.*\/[a-z]*: )?/s, '');
  }
}
