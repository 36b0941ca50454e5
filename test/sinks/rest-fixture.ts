// Small Postgres catalogs for the metadata-rest sink tests (not a test file: vitest collects *.test.ts only).
import { manyTablesSql } from '../support/fixture-db.js';

/** Cluster-wide roles owning fixture objects: one matches an OpenMetadata user, one a team, one nothing. */
export const OWNER_ROLES = {
  user: 'omg_rest_owner_user',
  team: 'omg_rest_owner_team',
  nobody: 'omg_rest_owner_nobody',
  dotted: 'omg.rest.owner',
} as const;

const createRole = (name: string) => `DO $$ BEGIN CREATE ROLE "${name}"; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$`;

/**
 * Every entity kind the metadata workflow sends: schemas (one with a dot), tables, a view, a materialized view,
 * functions (one overloaded), a procedure, a row-level-security policy (a classification and a tag), comments, and
 * owners of each kind. No table has a single-column primary key: see `single-column primary key` in
 * rest-sink-entities.test.ts.
 */
export function restCatalogSql(): string[] {
  const { user, team, nobody, dotted } = OWNER_ROLES;
  return [
    createRole(user),
    createRole(team),
    createRole(nobody),
    createRole(dotted),
    'CREATE SCHEMA app',
    'CREATE SCHEMA "Odd.Schema"',
    `CREATE TABLE app.orders (id integer, line smallint, code varchar(12) NOT NULL, amount numeric(10,2), placed timestamptz,
       tags text[], PRIMARY KEY (id, line))`,
    "COMMENT ON TABLE app.orders IS 'Orders, one row per line'",
    "COMMENT ON COLUMN app.orders.amount IS 'in EUR'",
    `ALTER TABLE app.orders OWNER TO ${user}`,
    'ALTER TABLE app.orders ENABLE ROW LEVEL SECURITY',
    'CREATE POLICY "orders.visible" ON app.orders USING (true)',
    'CREATE TABLE app."line.items" (order_id integer, sku char(8) UNIQUE, qty integer NOT NULL)',
    `ALTER TABLE app."line.items" OWNER TO ${team}`,
    'CREATE TABLE app.customers (email text, name varchar(40))',
    `ALTER TABLE app.customers OWNER TO ${nobody}`,
    'CREATE TABLE app.audit (at timestamptz NOT NULL, what text)',
    `ALTER TABLE app.audit OWNER TO "${dotted}"`,
    'CREATE VIEW app.big_orders AS SELECT id, amount FROM app.orders WHERE amount > 100',
    'CREATE MATERIALIZED VIEW app.order_totals AS SELECT id, sum(amount) AS total FROM app.orders GROUP BY id',
    'CREATE FUNCTION app.total(o integer) RETURNS numeric LANGUAGE sql AS $$ SELECT sum(amount) FROM app.orders WHERE id = o $$',
    `ALTER FUNCTION app.total(integer) OWNER TO ${user}`,
    'CREATE FUNCTION app.fmt(x integer) RETURNS text LANGUAGE sql AS $$ SELECT x::text $$',
    'CREATE FUNCTION app.fmt(x text) RETURNS text LANGUAGE sql AS $$ SELECT x $$',
    'CREATE PROCEDURE app.refresh() LANGUAGE plpgsql AS $$ BEGIN REFRESH MATERIALIZED VIEW app.order_totals; END $$',
    'CREATE TABLE "Odd.Schema"."my.table" (k integer, v jsonb)',
    'COMMENT ON SCHEMA "Odd.Schema" IS \'dots everywhere\'',
  ];
}

/**
 * `count` tables in schema `bulk` plus a view, as manyTablesSql makes them but keyed by `UNIQUE (id)` instead of a
 * single-column primary key (which the server refuses while omgen also sends it as a table constraint).
 */
export function bulkTablesSql(count: number): string[] {
  return manyTablesSql(count).map((sql) => sql.replace('id integer PRIMARY KEY', 'id integer NOT NULL UNIQUE'));
}
