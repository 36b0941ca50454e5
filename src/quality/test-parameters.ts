import type { ParameterType, TestDefinition } from './test-definitions.js';

export type ParameterValue = number | string | boolean | string[];

/** A test case's parameters read by their definition's types: `minValue: "0"` becomes 0. */
export type TestParameters = Map<string, ParameterValue>;

/** A list as OpenMetadata's UI writes it: JSON (`["a","b"]`) or a Python literal (`['a', 'b']`). */
function readList(text: string): string[] | undefined {
  const trimmed = text.trim();
  for (const candidate of [trimmed, trimmed.replace(/'((?:[^'\\]|\\.)*)'/g, (_, inner: string) => JSON.stringify(inner.replace(/\\'/g, "'")))]) {
    try {
      const value = JSON.parse(candidate) as unknown;
      if (Array.isArray(value)) return value.map((item) => String(item));
    } catch {
      // not this spelling
    }
  }
  return undefined;
}

function readValue(text: string, type: ParameterType): ParameterValue | undefined {
  switch (type) {
    case 'INT':
      return /^\s*-?\d+\s*$/.test(text) ? Number(text) : undefined;
    case 'NUMBER': {
      const value = Number(text);
      return text.trim() !== '' && Number.isFinite(value) ? value : undefined;
    }
    case 'BOOLEAN':
      return /^(true|false)$/i.test(text.trim()) ? text.trim().toLowerCase() === 'true' : undefined;
    case 'ARRAY':
      return readList(text);
    case 'STRING':
      return text;
  }
}

const TYPE_WORDS: Record<ParameterType, string> = {
  INT: 'an integer',
  NUMBER: 'a number',
  STRING: 'a string',
  BOOLEAN: 'true or false',
  ARRAY: 'a list such as ["a", "b"]',
};

/** The parameters read, or every problem with them (an unknown name, a missing one, a value of the wrong type). */
export function readParameters(
  definition: TestDefinition,
  given: ReadonlyArray<{ name: string; value?: unknown }>,
): { parameters: TestParameters; problems: string[] } {
  const parameters: TestParameters = new Map();
  const problems: string[] = [];
  const known = new Map(definition.parameters.map((spec) => [spec.name, spec]));
  for (const { name, value } of given) {
    const spec = known.get(name);
    if (!spec) {
      problems.push(`${definition.name} has no parameter '${name}' (it takes ${definition.parameters.map((s) => s.name).join(', ') || 'none'})`);
      continue;
    }
    if (value === undefined || value === null) continue;
    const read = readValue(String(value), spec.type);
    if (read === undefined) problems.push(`parameter '${name}' must be ${TYPE_WORDS[spec.type]} (got '${String(value)}')`);
    else parameters.set(name, read);
  }
  for (const spec of definition.parameters) {
    if (spec.required && !parameters.has(spec.name) && !problems.some((p) => p.includes(`'${spec.name}'`))) {
      problems.push(`${definition.name} needs parameter '${spec.name}'`);
    }
  }
  return { parameters, problems };
}
