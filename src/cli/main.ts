import { existsSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { parseArgs } from 'node:util';
import {
  countFindings,
  fails,
  failureMessage,
  type FailOn,
  type PreExisting,
  type Report,
} from '../report/report.js';
import { formatText } from '../report/text.js';
import { toSarif } from '../report/sarif.js';
import { fixFolder } from '../use-cases/fix-folder.js';
import { judgeWorkTree } from '../use-cases/judge-change.js';
import { lintFolder } from '../use-cases/lint-folder.js';
import { createProposal } from '../use-cases/new-proposal.js';
import { UsageError } from '../model/usage-error.js';
import { RULES } from '../rules/index.js';
import { configSchema } from '../config/schema.js';
import { checkFolder, locate } from '../sources/folder.js';
import { workerBundle } from '../sources/parallel.js';
import { WorkTreeSnapshot } from '../sources/snapshot.js';
import { loadConfig } from '../config/find.js';
import { ConfigError, ENGINE_IDS } from '../config/load.js';
import { VERSION } from '../model/version.js';
import { indexCommand, listCommand } from './catalogue-commands.js';
import type { CliContext } from './context.js';

const USAGE = `Usage: klip-lint [paths...] [options]
       klip-lint new "Title" [folder]
       klip-lint schema
       klip-lint list [folder] [--format text|json|markdown] [--status S] [--author A]
       klip-lint index [folder] [--check]

Checks KLIP proposals against the folder's template, index and numbering conventions.

Paths are proposals folders or proposal files (default: the configuration's
path, else ./design-proposals).
Files are checked against the rest of their folder.

Commands:
  new "Title" [folder]  create klip-<n>-<slug>.md from the template with the next free
                        number, add its index row and raise "Next KLIP number"
  schema                print the JSON Schema of the configuration file
  list [folder]         every proposal: number, title, file, status, authors, release
                        target, discussion, and its index row's status and releases;
                        --format text (a table), json (docs/catalogue.md) or markdown;
                        --status S and --author A keep the matching ones
  index [folder]        rewrite the index's rows and "Next KLIP number" from the
                        proposals, keeping every other cell and the text around them;
                        with --check, print the difference and exit 1 when there is one

Options:
  --fix                 rewrite what is mechanical, in place, then report the rest:
                        status spelling, the metadata line form, the title's form,
                        missing index rows, index statuses, the next KLIP number
                        (not with --base)
  --base REF            judge only what changed since REF (a branch, tag or commit):
                        the changed proposals, status transitions, renumbering and
                        deletions, against the merge base of REF and HEAD; the work
                        tree, uncommitted and untracked files included
  --pre-existing MODE   with --base: report (default), annotate or fail on findings
                        that were already there at the base
  --config FILE         the configuration file (default: .github/klip-lint.yml or
                        .klip-lint.yml in the working directory, when there is one)
  --format FORMAT       text, json (the report) or sarif (SARIF 2.1.0 for code
                        scanning); default: text
  --fail-on LEVEL       error, warning, notice or never: the lowest severity that
                        makes the exit code 1 (default: error)
  --status STATUS       with list: the proposals at this status (a canonical name or
                        an alias)
  --author TEXT         with list: the proposals with an author containing TEXT
  --check               with index: compare only, print the diff, exit 1 when it differs
  -h, --help            show this help
  -v, --version         show the version

Exit codes: 0 nothing reached the fail level, 1 something did, 2 usage or internal error.
`;

const FAIL_ON: readonly FailOn[] = ['error', 'warning', 'notice', 'never'];
const PRE_EXISTING: readonly PreExisting[] = ['report', 'annotate', 'fail'];

async function main(argv: string[], io: CliContext): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      format: { type: 'string', default: 'text' },
      'fail-on': { type: 'string', default: 'error' },
      base: { type: 'string' },
      'pre-existing': { type: 'string' },
      config: { type: 'string' },
      fix: { type: 'boolean' },
      status: { type: 'string' },
      author: { type: 'string' },
      check: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
      version: { type: 'boolean', short: 'v' },
    },
  });
  if (values.help) {
    io.stdout.write(USAGE);
    return 0;
  }
  if (values.version) {
    io.stdout.write(`${VERSION}\n`);
    return 0;
  }
  if (positionals[0] === 'list' || positionals[0] === 'index') {
    const command = positionals[0] === 'list' ? listCommand : indexCommand;
    return command(io, positionals.slice(1), { ...values, format: values.format });
  }
  const format = values.format;
  if (format !== 'text' && format !== 'json' && format !== 'sarif')
    throw new UsageError(`--format must be text, json or sarif; got "${format}".`);
  const failOn = values['fail-on'] as FailOn;
  if (!FAIL_ON.includes(failOn))
    throw new UsageError(`--fail-on must be one of ${FAIL_ON.join(', ')}; got "${failOn}".`);

  // Options that only mean something with another are usage errors without it, never ignored.
  if (values['pre-existing'] !== undefined && values.base === undefined)
    throw new UsageError('--pre-existing needs --base: without a base no finding is pre-existing.');
  if (values.fix && values.base !== undefined)
    throw new UsageError(
      '--fix cannot be used with --base: fix the folder, then judge the change.',
    );
  const preExisting = (values['pre-existing'] ?? 'report') as PreExisting;
  if (!PRE_EXISTING.includes(preExisting)) {
    throw new UsageError(
      `--pre-existing must be one of ${PRE_EXISTING.join(', ')}; got "${preExisting}".`,
    );
  }

  const { cwd } = io;
  const configPath = values.config;
  if (positionals[0] === 'schema') {
    io.stdout.write(`${JSON.stringify(configSchema(RULES, ENGINE_IDS), null, 2)}\n`);
    return 0;
  }
  if (positionals[0] === 'new') return createKlip(io, positionals.slice(1), configPath);
  // Without paths: the configured folder of the repository the command runs in (git is asked
  // where that is only then: with paths, each folder's repository is found for it).
  const here = positionals.length ? null : locate(cwd, cwd).root;
  const defaultFolder =
    here === null
      ? []
      : [join(here, (await loadConfig(new WorkTreeSnapshot(here), configPath)).path)];
  const groups = groupByFolder(cwd, positionals.length ? positionals : defaultFolder);
  let report: Report;
  let display = (file: string) => file;
  if (values.base !== undefined) {
    const [first, ...more] = groups;
    if (!first || more.length > 0) throw new UsageError('--base takes one proposals folder.');
    const change = await judgeWorkTree(first[0], values.base, preExisting, configPath);
    report = change.report;
    display = (file) => relative(cwd, join(change.root, file)).split(sep).join('/');
  } else {
    if (values.fix) {
      for (const [folder, targets] of groups) {
        for (const change of await fixInRepository(cwd, folder, targets, configPath)) {
          io.stderr.write(
            `fixed ${change.file}:${change.line} ${change.description} [${change.ruleId}]\n`,
          );
        }
      }
    }
    const linted = await Promise.all(
      groups.map(([folder, targets]) =>
        lintInRepository(cwd, folder, targets, configPath, io.worker),
      ),
    );
    report = merge(linted.map((entry) => entry.report));
    const roots = new Set(linted.map((entry) => entry.root));
    const [root] = roots;
    // Paths to click on: from the working directory, when every folder is of one repository.
    if (roots.size === 1 && root !== undefined)
      display = (file) => relative(cwd, join(root, file)).split(sep).join('/');
  }
  io.stdout.write(
    format === 'json'
      ? `${JSON.stringify(report, null, 2)}\n`
      : format === 'sarif'
        ? `${JSON.stringify(toSarif(report, RULES), null, 2)}\n`
        : formatText(report, display),
  );
  if (report.findings.some((finding) => finding.ruleId === 'internal-error')) {
    io.stderr.write(`${failureMessage(report, failOn)}\n`);
    return 2;
  }
  return fails(report.counts, failOn) ? 1 : 0;
}

