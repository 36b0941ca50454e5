// Our JSON Schemas against OpenMetadata 1.4's own (when they are checked out next to the repo): we declare every key
// and default OpenMetadata declares, and the 1.4-style fixtures are valid for OpenMetadata itself.
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import { describeErrors, fixtureFiles, omSpecDir, readFixture, readJson, schemaDir } from './workflow-schema-files.js';

type Schema = Record<string, any>;

interface Loc {
  schema: Schema;
  file: string;
}

const jsonCache = new Map<string, Schema>();
function cachedJson(file: string): Schema {
  let doc = jsonCache.get(file);
  if (!doc) {
    doc = readJson<Schema>(file);
    jsonCache.set(file, doc);
  }
  return doc;
}

function resolveRef(ref: string, from: string): Loc {
  const [path, pointer = ''] = ref.split('#');
  const file = path ? resolve(dirname(from), path) : from;
  let node: unknown = cachedJson(file);
  for (const raw of pointer.split('/').filter(Boolean)) {
    const part = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    node = (node as Schema)[part];
    if (node === undefined) throw new Error(`cannot resolve ${ref} from ${from}`);
  }
  return { schema: node as Schema, file };
}

function at(file: string, pointer = ''): Loc {
  return resolveRef(`#${pointer}`, file);
}

function deref(loc: Loc): Loc {
  let cur = loc;
  for (let i = 0; cur.schema.$ref && i < 20; i++) cur = resolveRef(cur.schema.$ref as string, cur.file);
  return cur;
}

/** The default a property ends up with: its own, else the one of the schema it $refs. */
function effectiveDefault(loc: Loc): unknown {
  if ('default' in loc.schema) return loc.schema.default;
  if (loc.schema.$ref) return effectiveDefault(resolveRef(loc.schema.$ref as string, loc.file));
  return undefined;
}

function branches(loc: Loc): Loc[] {
  const d = deref(loc);
  return [...(d.schema.oneOf ?? []), ...(d.schema.anyOf ?? []), ...(d.schema.allOf ?? [])].map((s: Schema) => ({
    schema: s,
    file: d.file,
  }));
}

/** Property name -> schema, including the properties of oneOf/anyOf/allOf branches (first one wins). */
function propsOf(loc: Loc): Map<string, Loc> {
  const d = deref(loc);
  const out = new Map<string, Loc>();
  for (const [name, s] of Object.entries((d.schema.properties ?? {}) as Schema)) out.set(name, { schema: s, file: d.file });
  for (const b of branches(d)) for (const [name, l] of propsOf(b)) if (!out.has(name)) out.set(name, l);
  return out;
}

/** A branch's tag: the first property limited to one value (const or a one-value enum). */
function branchTag(loc: Loc): string | undefined {
  for (const [name, p] of propsOf(loc)) {
    const s = deref(p).schema;
    const values = 'const' in s ? [s.const] : Array.isArray(s.enum) && s.enum.length === 1 ? s.enum : undefined;
    if (values) return `${name}=${String(values[0])}`;
  }
  return undefined;
}

function isFreeForm(loc: Loc): boolean {
  return propsOf(loc).size === 0;
}

/** Deliberate default differences, keyed by the last part of the property path (wherever the schema is used). */
const KNOWN_DEFAULT_DIFFERENCES: Record<string, string> = {
  'openMetadataServerConfig.limitRecords': 'OpenMetadata declares the string "1000" on an integer key; we use 1000',
};

function isKnownDifference(ourFile: string, path: string): boolean {
  const full = ourFile === 'openMetadataConnection.json' ? `openMetadataServerConfig.${path}` : path;
  return Object.keys(KNOWN_DEFAULT_DIFFERENCES).some((k) => full === k || full.endsWith(`.${k}`));
}

