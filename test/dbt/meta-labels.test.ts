// What a dbt node's `meta.openmetadata` asks OpenMetadata to label a table or column with: glossary terms, tags as
// `Classification.Tag`, and a table's tier, each as the label the server takes; what is malformed is no label.
import { describe, expect, it } from 'vitest';
import { distinctLabels, metaLabels } from '../../src/dbt/meta-labels.js';

const fqns = (meta: Record<string, unknown>, level: 'table' | 'column' = 'table') =>
  metaLabels(meta, level).map((label) => `${label.source}:${label.tagFQN}`);

describe('meta.openmetadata labels', () => {
  it('reads glossary terms, classification tags and the tier, automated and suggested', () => {
    const labels = metaLabels(
      { openmetadata: { glossary: ['Business.Revenue', 'Business.Revenue."Net.Revenue"'], tags: ['PII.Sensitive'], tier: 'Tier.Tier2' } },
      'table',
    );
    expect(labels).toEqual([
      { tagFQN: 'Business.Revenue', source: 'Glossary', labelType: 'Automated', state: 'Suggested' },
      { tagFQN: 'Business.Revenue."Net.Revenue"', source: 'Glossary', labelType: 'Automated', state: 'Suggested' },
      { tagFQN: 'PII.Sensitive', source: 'Classification', labelType: 'Automated', state: 'Suggested' },
      { tagFQN: 'Tier.Tier2', source: 'Classification', labelType: 'Automated', state: 'Suggested' },
    ]);
  });

  it('takes one name where a list is expected, a bare tier name, and a tag whose name holds a dot', () => {
    expect(fqns({ openmetadata: { glossary: 'Business.Revenue', tier: 'Tier1', tags: ['Policy.eu.gdpr'] } })).toEqual([
      'Glossary:Business.Revenue',
      'Classification:Policy."eu.gdpr"',
      'Classification:Tier.Tier1',
    ]);
  });

  it('gives a column its glossary terms and tags, never a tier', () => {
    expect(fqns({ openmetadata: { glossary: ['Business.Revenue'], tags: ['PII.Sensitive'], tier: 'Tier.Tier1' } }, 'column')).toEqual([
      'Glossary:Business.Revenue',
      'Classification:PII.Sensitive',
    ]);
  });

  it('ignores what is not a name: no openmetadata key, numbers, blanks, tags without a classification', () => {
    expect(fqns({})).toEqual([]);
    expect(fqns({ openmetadata: 'Tier.Tier1' })).toEqual([]);
    expect(fqns({ openmetadata: { glossary: [3, ' ', null], tags: ['Sensitive', '.x', 'PII.'], tier: 2 } })).toEqual([]);
  });

  it('keeps the first of labels that repeat', () => {
    const labels = metaLabels({ openmetadata: { tags: ['PII.Sensitive', 'PII.Sensitive'], glossary: ['PII.Sensitive'] } }, 'table');
    expect(distinctLabels(labels).map((label) => `${label.source}:${label.tagFQN}`)).toEqual([
      'Glossary:PII.Sensitive',
      'Classification:PII.Sensitive',
    ]);
  });
});
