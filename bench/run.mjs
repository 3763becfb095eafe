// npm run bench [-- sizes... --runs N]: whole-process timings of the CLI linting everything, the
// action judging a one-KLIP pull request in a depth-1 checkout, and markdownlint-cli2 checking the
// same files for the template's headings (MD043), on two kinds of folder side by side: generated
// proposals whose mix of shapes follows the real folder's, and the real ksqlDB folder in ../shared
// repeated and renumbered (built here, never committed). Medians, ratios and peak memory go to
// stdout and bench/results.md.
import { execFileSync, spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate, SECTIONS } from './generate.mjs';
import { repeatCorpus } from './corpus.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const runsAt = args.indexOf('--runs');
const runs = runsAt >= 0 ? Number(args[runsAt + 1]) : 5;
const sizes = args.filter((arg, i) => /^\d+$/.test(arg) && args[i - 1] !== '--runs').map(Number);
const SIZES = sizes.length ? sizes : [50, 1000, 5000];
const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;
const CORPUS = join(root, '..', 'shared', 'corpus', 'ksql-design-proposals');
const KINDS = existsSync(CORPUS) ? ['generated', 'real corpus repeated'] : ['generated'];
if (KINDS.length === 1) process.stderr.write(`${CORPUS} is not there: generated folders only.\n`);

