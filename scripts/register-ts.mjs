// `node --import ./scripts/register-ts.mjs src/x.ts`: runs the TypeScript sources without a build.
import { register } from 'node:module';

register('./ts-hooks.mjs', import.meta.url);
