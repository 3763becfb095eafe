import { execFileSync } from 'node:child_process';
import { existsSync, lstatSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findStale } from '../src/catalogue/stale.js';
import type { CatalogueEntry } from '../src/catalogue/catalogue.js';
import { FakeGitHub } from './helpers/api.js';
import { git, Repository } from './helpers/git.js';
import { index, klip, row, TEMPLATE } from './helpers/fixtures.js';
import { runAction, tempDir, writeFiles } from './helpers/run.js';
import { lastChangesFromGit } from '../src/sources/last-change.js';

const DAY = 24 * 60 * 60 * 1000;

function entry(number: number, status: string): CatalogueEntry {
  return {
    number,
    title: `T${number}`,
    file: `d/klip-${number}.md`,
    status,
    statusWritten: status,
    authors: ['Ann'],
    releaseTarget: null,
    discussion: null,
    index: null,
  };
}

describe('findStale', () => {
  it('lists files unchanged for the days given, the quietest first, and skips unknown ones', () => {
    const now = new Date('2026-06-30T12:00:00Z');
    const at = (days: number) => new Date(now.getTime() - days * DAY).toISOString();
    const changes = new Map([
      ['d/klip-1.md', { date: at(10), author: 'Bo', commit: 'a' }],
      ['d/klip-2.md', { date: at(90), author: 'Cy', commit: 'b' }],
      ['d/klip-3.md', { date: at(30), author: 'Di', commit: 'c' }],
      ['d/klip-4.md', { date: 'not a date', author: 'Ed', commit: 'd' }],
    ]);
    const entries = [1, 2, 3, 4, 5].map((n) => entry(n, 'In Discussion'));
    expect(findStale(entries, changes, 30, now)).toEqual([
      expect.objectContaining({ number: 2, days: 90, author: 'Cy', commit: 'b' }),
      expect.objectContaining({ number: 3, days: 30, author: 'Di', lastChange: at(30) }),
    ]);
  });
});

const FOLDER = 'design-proposals';
const OLD = '2020-01-15T10:00:00+00:00';

/** A repository whose proposals 1 and 2 last changed in 2020 and proposal 3 just now. */
function history(): Repository {
  const files = {
    [`${FOLDER}/klip-template.md`]: TEMPLATE,
    [`${FOLDER}/README.md`]: index(
      [
        row(1, 'klip-1-quiet.md', 'In Discussion'),
        row(2, 'klip-2-approved.md', 'Design Approved'),
        row(3, 'klip-3-busy.md', 'In Discussion'),
        row(4, 'klip-4-done.md', 'Merged'),
      ],
      5,
    ),
    [`${FOLDER}/klip-1-quiet.md`]: klip({ number: 1, title: 'Quiet', author: 'Ann Author' }),
    [`${FOLDER}/klip-2-approved.md`]: klip({
      number: 2,
      title: 'Approved long ago',
      status: 'Design Approved',
    }),
    [`${FOLDER}/klip-3-busy.md`]: klip({ number: 3, title: 'Busy' }),
    [`${FOLDER}/klip-4-done.md`]: klip({ number: 4, title: 'Done', status: 'Merged' }),
  };
  const repo = new Repository(files);
  // The first commit, dated back: the child process gets the dates, whatever jest does to env.
  execFileSync(
    'git',
    [
      '-c',
      'user.name=Test',
      '-c',
      'user.email=test@example.com',
      'commit',
      '-q',
      '--amend',
      '--no-edit',
      '--date',
      OLD,
    ],
    { cwd: repo.work, env: { ...process.env, GIT_COMMITTER_DATE: OLD }, stdio: 'ignore' },
  );
  repo.push('main', true);
  repo.commit({
    [`${FOLDER}/klip-3-busy.md`]: klip({
      number: 3,
      title: 'Busy',
      tldr: '**tl;dr:** Edited today for a reason.',
    }),
  });
  repo.push('main');
  return repo;
}

interface StaleOutput {
  number: number;
  file: string;
  status: string;
  lastChange: string;
  author: string;
  days: number;
}

