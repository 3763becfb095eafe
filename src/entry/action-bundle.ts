import { run } from './action.js';

// The bundle's entry (dist/index.js): the runner starts it; `run` is in action.ts for local-action.
await run();
