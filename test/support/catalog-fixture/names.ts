/** Role, schema and server names shared by the fixture SQL and its expectations. */
import { ODD_SCHEMA } from './odd-names.js';

export const OWNER_ROLE = 'omgen_owner';
export const EXT_SCHEMA = 'extensions';
export const FOREIGN_SERVER = 'supplier_files';

/** Schema names as the expectations spell them. */
export const S = {
  public: 'public',
  sales: 'sales',
  inventory: 'inventory',
  analytics: 'analytics',
  reporting: 'reporting',
  integrations: 'integrations',
  billing: 'billing',
  odd: ODD_SCHEMA,
  archive: 'archive',
} as const;
