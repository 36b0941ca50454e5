import { COLUMN_TESTS } from './column-tests.js';
import { TABLE_TESTS } from './table-tests.js';
import type { TestContext } from './test-context.js';
import type { TestOutcome } from './test-result.js';

export { selectList, type TestContext } from './test-context.js';

/** How each test definition om-worker runs is evaluated, by definition name. */
export const EVALUATORS: Record<string, (ctx: TestContext) => Promise<TestOutcome>> = { ...TABLE_TESTS, ...COLUMN_TESTS };
