// First: see event-path.ts.
import { restoreEventPath } from '../action/event-path.js';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { runAction } from '../action/run.js';
import { workerBundle } from '../sources/parallel.js';

/**
 * The action's entry: what `dist/index.js` runs, and what `@github/local-action` imports and
 * calls (`npx @github/local-action run . src/entry/action.ts .env`). It reports failures through the
 * runner itself and never throws.
 */
export async function run(): Promise<void> {
  restoreEventPath();
  const worker = workerBundle(import.meta.url, 'worker/index.js');
  // Run from the sources (local-action), there is no worker bundle: the main thread parses all.
  await runAction(process.env, existsSync(fileURLToPath(worker)) ? worker : undefined);
}
