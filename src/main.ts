import { runAction } from './action/run.js';
import { serveAsWorker } from './parallel.js';

// The bundle is also its own worker, parsing a share of a large folder on another core.
if (!serveAsWorker()) await runAction(process.env, new URL(import.meta.url));
