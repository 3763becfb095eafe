// Runs the bundled action over the real corpus as the runner does (inputs, event payload, summary
// and output files) and checks that it annotates, summarises and sets its outputs.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const corpus = resolve(process.argv[2]);
const workspace = mkdtempSync(join(tmpdir(), 'klip-lint-corpus-'));
const runner = mkdtempSync(join(tmpdir(), 'klip-lint-runner-'));
cpSync(corpus, join(workspace, 'design-proposals'), { recursive: true });
const files = {
  event: join(runner, 'event.json'),
  summary: join(runner, 'summary.md'),
  output: join(runner, 'output'),
};
writeFileSync(files.event, JSON.stringify({ inputs: {} }));
writeFileSync(files.summary, '');
writeFileSync(files.output, '');

const result = spawnSync(process.execPath, [resolve('dist/index.js')], {
  cwd: workspace,
  encoding: 'utf8',
  env: {
    PATH: process.env.PATH,
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: 'workflow_dispatch',
    GITHUB_EVENT_PATH: files.event,
    GITHUB_WORKSPACE: workspace,
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_OUTPUT: files.output,
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_REPOSITORY: 'example/ksql',
    GITHUB_SHA: '354e3d1c2d217dc846460ea757f62278586ec61a',
    RUNNER_TEMP: runner,
    INPUT_PATH: 'design-proposals',
    'INPUT_FAIL-ON': 'error',
    'INPUT_REPORT-FILE': '',
  },
});

const failures = [];
const annotations = result.stdout
  .split('\n')
  .filter((line) => /^::(error|warning|notice) /.test(line));
const at = (file, rule) =>
  annotations.some(
    (line) => line.includes(`file=design-proposals/${file},`) && line.includes(`title=${rule}`),
  );
if (!at('klip-6-execution-plans.md', 'title-format'))
  failures.push('no title-format annotation on klip-6');
if (!at('README.md', 'index-next-number'))
  failures.push('no index-next-number annotation on the index');
if (result.status !== 1) failures.push(`expected a failed step (exit 1), got ${result.status}`);
if (/\n\s+at /.test(result.stderr)) failures.push(`a stack trace:\n${result.stderr}`);
const summary = readFileSync(files.summary, 'utf8');
if (!summary.includes('klip-lint: failed') || !summary.includes('| 63 |'))
  failures.push('the summary lacks the verdict or the KLIP table');
const outputs = readFileSync(files.output, 'utf8');
for (const name of ['errors', 'warnings', 'notices', 'report']) {
  if (!outputs.includes(`${name}<<`)) failures.push(`output ${name} not set`);
}
console.log(
  `action on corpus: ${annotations.length} annotations, summary ${summary.length} bytes, exit ${result.status}`,
);
if (failures.length > 0) {
  console.error(failures.map((line) => `- ${line}`).join('\n'));
  process.exit(1);
}
console.log('action on corpus: checks passed');
