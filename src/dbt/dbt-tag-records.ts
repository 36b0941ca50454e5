import type { OutputRecord } from '../workflow/records.js';
import type { DbtRelationNode } from './dbt-nodes.js';
import { tagFqn, tagName, type DataModelSettings } from './data-model.js';

/**
 * The classification that holds dbt's tags and one tag per distinct dbt tag the data models label with (a table's
 * or a column's), as OpenMetadata creates them before labelling: a label of a tag that does not exist is refused.
 */
export function* tagRecords(nodes: readonly DbtRelationNode[], settings: DataModelSettings): Generator<OutputRecord> {
  const tags = new Set<string>();
  for (const node of nodes) {
    for (const tag of node.tags) if (settings.keepTag(tag)) tags.add(tag);
    for (const column of node.columns) for (const tag of column.tags) if (settings.keepTag(tag)) tags.add(tag);
  }
  if (tags.size === 0) return;
  const classification = settings.classification;
  yield {
    type: 'createClassification',
    data: { name: classification, description: 'dbt tags' },
    entityName: classification,
  };
  for (const tag of [...tags].sort()) {
    yield { type: 'createTag', data: { classification, name: tagName(tag), description: `dbt tag ${tag}` }, entityName: tagFqn(classification, tag) };
  }
}
