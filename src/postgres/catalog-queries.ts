/**
 * The catalog reads of the metadata workflow: one statement per object kind, over a whole database or a batch of
 * relations, never one per table. Pure text; parameters are always bound ($1 = an array of oids).
 * Oids come back as int8 text and are turned into numbers by the reader.
 */

/** Schemas that hold the system, not user data (pg_catalog, pg_toast, pg_temp_N, information_schema). */
const USER_SCHEMA = "n.nspname not like 'pg\\_%' and n.nspname <> 'information_schema'";

export const DATABASES_SQL = `
select d.datname as name, sd.description
from pg_catalog.pg_database d
left join pg_catalog.pg_shdescription sd on sd.objoid = d.oid and sd.classoid = 'pg_catalog.pg_database'::regclass
where d.datallowconn and not d.datistemplate
order by d.datname`;

export const CURRENT_DATABASE_SQL = `
select d.datname as name, sd.description
from pg_catalog.pg_database d
left join pg_catalog.pg_shdescription sd on sd.objoid = d.oid and sd.classoid = 'pg_catalog.pg_database'::regclass
where d.datname = current_database()`;

export const SCHEMAS_SQL = `
select n.oid::int8 as oid, n.nspname as name, d.description
from pg_catalog.pg_namespace n
left join pg_catalog.pg_description d
  on d.objoid = n.oid and d.classoid = 'pg_catalog.pg_namespace'::regclass and d.objsubid = 0
where ${USER_SCHEMA}
order by n.nspname`;

/**
 * Tables, views, materialized views and foreign tables; partitions are left to their parent, as OpenMetadata does,
 * and relations an extension owns (pg_stat_statements' view, say) are not user data.
 */
export const RELATIONS_SQL = `
select c.oid::int8 as oid, c.relnamespace::int8 as schema_oid, c.relname as name, c.relkind::text as kind,
  d.description, pg_catalog.pg_get_userbyid(c.relowner) as owner,
  pt.partstrat::text as partition_strategy, c.relpersistence::text as persistence,
  case when pt.partrelid is null then null else pg_catalog.pg_get_partkeydef(c.oid) end as partition_key,
  fs.srvname as foreign_server, ft.ftoptions as foreign_options,
  case when pt.partrelid is null then null else array(
    select coalesce(a.attname::text, '')
    from unnest(pt.partattrs::int2[]) with ordinality k(attnum, ord)
    left join pg_catalog.pg_attribute a on a.attrelid = c.oid and a.attnum = k.attnum
    order by k.ord) end as partition_columns
from pg_catalog.pg_class c
left join pg_catalog.pg_description d
  on d.objoid = c.oid and d.classoid = 'pg_catalog.pg_class'::regclass and d.objsubid = 0
left join pg_catalog.pg_partitioned_table pt on pt.partrelid = c.oid
left join pg_catalog.pg_foreign_table ft on ft.ftrelid = c.oid
left join pg_catalog.pg_foreign_server fs on fs.oid = ft.ftserver
where c.relnamespace = any($1::oid[]) and c.relkind in ('r', 'p', 'f', 'v', 'm') and not c.relispartition
  and not exists (
    select 1 from pg_catalog.pg_depend dep
    where dep.classid = 'pg_catalog.pg_class'::regclass and dep.objid = c.oid and dep.deptype = 'e')
order by c.relnamespace, c.relname`;

/** Every type the user relations of these schemas use, with the element, base and attribute types they lead to. */
export const TYPES_SQL = `
with recursive used(oid) as (
  select distinct a.atttypid
  from pg_catalog.pg_attribute a
  join pg_catalog.pg_class c on c.oid = a.attrelid
  where c.relnamespace = any($1::oid[]) and c.relkind in ('r', 'p', 'f', 'v', 'm')
    and a.attnum > 0 and not a.attisdropped
  union
  select x.oid
  from used u
  join pg_catalog.pg_type t on t.oid = u.oid
  cross join lateral (
    select t.typelem union all select t.typbasetype
    union all
    select a.atttypid from pg_catalog.pg_attribute a where a.attrelid = t.typrelid and a.attnum > 0 and not a.attisdropped
  ) x(oid)
  where x.oid <> 0
)
select t.oid::int8 as oid, t.typname as name, n.nspname as schema, t.typtype::text as kind,
  t.typcategory::text as category, t.typelem::int8 as element, t.typbasetype::int8 as base_type,
  t.typtypmod as base_typmod, t.typnotnull as not_null,
  case when t.typtype = 'c' then (
    select json_agg(json_build_array(a.attname, a.atttypid::int8, a.atttypmod, pg_catalog.format_type(a.atttypid, a.atttypmod))
      order by a.attnum)
    from pg_catalog.pg_attribute a where a.attrelid = t.typrelid and a.attnum > 0 and not a.attisdropped) end as attributes,
  n.nspname <> 'pg_catalog' and exists (
    select 1 from pg_catalog.pg_type ct
    where ct.typnamespace = 'pg_catalog'::pg_catalog.regnamespace and ct.typname = t.typname) as shadowed
from pg_catalog.pg_type t
join pg_catalog.pg_namespace n on n.oid = t.typnamespace
where t.oid in (select oid from used)`;

/** attgenerated arrived in Postgres 12; before it no column is generated. */
export function columnsSql(major: number): string {
  const generated = major >= 12 ? 'a.attgenerated::text' : "''::text";
  return `
select a.attrelid::int8 as table_oid, a.attnum::int as attnum, a.attname as name, a.atttypid::int8 as type_oid,
  a.atttypmod as typmod,
  pg_catalog.format_type(a.atttypid, a.atttypmod) as display, a.attnotnull as not_null, d.description,
  a.attidentity::text as identity, ${generated} as generated
from pg_catalog.pg_attribute a
left join pg_catalog.pg_description d
  on d.objoid = a.attrelid and d.classoid = 'pg_catalog.pg_class'::regclass and d.objsubid = a.attnum
  and d.objoid = any($1::oid[]) -- redundant, but Postgres then reads only this batch's comments, not all of them
where a.attrelid = any($1::oid[]) and a.attnum > 0 and not a.attisdropped
order by a.attrelid, a.attnum`;
}

