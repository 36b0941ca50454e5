// A corpus case (one request, the upstream schema of its body, the verdict both sides must reach) and the tag label
// builder several groups of cases share.

export type Body = Record<string, unknown>;

/** One request of the corpus: where it goes, the upstream schema of its body, and what both should make of it. */
export interface Case {
  label: string;
  path: string;
  schema: string;
  body: (ids: Ids) => Body;
  /** 'both': both accept; 'neither': both refuse; 'server': upstream schema accepts, the server refuses in code. */
  verdict: 'both' | 'neither' | 'server';
}

/** Ids of entities the double creates outside the corpus (and of the corpus service), filled in while the test runs. */
export interface Ids {
  user: string;
  team: string;
  service: string;
}

export const label = (tagFQN: string) => ({ tagFQN, source: 'Classification', labelType: 'Automated', state: 'Suggested' });
