// Corpus cases for the containers: the database service, classifications and tags, databases and schemas.
import { label, type Case } from './corpus-case.js';

const postgres = { type: 'Postgres', username: 'om', authType: { password: 'pw' }, hostPort: 'pg:5432', database: 'postgres', sslMode: 'disable' };

export const CONTAINER_CASES: Case[] = [
  {
    label: 'Postgres service',
    path: 'services/databaseServices',
    schema: 'api/services/createDatabaseService.json',
    body: () => ({ name: 'corpus_svc', serviceType: 'Postgres', description: 'corpus', connection: { config: postgres } }),
    verdict: 'both',
  },
  {
    label: 'service with a misspelled connection key',
    path: 'services/databaseServices',
    schema: 'api/services/createDatabaseService.json',
    body: () => ({ name: 'bad_svc', serviceType: 'Postgres', connection: { config: { ...postgres, hostport: 'x' } } }),
    verdict: 'neither',
  },
  {
    label: 'service with a lower-case serviceType',
    path: 'services/databaseServices',
    schema: 'api/services/createDatabaseService.json',
    body: () => ({ name: 'bad_svc', serviceType: 'postgres' }),
    verdict: 'neither',
  },
  {
    label: 'classification',
    path: 'classifications',
    schema: 'api/classification/createClassification.json',
    body: () => ({ name: 'PostgresPolicyTags', description: 'Postgres Tag Name' }),
    verdict: 'both',
  },
  {
    label: 'classification without description',
    path: 'classifications',
    schema: 'api/classification/createClassification.json',
    body: () => ({ name: 'NoDescription' }),
    verdict: 'neither',
  },
  {
    label: 'tag',
    path: 'tags',
    schema: 'api/classification/createTag.json',
    body: () => ({ name: 'rls_policy', classification: 'PostgresPolicyTags', description: 'Postgres Tag Value' }),
    verdict: 'both',
  },
  {
    label: 'database',
    path: 'databases',
    schema: 'api/data/createDatabase.json',
    body: () => ({ name: 'corpus_db', service: 'corpus_svc', sourceHash: 'd41d8cd98f00b204e9800998ecf8427e' }),
    verdict: 'both',
  },
  {
    label: 'database with owners (a newer release key)',
    path: 'databases',
    schema: 'api/data/createDatabase.json',
    body: (ids) => ({ name: 'db2', service: 'corpus_svc', owners: [{ id: ids.user, type: 'user' }] }),
    verdict: 'neither',
  },
  {
    label: 'schema with a dot in its name and a source URL',
    path: 'databaseSchemas',
    schema: 'api/data/createDatabaseSchema.json',
    body: () => ({
      name: 'sales.eu',
      database: 'corpus_svc.corpus_db',
      sourceUrl: 'https://pg.example.com/sales.eu',
      tags: [label('PostgresPolicyTags.rls_policy')],
    }),
    verdict: 'both',
  },
  {
    label: 'schema with a malformed source URL',
    path: 'databaseSchemas',
    schema: 'api/data/createDatabaseSchema.json',
    body: () => ({ name: 'other', database: 'corpus_svc.corpus_db', sourceUrl: 'not a url' }),
    verdict: 'neither',
  },
];