/**
 * Column defaults and generation expressions, for the DDL only. pg_get_expr opens (and, on Postgres 16+, locks) the
 * table when given its oid, which only a generation expression needs ($2: tables with a generated column); a default
 * cannot name a column, so it is printed without the table. Apart from the columns query all the same, so that a
 * locked table with a generated column costs its DDL, not its columns. No join to pg_attribute: per batch, that
 * made Postgres scan all of it.
 */
export const COLUMN_DEFAULTS_SQL = `
select ad.adrelid::int8 as table_oid, ad.adnum::int as attnum,
  pg_catalog.pg_get_expr(ad.adbin, case when ad.adrelid = any($2::oid[]) then ad.adrelid else 0 end) as expression
from pg_catalog.pg_attrdef ad
where ad.adrelid = any($1::oid[])`;

/**
 * Primary keys, unique constraints and foreign keys, and check and exclusion constraints for the DDL. conparentid <> 0
 * marks the copies Postgres adds for partitions (and for FKs that point at a partitioned table); the parent
 * constraint already says it all.
 */
export const CONSTRAINTS_SQL = `
select c.conrelid::int8 as table_oid, c.conname as name, c.contype::text as kind,
  pg_catalog.pg_get_constraintdef(c.oid, true) as definition,
  array(
    select (select a.attname::text from pg_catalog.pg_attribute a where a.attrelid = c.conrelid and a.attnum = k.attnum)
    from unnest(c.conkey) with ordinality k(attnum, ord) order by k.ord) as columns,
  (select n.nspname from pg_catalog.pg_class rc join pg_catalog.pg_namespace n on n.oid = rc.relnamespace
   where rc.oid = c.confrelid) as referred_schema,
  (select rc.relname from pg_catalog.pg_class rc where rc.oid = c.confrelid) as referred_table,
  array(
    select (select a.attname::text from pg_catalog.pg_attribute a where a.attrelid = c.confrelid and a.attnum = k.attnum)
    from unnest(c.confkey) with ordinality k(attnum, ord) order by k.ord) as referred_columns
from pg_catalog.pg_constraint c
where c.conrelid = any($1::oid[]) and c.contype in ('p', 'u', 'f', 'c', 'x') and c.conparentid = 0
order by c.conrelid, c.contype, c.conname`;

/**
 * pg_get_viewdef locks every relation a view reads until the transaction ends, so callers send at most a few
 * hundred oids per statement (each statement is its own transaction) to stay inside the lock table.
 */
export const VIEW_DEFINITIONS_SQL = `
select c.oid::int8 as oid, pg_catalog.pg_get_viewdef(c.oid, true) as definition
from pg_catalog.pg_class c
where c.oid = any($1::oid[])`;

/** Row-level security policies: OpenMetadata's Postgres connector turns their names into tags. */
export const POLICIES_SQL = `
select p.polrelid::int8 as table_oid, p.polname as name
from pg_catalog.pg_policy p
join pg_catalog.pg_class c on c.oid = p.polrelid
where c.relnamespace = any($1::oid[])
order by p.polrelid, p.polname`;

/** Functions and procedures, leaving out those that belong to an extension (pg_stat_statements' own, say). */
export const ROUTINES_SQL = `
select p.oid::int8 as oid, p.pronamespace::int8 as schema_oid, p.proname as name, p.prokind::text as kind,
  pg_catalog.pg_get_function_identity_arguments(p.oid) as arguments, l.lanname as language,
  pg_catalog.pg_get_functiondef(p.oid) as definition, d.description,
  pg_catalog.pg_get_userbyid(p.proowner) as owner
from pg_catalog.pg_proc p
join pg_catalog.pg_language l on l.oid = p.prolang
left join pg_catalog.pg_description d
  on d.objoid = p.oid and d.classoid = 'pg_catalog.pg_proc'::regclass and d.objsubid = 0
where p.pronamespace = any($1::oid[]) and p.prokind in ('f', 'p')
  and not exists (
    select 1 from pg_catalog.pg_depend dep
    where dep.classid = 'pg_catalog.pg_proc'::regclass and dep.objid = p.oid and dep.deptype = 'e')
order by p.pronamespace, p.proname, p.oid`;

/**
 * Relations and routines an extension owns in these schemas. Not ingested, yet not gone: OpenMetadata's own
 * ingestion stored them (pg_stat_statements' view, PostGIS's functions), and mark-deleted must leave them be.
 */
export const EXTENSION_MEMBERS_SQL = `
select c.relnamespace::int8 as schema_oid, 'relation' as kind, c.relname as name, '' as arguments
from pg_catalog.pg_class c
join pg_catalog.pg_depend dep on dep.classid = 'pg_catalog.pg_class'::regclass and dep.objid = c.oid and dep.deptype = 'e'
where c.relnamespace = any($1::oid[]) and c.relkind in ('r', 'p', 'f', 'v', 'm') and not c.relispartition
union all
select p.pronamespace::int8, 'routine', p.proname, pg_catalog.pg_get_function_identity_arguments(p.oid)
from pg_catalog.pg_proc p
join pg_catalog.pg_depend dep on dep.classid = 'pg_catalog.pg_proc'::regclass and dep.objid = p.oid and dep.deptype = 'e'
where p.pronamespace = any($1::oid[]) and p.prokind in ('f', 'p')`;