function compare(om: Loc, ours: Loc, ourFile: string, path: string, depth: number, problems: string[]): void {
  const omBranches = branches(om).map((b) => [branchTag(b), b] as const);
  const ourBranches = branches(ours).map((b) => [branchTag(b), b] as const);
  // Discriminated unions on both sides: compare branch by branch (OpenMetadata branches we do not support are skipped).
  if (omBranches.length > 1 && ourBranches.length > 1 && omBranches.every(([t]) => t) && ourBranches.every(([t]) => t)) {
    for (const [tag, ourBranch] of ourBranches) {
      const match = omBranches.find(([t]) => t === tag);
      if (match) compare(match[1], ourBranch, ourFile, `${path}[${tag}]`, depth, problems);
    }
    // sourceConfig.config lists every OpenMetadata pipeline type; we only take the six database ones.
    if (path !== 'source.sourceConfig.config') {
      const ourTags = new Set(ourBranches.map(([t]) => t));
      for (const [t] of omBranches) if (!ourTags.has(t)) problems.push(`${ourFile} ${path}: no branch for ${t}`);
    }
    return;
  }
  const ourProps = propsOf(ours);
  for (const [name, omProp] of propsOf(om)) {
    const here = path ? `${path}.${name}` : name;
    const ourProp = ourProps.get(name);
    if (!ourProp) {
      problems.push(`${ourFile} ${here}: missing`);
      continue;
    }
    const omDefault = effectiveDefault(omProp);
    const ourDefault = effectiveDefault(ourProp);
    if (!isDeepStrictEqual(omDefault, ourDefault) && !isKnownDifference(ourFile, here)) {
      problems.push(`${ourFile} ${here}: default ${JSON.stringify(ourDefault)}, OpenMetadata ${JSON.stringify(omDefault)}`);
    }
    if (depth > 0 && !isFreeForm(omProp) && !isFreeForm(ourProp)) compare(omProp, ourProp, ourFile, here, depth - 1, problems);
  }
}

const MAPPINGS: Array<[ourFile: string, omFile: string, omPointer: string]> = [
  ['filterPattern.json', 'type/filterPattern.json', '/definitions/filterPattern'],
  ['openMetadataConnection.json', 'entity/services/connections/metadata/openMetadataConnection.json', ''],
  ['postgresConnection.json', 'entity/services/connections/database/postgresConnection.json', ''],
  ['databaseServiceMetadataPipeline.json', 'metadataIngestion/databaseServiceMetadataPipeline.json', ''],
  ['databaseServiceQueryUsagePipeline.json', 'metadataIngestion/databaseServiceQueryUsagePipeline.json', ''],
  ['databaseServiceQueryLineagePipeline.json', 'metadataIngestion/databaseServiceQueryLineagePipeline.json', ''],
  ['databaseServiceProfilerPipeline.json', 'metadataIngestion/databaseServiceProfilerPipeline.json', ''],
  ['testSuitePipeline.json', 'metadataIngestion/testSuitePipeline.json', ''],
  ['dbtPipeline.json', 'metadataIngestion/dbtPipeline.json', ''],
  ['workflow.json', 'metadataIngestion/workflow.json', '/properties/openMetadataWorkflowConfig'],
];

function omAjv(): Ajv {
  // OpenMetadata's files as its README says to load them: $id rewritten from the path (four files share one $id upstream).
  const om = new Ajv({ strict: false, allErrors: true, validateFormats: false });
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? walk(join(dir, e.name)) : e.name.endsWith('.json') ? [join(dir, e.name)] : [],
    );
  for (const file of walk(omSpecDir)) {
    const schema = readJson<Schema>(file);
    schema.$id = `https://open-metadata.org/schema/${relative(omSpecDir, file).split(sep).join('/')}`;
    om.addSchema(schema);
  }
  return om;
}

