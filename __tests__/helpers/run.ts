import { execFile, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parse } from 'yaml';

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

export function runCli(args: string[], cwd: string): Result {
  const result = spawnSync(process.execPath, [join(ROOT, 'dist/cli/index.js'), ...args], {
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
function prepare(options: ActionOptions) {
  const runner = tempDir('klip-lint-runner-');
  const files = {
    event: join(runner, 'event.json'),
    summary: join(runner, 'summary.md'),
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

/** Runs `node dist/index.js` as the runner does: inputs, event payload, summary and output files. */
export function runAction(options: ActionOptions): ActionRun {
  const { env, collect } = prepare(options);
  const result = spawnSync(process.execPath, [join(ROOT, 'dist/index.js')], {
    cwd: options.workspace,
    env,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  return collect(result.status, result.stdout, result.stderr);
}

/** The same, without blocking this process: for tests that serve an API to the action. */
export function runActionAsync(options: ActionOptions): Promise<ActionRun> {
  const { env, collect } = prepare(options);
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [join(ROOT, 'dist/index.js')],
      { cwd: options.workspace, env, encoding: 'utf8' },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve(collect(code, stdout, stderr));
      },
    );
  });
}