/** Folders are linted whole; files are linted against the rest of their folder. */
function groupByFolder(cwd: string, paths: string[]): [string, Set<string> | undefined][] {
  const groups = new Map<string, Set<string> | undefined>();
  for (const path of paths) {
    const absolute = resolve(cwd, path);
    if (!existsSync(absolute)) throw new UsageError(`No such file or folder: ${path}`);
    if (statSync(absolute).isDirectory()) {
      groups.set(absolute, undefined);
      continue;
    }
    const folder = dirname(absolute);
    if (groups.has(folder) && groups.get(folder) === undefined) continue;
    groups.set(folder, new Set([...(groups.get(folder) ?? []), absolute]));
  }
  return [...groups];
}

/** Lints a folder of the repository it is in: paths in the report are relative to its top level. */
async function lintInRepository(
  cwd: string,
  absoluteFolder: string,
  targets: Set<string> | undefined,
  configPath: string | undefined,
  worker: URL | undefined,
): Promise<{ root: string; report: Report }> {
  const { root, toPath, folder } = inRepository(cwd, absoluteFolder);
  const config = await loadConfig(new WorkTreeSnapshot(root), configPath);
  const report = await lintFolder(
    root,
    { ...config, path: folder },
    targets && new Set([...targets].map(toPath)),
    worker,
  );
  return { root, report };
}