describe.skipIf(!existsSync(omSpecDir))('coverage of OpenMetadata 1.4 schemas', () => {
  it.each(MAPPINGS)('%s declares every key and default of OpenMetadata %s', (ourFile, omFile, pointer) => {
    const problems: string[] = [];
    compare(at(join(omSpecDir, omFile), pointer), at(join(schemaDir, ourFile)), ourFile, '', 2, problems);
    expect(problems).toEqual([]);
  });

  it('the comparison notices a missing key and a changed default', () => {
    const ours = structuredClone(readJson<Schema>(join(schemaDir, 'databaseServiceMetadataPipeline.json')));
    delete ours.properties.includeDDL;
    ours.properties.threads.default = 2;
    const file = join(schemaDir, 'databaseServiceMetadataPipeline.json');
    const problems: string[] = [];
    compare(at(join(omSpecDir, 'metadataIngestion/databaseServiceMetadataPipeline.json')), { schema: ours, file }, 'x', '', 2, problems);
    expect(problems).toEqual(['x includeDDL: missing', 'x threads: default 2, OpenMetadata 1']);
  });

  it('the comparison looks into nested objects and discriminated branches', () => {
    const run = (ourFile: string, omFile: string, mutate: (s: Schema) => void): string[] => {
      const file = join(schemaDir, ourFile);
      const ours = structuredClone(readJson<Schema>(file));
      mutate(ours);
      // Local $refs are resolved through the cache, so the mutated copy stands in for the file while comparing.
      jsonCache.set(file, ours);
      try {
        const problems: string[] = [];
        compare(at(join(omSpecDir, omFile)), at(file), ourFile, '', 2, problems);
        return problems;
      } finally {
        jsonCache.delete(file);
      }
    };
    expect(
      run('postgresConnection.json', 'entity/services/connections/database/postgresConnection.json', (s) => {
        delete s.properties.authType.properties.azureConfig;
        delete s.properties.sslMode.default;
        delete s.properties.sslConfig.properties.sslKey;
      }),
    ).toEqual([
      'postgresConnection.json authType.azureConfig: missing',
      'postgresConnection.json sslMode: default undefined, OpenMetadata "disable"',
      'postgresConnection.json sslConfig.sslKey: missing',
    ]);
    expect(
      run('dbtPipeline.json', 'metadataIngestion/dbtPipeline.json', (s) => {
        delete s.definitions.cloud.properties.dbtCloudJobId;
        s.definitions.cloud.properties.dbtCloudUrl.default = 'https://emea.dbt.com';
        delete s.definitions.bucketPrefix.properties.dbtObjectPrefix;
      }),
    ).toEqual([
      'dbtPipeline.json dbtConfigSource[dbtConfigType=cloud].dbtCloudJobId: missing',
      'dbtPipeline.json dbtConfigSource[dbtConfigType=cloud].dbtCloudUrl: default "https://emea.dbt.com", OpenMetadata "https://cloud.getdbt.com"',
      'dbtPipeline.json dbtConfigSource[dbtConfigType=s3].dbtPrefixConfig.dbtObjectPrefix: missing',
      'dbtPipeline.json dbtConfigSource[dbtConfigType=gcs].dbtPrefixConfig.dbtObjectPrefix: missing',
      'dbtPipeline.json dbtConfigSource[dbtConfigType=azure].dbtPrefixConfig.dbtObjectPrefix: missing',
    ]);
    expect(
      run('databaseServiceMetadataPipeline.json', 'metadataIngestion/databaseServiceMetadataPipeline.json', (s) => {
        s.definitions.incremental.properties.lookbackDays.default = 3;
      }),
    ).toEqual(['databaseServiceMetadataPipeline.json incremental.lookbackDays: default 3, OpenMetadata 7']);
  });

  it('1.4-style fixtures are valid for OpenMetadata 1.4 itself; the newer-keys and AutoClassification (1.7) fixtures are not', () => {
    const om = omAjv();
    const validate = om.getSchema('https://open-metadata.org/schema/metadataIngestion/workflow.json#/properties/openMetadataWorkflowConfig');
    if (!validate) throw new Error('OpenMetadata workflow schema not found');
    for (const file of fixtureFiles) {
      const ok = validate(readFixture<Schema>(file)) as boolean;
      if (file === 'metadata-newer-keys.yaml' || file === 'auto-classification.yaml') expect(ok, file).toBe(false);
      else expect(describeErrors(validate.errors), file).toEqual([]);
    }
  });
});
