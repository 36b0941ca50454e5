/** The role, schemas, extensions and user-defined types everything else depends on. */
import { EXT_SCHEMA, OWNER_ROLE } from './names.js';
import { ODD_SCHEMA } from './odd-names.js';
import { lit, qi } from './sql-quoting.js';

export function setup(): string[] {
  return [
    // Roles are cluster-wide; tolerate reruns and concurrent runs in other databases.
    `DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = ${lit(OWNER_ROLE)}) THEN
    CREATE ROLE ${qi(OWNER_ROLE)} NOLOGIN;
  END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN
  NULL;
END
$$`,

    // Schemas and extensions.
    `CREATE SCHEMA ${qi(EXT_SCHEMA)}`,
    `CREATE EXTENSION IF NOT EXISTS hstore SCHEMA ${qi(EXT_SCHEMA)}`,
    `CREATE EXTENSION IF NOT EXISTS ltree SCHEMA ${qi(EXT_SCHEMA)}`,
    `CREATE EXTENSION IF NOT EXISTS file_fdw SCHEMA ${qi(EXT_SCHEMA)}`,
    `CREATE SCHEMA sales`,
    `CREATE SCHEMA inventory`,
    `CREATE SCHEMA analytics`,
    `CREATE SCHEMA reporting`,
    `CREATE SCHEMA integrations`,
    `CREATE SCHEMA billing AUTHORIZATION ${qi(OWNER_ROLE)}`,
    `CREATE SCHEMA ${qi(ODD_SCHEMA)}`,
    `CREATE SCHEMA archive`,

    // User-defined types.
    `CREATE TYPE sales.order_status AS ENUM ('pending', 'paid', 'shipped', 'cancelled', 'refunded', 'archived')`,
    `CREATE DOMAIN sales.country_code AS varchar(5) CHECK (VALUE ~ '^[A-Z]{2,5}$')`,
    `CREATE DOMAIN sales.eu_country_code AS sales.country_code CHECK (VALUE IN ('AT', 'BE', 'DE', 'ES', 'FR', 'IT', 'NL', 'PL'))`,
    `CREATE TYPE sales.postal_address AS (street text, city text, postal_code varchar(10), country sales.country_code)`,
  ];
}
