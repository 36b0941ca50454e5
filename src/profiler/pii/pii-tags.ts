/** OpenMetadata's PII classification: what a column holds, as a tag. */
export type PiiTag = 'PII.Sensitive' | 'PII.NonSensitive';

/** Why a column was tagged: the rule, and how sure it is (0–1). */
export interface PiiVerdict {
  tag: PiiTag;
  confidence: number;
  reason: string;
}
