#!/usr/bin/env node
import { existsSync, statSync } from 'node:fs';
import { dirname, relative, resolve, sep } from 'node:path';
import { parseArgs } from 'node:util';
import { countFindings, fails, type FailOn, type Report } from '../report/report.js';
import { formatText } from '../report/text.js';
import { checkFolder, lintFolder, UsageError } from '../run.js';
import { VERSION } from '../version.js';

const USAGE = `Usage: klip-lint [paths...] [options]

Checks KLIP proposals against the folder's template, index and numbering conventions.

Paths are proposals folders or proposal files (default: ./design-proposals).
Files are checked against the rest of their folder.

Options:
  --format text|json    output format (default: text)
  --fail-on LEVEL       error, warning, notice or never: the lowest severity that
                        makes the exit code 1 (default: error)
  -h, --help            show this help
  -v, --version         show the version

Exit codes: 0 nothing reached the fail level, 1 something did, 2 usage or internal error.
`;

const FAIL_ON: readonly FailOn[] = ['error', 'warning', 'notice', 'never'];

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      format: { type: 'string', default: 'text' },
      'fail-on': { type: 'string', default: 'error' },
      help: { type: 'boolean', short: 'h' },
      version: { type: 'boolean', short: 'v' },
    },
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  if (values.version) {
    process.stdout.write(`${VERSION}\n`);
    return 0;
  }
  const format = values.format;
  if (format !== 'text' && format !== 'json')
    throw new UsageError(`--format must be text or json; got "${format}".`);
  const failOn = values['fail-on'] as FailOn;
  if (!FAIL_ON.includes(failOn))
    throw new UsageError(`--fail-on must be one of ${FAIL_ON.join(', ')}; got "${failOn}".`);

  const cwd = process.cwd();
  const reports = await Promise.all(
    groupByFolder(positionals.length ? positionals : ['design-proposals']).map(
      ([folder, targets]) => lintInRepository(cwd, folder, targets),
    ),
  );
  const report = merge(reports);
  process.stdout.write(
    format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : formatText(report),
  );
  return fails(report.counts, failOn) ? 1 : 0;
}

/** Folders are linted whole; files are linted against the rest of their folder. */
function groupByFolder(paths: string[]): [string, Set<string> | undefined][] {
  const groups = new Map<string, Set<string> | undefined>();
  for (const path of paths) {
    const absolute = resolve(path);
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

/** Paths in the report are relative to the working directory, which is the repository root when inside it. */
async function lintInRepository(
  cwd: string,
  absoluteFolder: string,
  targets?: Set<string>,
): Promise<Report> {
  const inside = !relative(cwd, absoluteFolder).startsWith('..');
  const root = inside ? cwd : dirname(absoluteFolder);
  const toPath = (absolute: string) => relative(root, absolute).split(sep).join('/');
  const folder = checkFolder(root, toPath(absoluteFolder) || '.');
  return lintFolder(root, folder, targets && new Set([...targets].map(toPath)));
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

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const usage =
      error instanceof UsageError ||
      (error as { code?: string })?.code?.startsWith('ERR_PARSE_ARGS');
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(
      usage
        ? `klip-lint: ${message}\nRun "klip-lint --help" for usage.\n`
        : `klip-lint: internal error: ${message}\nPlease report this as a klip-lint bug.\n`,
    );
    if (!usage && process.env.KLIP_LINT_DEBUG && error instanceof Error)
      process.stderr.write(`${error.stack}\n`);
    process.exitCode = 2;
  },
);