describe('a scheduled run lists the proposals that went quiet', () => {
  it('reads the last change from git history on a full checkout', async () => {
    const repo = history();
    const workspace = tempDir('klip-lint-full-');
    git(workspace, 'clone', '-q', repo.origin, '.');
    const run = await runAction({
      workspace,
      event: 'schedule',
      inputs: { 'stale-days': '30', 'fail-on': 'never' },
      env: { GITHUB_SHA: git(workspace, 'rev-parse', 'HEAD') },
    });
    expect(run.code).toBe(0);
    const stale = JSON.parse(run.outputs.stale ?? 'null') as StaleOutput[];
    expect(stale.map((item) => [item.number, item.status, item.author])).toEqual([
      [1, 'In Discussion', 'Test'],
      [2, 'Design Approved', 'Test'],
    ]);
    expect(stale[0]?.lastChange).toBe('2020-01-15T10:00:00.000Z');
    expect(stale[0]?.days).toBeGreaterThan(30);
    // The summary opens with the chart, then the proposals in flight, then the quiet ones.
    const summary = run.summary;
    const chart = summary.indexOf('```mermaid\npie showData title Proposals per status');
    expect(chart).toBeGreaterThan(-1);
    expect(summary).toContain(
      '    "In Discussion" : 2\n    "Design Approved" : 1\n    "Merged" : 1\n',
    );
    expect(summary).toContain('**3 of 4 proposals in discussion or approved but not merged:**');
    // The proposals in flight say since when they have been where they are.
    expect(summary).toContain('| KLIP | Title | Status | Authors | Last change |');
    expect(summary).toMatch(
      /\| 1 \| \[Quiet\]\([^)]*\) \| In Discussion \| Ann Author \| 2020-01-15 by Test \|/,
    );
    expect(summary).toMatch(
      /\| 3 \| \[Busy\]\([^)]*\) \| In Discussion \| [^|]+\| 20\d\d-\d\d-\d\d by Test \|/,
    );
    expect(summary).toContain('#### Unchanged for 30 days or more (2)');
    expect(summary).toMatch(
      /\| 1 \| \[Quiet\]\([^)]*klip-1-quiet\.md\) \| In Discussion \| 2020-01-15 \(\d+ days\) \| Test \| Ann Author \|/,
    );
    expect(summary).not.toMatch(/\| 3 \| \[Busy\][^\n]*2020-01-15/);
    expect(chart).toBeLessThan(summary.indexOf('Unchanged for'));
    // The catalogue file, fresh under the runner's temp folder.
    const path = run.outputs.catalogue as string;
    expect(path.startsWith(join(run.outputs.report as string, '..', '..'))).toBe(true);
    expect(lstatSync(path).isFile()).toBe(true);
    const catalogue = JSON.parse(readFileSync(path, 'utf8')) as {
      version: number;
      proposals: { number: number; status: string }[];
    };
    expect(catalogue.version).toBe(1);
    expect(catalogue.proposals.map((item) => [item.number, item.status])).toEqual([
      [1, 'In Discussion'],
      [2, 'Design Approved'],
      [3, 'In Discussion'],
      [4, 'Merged'],
    ]);
  });

  it('asks the REST API for each file on a depth-1 checkout', async () => {
    const repo = history();
    const workspace = repo.checkout('refs/heads/main');
    const sha = git(workspace, 'rev-parse', 'HEAD');
    const api = await FakeGitHub.start();
    const dates: Record<string, string> = {
      [`${FOLDER}/klip-1-quiet.md`]: '2021-03-01T08:00:00Z',
      [`${FOLDER}/klip-2-approved.md`]: new Date(Date.now() - 3 * DAY).toISOString(),
      [`${FOLDER}/klip-3-busy.md`]: '2019-05-05T05:05:05Z',
    };
    api.on('GET', /^\/repos\/example\/proposals\/commits$/, (request) => {
      const path = request.query.get('path') ?? '';
      if (!dates[path]) return { body: [] };
      return {
        body: [
          {
            sha: 'f'.repeat(40),
            commit: {
              author: { name: `Writer of ${path.slice(FOLDER.length + 1)}`, date: dates[path] },
              committer: { name: 'GitHub', date: dates[path] },
            },
            author: { login: 'writer' },
          },
        ],
      };
    });
    try {
      const run = await runAction({
        workspace,
        event: 'schedule',
        inputs: { 'stale-days': '60', 'fail-on': 'never', token: 'test-token' },
        env: { GITHUB_SHA: sha, GITHUB_API_URL: api.url },
      });
      expect(run.code).toBe(0);
      const stale = JSON.parse(run.outputs.stale ?? 'null') as StaleOutput[];
      expect(stale.map((item) => [item.number, item.author, item.lastChange])).toEqual([
        [3, 'Writer of klip-3-busy.md', '2019-05-05T05:05:05.000Z'],
        [1, 'Writer of klip-1-quiet.md', '2021-03-01T08:00:00.000Z'],
      ]);
      const asked = api.requests.filter((request) => request.path.endsWith('/commits'));
      expect(asked.map((request) => request.query.get('path')).sort()).toEqual([
        `${FOLDER}/klip-1-quiet.md`,
        `${FOLDER}/klip-2-approved.md`,
        `${FOLDER}/klip-3-busy.md`,
      ]);
      expect(asked.every((request) => request.query.get('per_page') === '1')).toBe(true);
      expect(asked.every((request) => request.query.get('sha') === sha)).toBe(true);
      expect(run.summary).toContain('#### Unchanged for 60 days or more (2)');
      expect(run.summary).toContain('```mermaid');
    } finally {
      await api.close();
    }
  });

  it('never fails the run when the history cannot be had, and is off by default', async () => {
    const repo = history();
    const workspace = repo.checkout('refs/heads/main');
    const api = await FakeGitHub.start();
    api.on('GET', /commits$/, () => ({ status: 500, body: { message: 'boom' } }));
    try {
      const run = await runAction({
        workspace,
        event: 'schedule',
        inputs: { 'stale-days': '30', token: 'test-token' },
        env: { GITHUB_API_URL: api.url },
      });
      expect(run.code).toBe(0);
      expect(run.outputs.stale).toBe('[]');
      expect(run.summary).toContain('could not be listed');
      const off = await runAction({ workspace, event: 'schedule' });
      expect(off.code).toBe(0);
      expect(off.outputs.stale).toBeUndefined();
      expect(off.summary).toContain('```mermaid');
      expect(off.summary).not.toContain('Unchanged for');
      expect(existsSync(off.outputs.catalogue as string)).toBe(true);
    } finally {
      await api.close();
    }
  });

  it('takes stale-days from the configuration file when the input is empty', async () => {
    const repo = history();
    repo.commit({ '.github/klip-lint.yml': 'stale-days: 30\n' }, 'configure');
    repo.push('main');
    const workspace = tempDir('klip-lint-full-');
    git(workspace, 'clone', '-q', repo.origin, '.');
    const run = await runAction({
      workspace,
      event: 'workflow_dispatch',
      inputs: { 'fail-on': 'never' },
    });
    const stale = JSON.parse(run.outputs.stale ?? 'null') as StaleOutput[];
    expect(stale.map((item) => item.number)).toEqual([1, 2]);
    // The input wins: 0 turns it off.
    const off = await runAction({ workspace, inputs: { 'stale-days': '0', 'fail-on': 'never' } });
    expect(off.outputs.stale).toBeUndefined();
  });

  it('rejects a stale-days input that is not a number of days', async () => {
    const repo = history();
    const run = await runAction({
      workspace: repo.checkout('refs/heads/main'),
      event: 'schedule',
      inputs: { 'stale-days': 'soon' },
    });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('Input "stale-days" must be a whole number of days; got "soon".');
  });
});