/** The folder's repository (git's top level wherever the command runs) and the folder's path in it. */
function inRepository(cwd: string, absoluteFolder: string) {
  const { root, toPath } = locate(cwd, absoluteFolder);
  return { root, toPath, folder: checkFolder(root, toPath(absoluteFolder) || '.') };
}

async function fixInRepository(
  cwd: string,
  absoluteFolder: string,
  targets: Set<string> | undefined,
  configPath: string | undefined,
) {
  const { root, toPath, folder } = inRepository(cwd, absoluteFolder);
  const config = await loadConfig(new WorkTreeSnapshot(root), configPath);
  return fixFolder(root, { ...config, path: folder }, targets && new Set([...targets].map(toPath)));
}

/** `klip-lint new "Title" [folder]`: the intent and the design step, started correct. */
async function createKlip(
  io: CliContext,
  args: string[],
  configPath: string | undefined,
): Promise<number> {
  const { cwd } = io;
  const [title, folderArg, ...rest] = args;
  if (!title?.trim() || rest.length > 0)
    throw new UsageError(
      'new takes a title and, optionally, a proposals folder: klip-lint new "Title" [folder]',
    );
  const { root, toPath } = locate(cwd, cwd);
  const config = await loadConfig(new WorkTreeSnapshot(root), configPath);
  const folder = folderArg === undefined ? config.path : toPath(resolve(cwd, folderArg)) || '.';
  const created = await createProposal(root, config, title, folder);
  io.stdout.write(`created ${created.path} (KLIP ${created.number})\n`);
  for (const update of created.indexUpdates)
    io.stdout.write(`updated ${created.indexPath}: ${update}\n`);
  return 0;
}

function merge(reports: Report[]): Report {
  const [first, ...rest] = reports as [Report, ...Report[]];
  if (rest.length === 0) return first;
  const findings = reports.flatMap((report) => report.findings);
  return {
    ...first,
    folder: reports.map((report) => report.folder).join(', '),
    findings,
    files: reports.flatMap((report) => report.files),
    counts: countFindings(findings),
  };
}

/** Runs the command line in `io` and gives its exit code; errors are said on its stderr. */
export async function cli(argv: string[], io: CliContext): Promise<number> {
  try {
    return await main(argv, io);
  } catch (error) {
    if (error instanceof ConfigError) {
      io.stderr.write(
        `${error.file}:${error.line}:${error.column} error ${error.reason} [configuration]\n`,
      );
      return 2;
    }
    const usage =
      error instanceof UsageError ||
      (error as { code?: string })?.code?.startsWith('ERR_PARSE_ARGS');
    const message = error instanceof Error ? error.message : String(error);
    io.stderr.write(
      usage
        ? `klip-lint: ${message}\nRun "klip-lint --help" for usage.\n`
        : `klip-lint: internal error: ${message}\nPlease report this as a klip-lint bug.\n`,
    );
    if (!usage && process.env.KLIP_LINT_DEBUG && error instanceof Error)
      io.stderr.write(`${error.stack}\n`);
    return 2;
  }
}

/** Runs the command line in this process: the exit code goes to process.exitCode. */
export function runCli(argv: string[]): void {
  // A reader that stops early (`klip-lint --format json | head -1`) closes the pipe: nothing more
  // to say to it, and no stack trace. The exit code stays the verdict's.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') throw error;
    });
  }
  const io = {
    cwd: process.cwd(),
    stdout: process.stdout,
    stderr: process.stderr,
    worker: workerBundle(import.meta.url, '../worker/index.js'),
  };
  void cli(argv, io).then((code) => {
    process.exitCode = code;
  });
}
