import { buildFqn } from '../openmetadata/fqn.js';
import type { TagLabel } from '../openmetadata/requests.js';
import { isObject } from './json-fields.js';

/** Labels on a data model or its columns are OpenMetadata's dbt source's: automated and suggested. */
export const classificationLabel = (tagFQN: string): TagLabel => ({ tagFQN, labelType: 'Automated', state: 'Suggested', source: 'Classification' });

const glossaryLabel = (tagFQN: string): TagLabel => ({ tagFQN, labelType: 'Automated', state: 'Suggested', source: 'Glossary' });

/** One name or a list of them, as a project may write either; anything else (a number, an empty string) is no name. */
function names(value: unknown): string[] {
  const list = Array.isArray(value) ? value : [value];
  return list.flatMap((item) => (typeof item === 'string' && item.trim() !== '' ? [item.trim()] : []));
}

/** `Classification.Tag` (the tag's name may itself hold dots) as the tag's FQN; a name without a classification is none. */
function classifiedTag(name: string): string | undefined {
  const dot = name.indexOf('.');
  if (dot <= 0 || dot === name.length - 1) return undefined;
  return buildFqn(name.slice(0, dot), name.slice(dot + 1));
}

/** A tier as `Tier.Tier2`, or as the bare `Tier2` OpenMetadata's UI shows. */
function tierTag(name: string): string | undefined {
  return name.includes('.') ? classifiedTag(name) : buildFqn('Tier', name);
}

/**
 * The labels a node's (or a column's) `meta.openmetadata` asks for: glossary terms by FQN (`glossary`), classification
 * tags as `Classification.Tag` (`tags`) and, for a table, its `tier`. They name what must already exist on the server:
 * the sink checks them there.
 */
export function metaLabels(meta: Record<string, unknown>, level: 'table' | 'column'): TagLabel[] {
  const openmetadata = isObject(meta.openmetadata) ? meta.openmetadata : {};
  const glossary = names(openmetadata.glossary).map(glossaryLabel);
  const tags = names(openmetadata.tags).flatMap((name) => {
    const fqn = classifiedTag(name);
    return fqn ? [classificationLabel(fqn)] : [];
  });
  const tier =
    level === 'table'
      ? names(openmetadata.tier)
          .slice(0, 1)
          .flatMap((name) => tierTag(name) ?? [])
      : [];
  return [...glossary, ...tags, ...tier.map(classificationLabel)];
}

/** Labels without repeats (the first of each FQN and source kept), in the order given. */
export function distinctLabels(labels: readonly TagLabel[]): TagLabel[] {
  const seen = new Set<string>();
  return labels.filter((label) => {
    const key = `${label.source}\u0000${label.tagFQN}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
