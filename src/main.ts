import { runAction } from './action/run.js';
import { workerBundle } from './parallel.js';

await runAction(process.env, workerBundle(import.meta.url, 'worker/index.js'));
