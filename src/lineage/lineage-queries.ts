/**
 * Catalog reads of the lineage workflow: one statement per kind of fact for the whole database, never one per
 * table. Only persistent relations: a temp table belongs to another session and is gone with it.
 */
const USER_SCHEMAS = `n.nspname not in ('pg_catalog', 'information_schema') and n.nspname !~ '^pg_(toast|temp_)'`;

/** Every relation a statement can name, with its columns in attnum order. */
export const LINEAGE_RELATIONS_SQL = `
select c.oid::int8 as oid, n.nspname as schema, c.relname as name, c.relkind as kind,
       coalesce(array_agg(a.attname::text order by a.attnum) filter (where a.attnum is not null), '{}'::text[]) as columns
from pg_catalog.pg_class c
join pg_catalog.pg_namespace n on n.oid = c.relnamespace
left join pg_catalog.pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
where c.relkind in ('r', 'p', 'v', 'm', 'f') and c.relpersistence <> 't' and ${USER_SCHEMAS}
  -- an extension's own relations (pg_stat_statements' views) are not the user's data
  and not exists (select 1 from pg_catalog.pg_depend e where e.classid = 'pg_catalog.pg_class'::pg_catalog.regclass and e.objid = c.oid and e.deptype = 'e')
group by c.oid, n.nspname, c.relname, c.relkind`;

/** Relations an unqualified name can mean before the search path is consulted. */
export const SYSTEM_RELATION_NAMES_SQL = `
select c.relname as name
from pg_catalog.pg_class c
join pg_catalog.pg_namespace n on n.oid = c.relnamespace
where n.nspname = 'pg_catalog' and c.relkind in ('r', 'p', 'v', 'm', 'f')`;

/** search_path set for a role in this database, for the role everywhere, or for everyone in this database. */
export const ROLE_SEARCH_PATHS_SQL = `
select coalesce(r.rolname, '') as role, s.setdatabase <> 0 as database_specific, cfg as setting
from pg_catalog.pg_db_role_setting s
left join pg_catalog.pg_roles r on r.oid = s.setrole
cross join lateral unnest(s.setconfig) as cfg
where (s.setdatabase = 0 or s.setdatabase = (select oid from pg_catalog.pg_database where datname = current_database()))
  and cfg like 'search\\_path=%'`;

/**
 * What Postgres itself recorded that each view reads: the tables and columns its rewrite rule depends on. A
 * whole-table dependency (no column) has attnum 0.
 */
export const VIEW_DEPENDENCIES_SQL = `
select r.ev_class::int8 as view_oid, rn.nspname as schema, rc.relname as name, coalesce(a.attname, '') as column
from pg_catalog.pg_rewrite r
join pg_catalog.pg_depend d on d.classid = 'pg_catalog.pg_rewrite'::pg_catalog.regclass and d.objid = r.oid
 and d.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass and d.refobjid <> r.ev_class
join pg_catalog.pg_class rc on rc.oid = d.refobjid
join pg_catalog.pg_namespace rn on rn.oid = rc.relnamespace
left join pg_catalog.pg_attribute a on a.attrelid = d.refobjid and a.attnum = d.refobjsubid and d.refobjsubid > 0
where r.ev_class = any($1::oid[])`;

/**
 * Functions and procedures whose bodies hold statements we can read (SQL and PL/pgSQL), outside extensions, with
 * the full definition PL/pgSQL's parser needs and whether the name is overloaded (it then carries its arguments).
 */
export const ROUTINE_BODIES_SQL = `
select n.nspname as schema, p.proname as name, pg_catalog.pg_get_function_identity_arguments(p.oid) as arguments,
       l.lanname as language, p.prosrc as source, pg_catalog.pg_get_functiondef(p.oid) as definition,
       count(*) over (partition by p.pronamespace, p.proname) > 1 as overloaded,
       (select substr(c, length('search_path=') + 1) from pg_catalog.unnest(p.proconfig) as c where c like 'search\\_path=%') as search_path
from pg_catalog.pg_proc p
join pg_catalog.pg_namespace n on n.oid = p.pronamespace
join pg_catalog.pg_language l on l.oid = p.prolang
where p.prokind in ('f', 'p') and l.lanname in ('sql', 'plpgsql') and ${USER_SCHEMAS}
  and not exists (select 1 from pg_catalog.pg_depend e where e.classid = 'pg_catalog.pg_proc'::pg_catalog.regclass and e.objid = p.oid and e.deptype = 'e')`;
