import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { runAction, tempDir, type ActionRun } from './run.js';

const IDENTITY = [
  '-c',
  'user.name=Test',
  '-c',
  'user.email=test@example.com',
  '-c',
  'init.defaultBranch=main',
];

export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', [...IDENTITY, ...args], {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  }).trim();
}

export interface PullRequest {
  number: number;
  base: string;
  head: string;
  merge: string;
}

function revParse(cwd: string, ref: string): string {
  return git(cwd, 'rev-parse', '--verify', '--end-of-options', ref);
}

function addOrigin(work: string, url: string): void {
  git(work, 'remote', 'add', 'origin', url);
}

/** Writes (text), deletes (null) and commits in a work tree; returns the new commit. */
function commitFiles(work: string, files: Record<string, string | null>, message: string): string {
  for (const [path, text] of Object.entries(files)) {
    const absolute = join(work, path);
    if (text === null) {
      rmSync(absolute, { force: true });
    } else {
      mkdirSync(dirname(absolute), { recursive: true });
      writeFileSync(absolute, text);
    }
  }
  git(work, 'add', '-A');
  git(work, 'commit', '-q', '--allow-empty', '-m', message);
  return revParse(work, 'HEAD');
}

/** Repositories made once per test file, by their first commit's files: new ones are copies. */
const made = new Map<string, string>();

/**
 * A bare origin and an author's clone, as GitHub and a contributor have them: branches, pushes,
 * and the refs/pull/N/head and refs/pull/N/merge refs GitHub creates for a pull request.
 */
export class Repository {
  readonly root = tempDir('klip-lint-git-');
  readonly origin = join(this.root, 'origin.git');
  readonly work = join(this.root, 'author');

  /** main holds `files`, pushed to origin; the author is on main. */
  constructor(files: Record<string, string>) {
    const key = JSON.stringify(files);
    let first = made.get(key);
    if (!first) {
      first = tempDir('klip-lint-git-first-');
      mkdirSync(join(first, 'author'));
      git(first, 'init', '-q', '--bare', 'origin.git');
      git(join(first, 'author'), 'init', '-q');
      addOrigin(join(first, 'author'), join(first, 'origin.git'));
      commitFiles(join(first, 'author'), files, 'initial');
      git(join(first, 'author'), 'push', '-q', 'origin', 'HEAD:refs/heads/main');
      made.set(key, first);
    }
    // A copy is the same two repositories: only the author's origin moves with it.
    cpSync(first, this.root, { recursive: true });
    const config = join(this.work, '.git', 'config');
    writeFileSync(
      config,
      readFileSync(config, 'utf8').replace(join(first, 'origin.git'), this.origin),
    );
  }

  /** Writes (text), deletes (null) and commits; returns the new commit. */
  commit(files: Record<string, string | null>, message = 'change'): string {
    return commitFiles(this.work, files, message);
  }

  /**
   * Commits that each write a file, made by one git process (fast-import) on the current branch:
   * a long history to walk. The work tree is then the last one's.
   */
  commitMany(path: string, texts: string[], message = 'change'): string {
    const branch = git(this.work, 'symbolic-ref', 'HEAD');
    const parent = this.head();
    const data = (text: string) => `data ${Buffer.byteLength(text)}\n${text}\n`;
    const when = `${Math.floor(Date.now() / 1000)} +0000`;
    const stream = texts.map(
      (text, i) =>
        `commit ${branch}\ncommitter Test <test@example.com> ${when}\n${data(message)}` +
        (i === 0 ? `from ${parent}\n` : '') +
        `M 100644 inline ${path}\n${data(text)}`,
    );
    execFileSync('git', ['fast-import', '--quiet'], {
      cwd: this.work,
      input: stream.join('\n'),
      stdio: ['pipe', 'ignore', 'pipe'],
    });
    git(this.work, 'reset', '-q', '--hard');
    return this.head();
  }

  rename(from: string, to: string, message = 'rename'): string {
    git(this.work, 'mv', from, to);
    git(this.work, 'commit', '-q', '-m', message);
    return this.head();
  }

  /** The author's HEAD commit. */
  private head(): string {
    return revParse(this.work, 'HEAD');
  }

  branch(name: string, from = 'main'): void {
    git(this.work, 'checkout', '-q', '-B', name, `origin/${from}`);
  }

  fetch(): void {
    git(this.work, 'fetch', '-q', 'origin');
  }

  /** Pushes HEAD to a branch; origin/<branch> moves with it, as `git fetch` would move it. */
  push(branch: string, force = false): string {
    const head = this.head();
    this.pushRefs([[head, `refs/heads/${branch}`]], force);
    return head;
  }

  /**
   * `git push origin <commit>:<ref>...`, done with the two repositories' files, since a push
   * costs git several processes: origin gets the objects it lacks that the commits reach, then
   * the refs. Whatever this cannot do as git would (a ref that does not fast-forward without
   * `force`, objects that are not loose) is left to `git push`.
   */
  /** git push, so that origin and origin/<branch> move as they do for a contributor. */
  private pushRefs(updates: [commit: string, ref: string][], force = false): void {
    git(
      this.work,
      'push',
      '-q',
      ...(force ? ['--force'] : []),
      'origin',
      ...updates.map(([commit, ref]) => `${commit}:${ref}`),
    );
  }

  sha(ref: string): string {
    return revParse(this.origin, ref);
  }

  /** Opens a PR from a pushed branch into main: GitHub's head and merge refs. */
  pullRequest(number: number, branch: string): PullRequest {
    const base = this.sha('refs/heads/main');
    const head = this.sha(`refs/heads/${branch}`);
    git(this.work, 'checkout', '-q', '--detach', base);
    git(this.work, 'merge', '-q', '--no-ff', '--no-edit', head);
    const merge = this.head();
    this.pushRefs([
      [head, `refs/pull/${number}/head`],
      [merge, `refs/pull/${number}/merge`],
    ]);
    git(this.work, 'checkout', '-q', branch);
    return { number, base, head, merge };
  }

  /** What actions/checkout leaves: a depth-1 fetch of one ref, checked out detached. */
  checkout(ref: string): string {
    const workspace = tempDir('klip-lint-workspace-');
    git(workspace, 'init', '-q');
    addOrigin(workspace, this.origin);
    git(
      workspace,
      'fetch',
      '-q',
      '--no-tags',
      '--depth=1',
      'origin',
      `+${ref}:refs/remotes/checkout`,
    );
    git(workspace, 'checkout', '-q', '--detach', 'refs/remotes/checkout');
    return workspace;
  }

  /** Opens a PR from a pushed branch and runs the action on it as pull_request does: on the merge commit. */
  runPullRequest(number: number, branch: string): Promise<ActionRun> {
    const pr = this.pullRequest(number, branch);
    return runAction({
      workspace: this.checkout(`refs/pull/${number}/merge`),
      event: 'pull_request',
      payload: { pull_request: { number, base: { sha: pr.base }, head: { sha: pr.head } } },
      env: { GITHUB_SHA: pr.merge },
    });
  }
}
