/** The sample database's schemas and the custom types (enums, domains) its tables use. */

export const SAMPLE_DATABASE_SCHEMAS = ['sales', 'inventory', 'hr', 'analytics', 'staging'] as const;

export type SampleDatabaseSchema = (typeof SAMPLE_DATABASE_SCHEMAS)[number];

export function schemasAndTypes(): string[] {
  return [
    ...SAMPLE_DATABASE_SCHEMAS.map((s) => `CREATE SCHEMA ${s}`),

    // Types.
    `CREATE TYPE sales.order_status AS ENUM ('pending', 'paid', 'shipped', 'delivered', 'cancelled', 'refunded')`,
    `CREATE TYPE hr.employment_type AS ENUM ('full_time', 'part_time', 'contractor', 'intern')`,
    `CREATE DOMAIN sales.email_address AS text CHECK (VALUE ~ '^[^@[:space:]]+@[^@[:space:]]+[.][a-z]{2,}$')`,
    `CREATE DOMAIN inventory.sku_code AS varchar(16) CHECK (VALUE ~ '^[A-Z]{3}-[0-9]{5}$')`,
  ];
}
