import { runAction } from './action/run.js';

await runAction();
