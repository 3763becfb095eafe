// First: see event-path.ts.
import { restoreEventPath } from './action/event-path.js';
import { runAction } from './action/run.js';
import { workerBundle } from './parallel.js';

restoreEventPath();
await runAction(process.env, workerBundle(import.meta.url, 'worker/index.js'));