const git = (cwd, ...a) =>
  execFileSync(
    'git',
    [
      '-c',
      'user.name=bench',
      '-c',
      'user.email=bench@example.com',
      '-c',
      'init.defaultBranch=main',
      ...a,
    ],
    {
      cwd,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  ).trim();

/** One whole process: wall time in seconds and peak resident memory in MB (when GNU time is there). */
function measure(command, argv, options) {
  const started = process.hrtime.bigint();
  const result = TIME
    ? spawnSync(TIME, ['-f', '%M', command, ...argv], {
        ...options,
        encoding: 'utf8',
        maxBuffer: 1 << 30,
      })
    : spawnSync(command, argv, { ...options, encoding: 'utf8', maxBuffer: 1 << 30 });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const kb = TIME ? Number(result.stderr.trim().split('\n').at(-1)) : NaN;
  if (result.status === null || result.status > 1)
    throw new Error(`${command} ${argv.join(' ')} failed: ${result.stderr}`);
  return { seconds, mb: kb / 1024 };
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function summary(samples) {
  return {
    seconds: median(samples.map((s) => s.seconds)),
    mb: Math.max(...samples.map((s) => s.mb)),
  };
}

/** A repository with the folder on main, a PR moving one KLIP's status, and a depth-1 checkout of its merge. */
function scenario(count, kind) {
  const base = mkdtempSync(join(tmpdir(), `klip-bench-${count}-`));
  const work = join(base, 'work');
  mkdirSync(work);
  if (kind === 'generated') generate(work, count);
  else repeatCorpus(CORPUS, work, count);
  writeFileSync(
    join(work, '.markdownlint-cli2.jsonc'),
    JSON.stringify({
      config: { default: false, MD043: { headings: ['*', `## ${SECTIONS[0]}`, '*'] } },
    }),
  );
  const origin = join(base, 'origin.git');
  git(base, 'init', '-q', '--bare', origin);
  git(work, 'init', '-q');
  git(work, 'remote', 'add', 'origin', origin);
  git(work, 'add', '-A');
  git(work, 'commit', '-q', '-m', 'proposals');
  git(work, 'push', '-q', 'origin', 'HEAD:refs/heads/main');
  const baseSha = git(work, 'rev-parse', 'HEAD');
  const folder = join(work, 'design-proposals');
  const file = join(
    folder,
    readdirSync(folder).find((name) => name.startsWith('klip-1-')),
  );
  const text = readFileSync(file, 'utf8').replace(
    /\*\*Status\*\*: .*/,
    '**Status**: In Development | ',
  );
  writeFileSync(file, `${text}\nUpdated.\n`);
  git(work, 'commit', '-q', '-am', 'docs: klip-1: approve');
  const head = git(work, 'rev-parse', 'HEAD');
  git(work, 'checkout', '-q', '--detach', baseSha);
  git(work, 'merge', '-q', '--no-ff', '--no-edit', head);
  const merge = git(work, 'rev-parse', 'HEAD');
  git(work, 'push', '-q', 'origin', `${merge}:refs/pull/1/merge`);
  git(work, 'checkout', '-q', head);
  const checkout = join(base, 'checkout');
  mkdirSync(checkout);
  git(checkout, 'init', '-q');
  git(checkout, 'remote', 'add', 'origin', origin);
  git(
    checkout,
    'fetch',
    '-q',
    '--depth=1',
    'origin',
    '+refs/pull/1/merge:refs/remotes/pull/1/merge',
  );
  git(checkout, 'checkout', '-q', '--detach', 'refs/remotes/pull/1/merge');
  const runner = join(base, 'runner');
  mkdirSync(runner);
  writeFileSync(
    join(runner, 'event.json'),
    JSON.stringify({ pull_request: { number: 1, base: { sha: baseSha }, head: { sha: head } } }),
  );
  return { base, work, checkout, runner, env: { baseSha, merge } };
}

function actionEnv(s) {
  writeFileSync(join(s.runner, 'summary.md'), '');
  writeFileSync(join(s.runner, 'output'), '');
  return {
    PATH: process.env.PATH,
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: 'pull_request',
    GITHUB_EVENT_PATH: join(s.runner, 'event.json'),
    GITHUB_WORKSPACE: s.checkout,
    GITHUB_STEP_SUMMARY: join(s.runner, 'summary.md'),
    GITHUB_OUTPUT: join(s.runner, 'output'),
    GITHUB_SHA: s.env.merge,
    RUNNER_TEMP: s.runner,
    'INPUT_FAIL-ON': 'never',
    'INPUT_PRE-EXISTING': 'report',
  };
}

// Runs that are compared are interleaved, so that a machine that speeds up or slows down during
// the benchmark moves both sides of a ratio alike.
const scenarios = KINDS.flatMap((kind) =>
  SIZES.map((count) => {
    process.stderr.write(`${count} KLIPs, ${kind}: writing the folder...\n`);
    return { count, kind, ...scenario(count, kind) };
  }),
);
const cliRun = (s) =>
  measure(
    process.execPath,
    [join(root, 'dist/cli/index.js'), 'design-proposals', '--format', 'json', '--fail-on', 'never'],
    { cwd: s.work },
  );
const markdownlintRun = (s) =>
  measure(
    process.execPath,
    [
      join(root, 'node_modules/markdownlint-cli2/markdownlint-cli2-bin.mjs'),
      'design-proposals/*.md',
    ],
    { cwd: s.work },
  );
const actionRun = (s) =>
  measure(process.execPath, [join(root, 'dist/index.js')], { cwd: s.checkout, env: actionEnv(s) });

const rows = [];
for (const s of scenarios) {
  const times = s.count >= 5000 ? Math.max(1, Math.min(runs, 3)) : runs;
  process.stderr.write(
    `${s.count} KLIPs, ${s.kind}: linting everything (${times} runs of each tool)...\n`,
  );
  const cli = [];
  const markdownlint = [];
  for (let i = 0; i < times; i++) {
    cli.push(cliRun(s));
    markdownlint.push(markdownlintRun(s));
  }
  rows.push({
    count: s.count,
    kind: s.kind,
    cli: summary(cli),
    markdownlint: summary(markdownlint),
  });
}
// A pull request run takes a fraction of a second: more runs steady its median, taken in turn
// across the sizes.
const actionRuns = Math.max(runs, 11);
process.stderr.write(`pull requests: ${actionRuns} runs at each size, in turn...\n`);
const actions = scenarios.map(() => []);
for (let i = 0; i < actionRuns; i++) {
  scenarios.forEach((s, k) => actions[k].push(actionRun(s)));
}
rows.forEach((row, k) => (row.action = summary(actions[k])));
for (const s of scenarios) rmSync(s.base, { recursive: true, force: true });

const smallest = (kind) =>
  rows.find((row) => row.kind === kind && row.count === Math.min(...SIZES));
const fmt = (n) => (Number.isFinite(n) ? n.toFixed(2) : 'n/a');
const lines = [
  `# Benchmark`,
  '',
  `Run: ${new Date().toISOString().slice(0, 10)} on ${cpus()[0]?.model ?? 'unknown CPU'} (${availableParallelism()} cores), Node ${process.version}; median of up to ${runs} runs (${actionRuns} of the action), whole processes; the tools compared are run in turn.`,
  '',
  '| folder | KLIPs | klip-lint CLI, all (s) | markdownlint-cli2 MD043 (s) | ratio | action, PR with 1 KLIP changed (s) | PR vs smallest | peak MB (CLI / action / markdownlint) |',
  '| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
  ...rows.map(
    (row) =>
      `| ${row.kind} | ${row.count} | ${fmt(row.cli.seconds)} | ${fmt(row.markdownlint.seconds)} | ${fmt(row.cli.seconds / row.markdownlint.seconds)} | ${fmt(row.action.seconds)} | ${fmt(row.action.seconds / smallest(row.kind).action.seconds)} | ${Math.round(row.cli.mb)} / ${Math.round(row.action.mb)} / ${Math.round(row.markdownlint.mb)} |`,
  ),
  '',
  `Targets: ratio at most 0.5 at every size; the PR run at most 0.3 s and flat in folder size; peak memory at most 300 MB at 5,000 KLIPs; dist/index.js at most 2 MB (it is ${(readFileSync(join(root, 'dist/index.js')).length / 1e6).toFixed(2)} MB).`,
  '',
];
process.stdout.write(lines.join('\n'));
mkdirSync(join(root, 'bench'), { recursive: true });
writeFileSync(join(root, 'bench/results.md'), lines.join('\n'));
