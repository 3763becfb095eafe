import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  readOutputs,
  runnerEnv,
  tempDir,
  workflowCommands,
  type ActionOptions,
  type ActionRun,
} from './run.js';

// The action's run function in this process, with the runner's environment and files: quicker
// than `node dist/index.js`, and it needs no build. @actions/core keeps the summary file's path
// after its first use, so every run of a test file writes the same one, emptied before each run.
const runner = tempDir('klip-lint-runner-');
const summaryFile = join(runner, 'summary.md');

export type InProcessOptions = ActionOptions;

let count = 0;
let action: typeof import('../../src/action/run.js') | undefined;

export async function runActionInProcess(options: InProcessOptions): Promise<ActionRun> {
  const dir = join(runner, String(++count));
  mkdirSync(dir);
  const files = { event: join(dir, 'event.json'), output: join(dir, 'output.txt') };
  writeFileSync(files.event, JSON.stringify(options.payload ?? {}));
  writeFileSync(files.output, '');
  writeFileSync(summaryFile, '');
  const env = runnerEnv(options, { ...files, summary: summaryFile, temp: dir });
  const saved = process.env;
  const savedCwd = process.cwd();
  const write = process.stdout.write;
  let stdout = '';
  process.env = { ...env, NODE_OPTIONS: saved.NODE_OPTIONS ?? '' };
  process.exitCode = undefined;
  process.chdir(options.workspace);
  process.stdout.write = ((chunk: string | Uint8Array) => {
    stdout += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    return true;
  }) as typeof process.stdout.write;
  let code: number;
  try {
    // @actions/github reads GITHUB_API_URL once, when it is first imported: one API per test file.
    action ??= await import('../../src/action/run.js');
    await action.runAction(process.env);
  } finally {
    process.stdout.write = write;
    process.env = saved;
    process.chdir(savedCwd);
    code = Number(process.exitCode ?? 0);
    process.exitCode = undefined;
  }
  return {
    code,
    stdout,
    stderr: '',
    commands: workflowCommands(stdout),
    outputs: readOutputs(files.output),
    summary: readFileSync(summaryFile, 'utf8'),
    workspace: options.workspace,
  };
}
