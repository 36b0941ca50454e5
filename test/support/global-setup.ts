// Starts one shared Postgres for the whole run; workers are separate processes, so the URL travels by provide/inject.
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../../src/embedded/embedded-postgres.js';

declare module 'vitest' {
  export interface ProvidedContext {
    pgUrl: string;
  }
}

let server: EmbeddedPostgres | undefined;

export async function setup(project: TestProject): Promise<void> {
  const external = process.env.OMGEN_TEST_PG_URL;
  if (external) {
    project.provide('pgUrl', external);
    return;
  }
  // Test files read back statements they ran minutes earlier while other files fill pg_stat_statements with catalog
  // DDL; 5,000 entries (the default) can push theirs out before they are read.
  server = await startEmbeddedPostgres({ binaryPackage: 'pg18', extraConf: { 'pg_stat_statements.max': '20000' } });
  project.provide('pgUrl', server.url);
}

export async function teardown(): Promise<void> {
  await server?.stop();
  server = undefined;
}
