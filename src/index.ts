import { run } from './main.js';

// The bundle's entry (dist/index.js): the runner starts it; `run` is in main.ts for local-action.
await run();