describe('the summary opens with the picture of the process', () => {
  it('on a push to the default branch, and not on a push to another branch', async () => {
    const repo = history();
    const before = repo.sha('refs/heads/main');
    const after = repo.commit({
      [`${FOLDER}/klip-3-busy.md`]: klip({ number: 3, title: 'Busy', status: 'Design Approved' }),
      [`${FOLDER}/README.md`]: index(
        [
          row(1, 'klip-1-quiet.md', 'In Discussion'),
          row(2, 'klip-2-approved.md', 'Design Approved'),
          row(3, 'klip-3-busy.md', 'Design Approved'),
          row(4, 'klip-4-done.md', 'Merged'),
        ],
        5,
      ),
    });
    repo.push('main');
    repo.push('topic');
    const push = (ref: string) =>
      runAction({
        workspace: repo.checkout(ref),
        event: 'push',
        payload: { ref, before, after, repository: { default_branch: 'main' } },
        env: { GITHUB_SHA: after, GITHUB_REF: ref },
        inputs: { 'fail-on': 'never' },
      });
    const main = await push('refs/heads/main');
    expect(main.code).toBe(0);
    expect(main.summary).toContain('```mermaid');
    expect(main.summary).toContain('    "Design Approved" : 2');
    expect(main.summary.indexOf('```mermaid')).toBeLessThan(
      main.summary.indexOf('| KLIP | Title | Change |'),
    );
    expect(existsSync(main.outputs.catalogue as string)).toBe(true);
    const topic = await push('refs/heads/topic');
    expect(topic.code).toBe(0);
    expect(topic.summary).not.toContain('```mermaid');
    expect(topic.outputs.catalogue).toBeUndefined();
  });
});

describe('last changes from git history', () => {
  it('reads each path as a name, never as pathspec magic', () => {
    const root = tempDir();
    git(root, 'init', '-q');
    writeFiles(root, { 'klip-1-a.md': 'a\n', 'klip-2-*.md': 'b\n', 'x.md': 'x\n' });
    git(root, 'add', '-A');
    git(root, '-c', 'user.name=Ann', '-c', 'user.email=a@example.com', 'commit', '-qm', 'one');
    writeFiles(root, { 'klip-1-a.md': 'a, again\n' });
    git(root, '-c', 'user.name=Bo', '-c', 'user.email=b@example.com', 'commit', '-qam', 'two');
    const changes = lastChangesFromGit(root, ['klip-2-*.md', ':(exclude)x.md', 'klip-1-a.md']);
    expect(
      [...(changes ?? new Map()).entries()].map(([file, change]) => [file, change.author]),
    ).toEqual([
      ['klip-2-*.md', 'Ann'],
      ['klip-1-a.md', 'Bo'],
    ]);
  });
});
