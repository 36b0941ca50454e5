// Holding a lock from another session, to put the worker in a known place (waiting on it) or to fail one relation.
import pg from 'pg';

/** Holds ACCESS EXCLUSIVE on `relation` in an open transaction until release(). */
export async function lockRelation(url: string, relation: string): Promise<{ release(): Promise<void> }> {
  const client = new pg.Client({ connectionString: url });
  client.on('error', () => undefined); // a server shutting down ends this session too
  await client.connect();
  await client.query('begin');
  await client.query(`lock table ${relation} in access exclusive mode`);
  return { release: () => client.query('rollback').then(() => client.end(), () => client.end().catch(() => undefined)) };
}
