import { execFile, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parse } from 'yaml';
import { distIsFresh } from '../../scripts/dist-stamp.mjs';

export const ROOT = join(dirname(new URL(import.meta.url).pathname), '..', '..');

export function tempDir(prefix = 'klip-lint-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Writes files (relative path -> text) under a folder. */
export function writeFiles(root: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
}

export interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** A stream's writes, kept as text: a CLI's or an action's stdout and stderr in this process. */
class Kept {
  text = '';
  readonly write = (chunk: string | Uint8Array): boolean => {
    this.text += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    return true;
  };
}

/**
 * The CLI's `cli` function from the sources, in this process: the arguments, the working
 * directory, what it writes and its exit code, as the bin gives them. Large folders are parsed on
 * this thread: there is no worker bundle here (runBuiltCli covers the workers).
 */
export async function runCli(args: string[], cwd: string): Promise<Result> {
  const { cli } = await import('../../src/cli/main.js');
  const stdout = new Kept();
  const stderr = new Kept();
  const code = await cli(args, { cwd, stdout, stderr });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

/**
 * dist/ must be a build of these sources before a test runs it: jest's global setup builds it,
 * and this refuses a bundle that went stale since (an edit during --watch).
 */
let fresh = false;
export function builtBundle(path: string): string {
  if (!fresh && !distIsFresh())
    throw new Error('dist/ is not a build of src/: run npm run build (npm test builds it).');
  fresh = true;
  return join(ROOT, path);
}

/** The built bin, `node dist/cli/index.js`, in a child process: as a user runs it. */
export function runBuiltCli(args: string[], cwd: string): Result {
  const result = spawnSync(process.execPath, [builtBundle('dist/cli/index.js'), ...args], {
    cwd,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

export interface Command {
  command: string;
  properties: Record<string, string>;
  message: string;
  /** The rule page an annotation links to, taken off the end of its message. */
  docs?: string;
}

/** Workflow commands (`::error file=...::message`) as the runner reads them from stdout. */
export function workflowCommands(stdout: string): Command[] {
  return stdout.split(/\r?\n/).flatMap((line) => {
    const match = /^::([a-z-]+)(?: ([^:]*))?::(.*)$/.exec(line);
    if (!match) return [];
    const properties: Record<string, string> = {};
    for (const pair of (match[2] ?? '').split(',').filter(Boolean)) {
      const at = pair.indexOf('=');
      properties[pair.slice(0, at)] = unescapeProperty(pair.slice(at + 1));
    }
    const text = unescapeData(match[3] ?? '');
    const docs = / See (\S+\/docs\/rules\/[a-z-]+\.md)$/.exec(text);
    const message = docs ? text.slice(0, docs.index) : text;
    return [
      { command: match[1] as string, properties, message, ...(docs ? { docs: docs[1] } : {}) },
    ];
  });
}

function unescapeData(text: string): string {
  return text.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
}

function unescapeProperty(text: string): string {
  return unescapeData(text).replace(/%3A/g, ':').replace(/%2C/g, ',');
}

/** Reads a GITHUB_OUTPUT file written with `name<<delimiter` blocks. */
export function readOutputs(path: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = readFileSync(path, 'utf8').split('\n');
  for (let i = 0; i < lines.length; i++) {
    const match = /^([^<]+)<<(.+)$/.exec(lines[i] ?? '');
    if (!match) continue;
    const value: string[] = [];
    for (i++; i < lines.length && lines[i] !== match[2]; i++) value.push(lines[i] ?? '');
    outputs[match[1] as string] = value.join('\n');
  }
  return outputs;
}

/** The INPUT_* variables the runner sets from action.yml's defaults. */
export function defaultInputs(): Record<string, string> {
  const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as {
    inputs: Record<string, { default?: string }>;
  };
  return Object.fromEntries(
    // Expressions such as ${{ github.token }} are the runner's to expand; here they stay empty.
    Object.entries(action.inputs).map(([name, input]) => [
      `INPUT_${name.replace(/ /g, '_').toUpperCase()}`,
      (input.default ?? '').includes('${{') ? '' : (input.default ?? ''),
    ]),
  );
}

export interface ActionRun extends Result {
  commands: Command[];
  outputs: Record<string, string>;
  summary: string;
  workspace: string;
}

export interface ActionOptions {
  workspace: string;
  inputs?: Record<string, string>;
  event?: string;
  payload?: unknown;
  env?: Record<string, string>;
}

/** The environment the runner gives a step: its files, the repository, inputs as INPUT_*. */
export function runnerEnv(
  options: ActionOptions,
  files: { event: string; summary: string; output: string; temp: string },
): Record<string, string> {
  const inputs = Object.fromEntries(
    Object.entries(options.inputs ?? {}).map(([name, value]) => [
      `INPUT_${name.toUpperCase()}`,
      value,
    ]),
  );
  return {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: options.event ?? 'workflow_dispatch',
    GITHUB_EVENT_PATH: files.event,
    GITHUB_WORKSPACE: options.workspace,
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_OUTPUT: files.output,
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_REPOSITORY: 'example/proposals',
    GITHUB_SHA: '0123456789abcdef0123456789abcdef01234567',
    GITHUB_REF: 'refs/heads/main',
    RUNNER_TEMP: files.temp,
    ...defaultInputs(),
    ...inputs,
    ...options.env,
  };
}

/** The runner's files and environment for one step. */
function prepare(options: ActionOptions, summaryFile?: string) {
  const runner = tempDir('klip-lint-runner-');
  const files = {
    event: join(runner, 'event.json'),
    summary: summaryFile ?? join(runner, 'summary.md'),
    output: join(runner, 'output.txt'),
  };
  writeFileSync(files.event, JSON.stringify(options.payload ?? {}));
  writeFileSync(files.summary, '');
  writeFileSync(files.output, '');
  const env = runnerEnv(options, { ...files, temp: runner });
  const collect = (code: number | null, stdout: string, stderr: string): ActionRun => ({
    code,
    stdout,
    stderr,
    commands: workflowCommands(stdout),
    outputs: readOutputs(files.output),
    summary: readFileSync(files.summary, 'utf8'),
    workspace: options.workspace,
  });
  return { env, collect };
}

// @actions/core keeps the summary file's path after its first use: every in-process run of a
// test file writes the same one, emptied before each run.
let summaryFile: string | undefined;
let action: typeof import('../../src/action/run.js') | undefined;
let running = false;

/**
 * The action's run function from the sources, in this process, with the runner's environment,
 * working directory and files: what `node dist/index.js` does, without a process or a build.
 * Runs one at a time: it borrows process.env, the working directory and the output streams.
 */
export async function runAction(options: ActionOptions): Promise<ActionRun> {
  if (running) throw new Error('runAction runs one action at a time: await the one before.');
  summaryFile ??= join(tempDir('klip-lint-summary-'), 'summary.md');
  const { env, collect } = prepare(options, summaryFile);
  const saved = { env: process.env, cwd: process.cwd() };
  const streams = { stdout: process.stdout.write, stderr: process.stderr.write };
  const stdout = new Kept();
  const stderr = new Kept();
  let code: number;
  running = true;
  try {
    process.env = { ...env, NODE_OPTIONS: saved.env.NODE_OPTIONS ?? '' };
    process.exitCode = undefined;
    process.chdir(options.workspace);
    process.stdout.write = stdout.write as typeof process.stdout.write;
    process.stderr.write = stderr.write as typeof process.stderr.write;
    action ??= await import('../../src/action/run.js');
    // As src/entry/action.ts runs it from the sources: no worker bundle, this thread parses all.
    await action.runAction(process.env);
  } finally {
    process.stdout.write = streams.stdout;
    process.stderr.write = streams.stderr;
    process.env = saved.env;
    process.chdir(saved.cwd);
    code = Number(process.exitCode ?? 0);
    process.exitCode = undefined;
    running = false;
  }
  return collect(code, stdout.text, stderr.text);
}

/** The built action, `node dist/index.js`, as the runner runs it: inputs, event payload, summary and output files. */
export function runBuiltAction(options: ActionOptions): Promise<ActionRun> {
  const { env, collect } = prepare(options);
  const bundle = builtBundle('dist/index.js');
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [bundle],
      { cwd: options.workspace, env, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve(collect(code, stdout, stderr));
      },
    );
  });
}
