import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
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

/**
 * A bare origin and an author's clone, as GitHub and a contributor have them: branches, pushes,
 * and the refs/pull/N/head and refs/pull/N/merge refs GitHub creates for a pull request.
 */
export class Repository {
  readonly root = tempDir('klip-lint-git-');
  readonly origin = join(this.root, 'origin.git');
  readonly work = join(this.root, 'author');

  constructor(files: Record<string, string>) {
    mkdirSync(this.work);
    git(this.root, 'init', '-q', '--bare', this.origin);
    git(this.work, 'init', '-q');
    git(this.work, 'remote', 'add', 'origin', this.origin);
    this.commit(files, 'initial');
    git(this.work, 'push', '-q', 'origin', 'HEAD:refs/heads/main');
  }

  /** Writes (text), deletes (null) and commits; returns the new commit. */
  commit(files: Record<string, string | null>, message = 'change'): string {
    for (const [path, text] of Object.entries(files)) {
      const absolute = join(this.work, path);
      if (text === null) {
        rmSync(absolute, { force: true });
      } else {
        mkdirSync(dirname(absolute), { recursive: true });
        writeFileSync(absolute, text);
      }
    }
    git(this.work, 'add', '-A');
    git(this.work, 'commit', '-q', '--allow-empty', '-m', message);
    return git(this.work, 'rev-parse', 'HEAD');
  }

  rename(from: string, to: string, message = 'rename'): string {
    git(this.work, 'mv', from, to);
    git(this.work, 'commit', '-q', '-m', message);
    return git(this.work, 'rev-parse', 'HEAD');
  }

  branch(name: string, from = 'main'): void {
    git(this.work, 'checkout', '-q', '-B', name, `origin/${from}`);
  }

  fetch(): void {
    git(this.work, 'fetch', '-q', 'origin');
  }

  push(branch: string, force = false): string {
    git(
      this.work,
      'push',
      '-q',
      ...(force ? ['--force'] : []),
      'origin',
      `HEAD:refs/heads/${branch}`,
    );
    this.fetch();
    return git(this.work, 'rev-parse', 'HEAD');
  }

  sha(ref: string): string {
    return git(this.origin, 'rev-parse', ref);
  }

  /** Opens a PR from a pushed branch into main: GitHub's head and merge refs. */
  pullRequest(number: number, branch: string): PullRequest {
    const base = this.sha('refs/heads/main');
    const head = this.sha(`refs/heads/${branch}`);
    git(this.work, 'checkout', '-q', '--detach', base);
    git(this.work, 'merge', '-q', '--no-ff', '--no-edit', head);
    const merge = git(this.work, 'rev-parse', 'HEAD');
    git(
      this.work,
      'push',
      '-q',
      'origin',
      `${head}:refs/pull/${number}/head`,
      `${merge}:refs/pull/${number}/merge`,
    );
    git(this.work, 'checkout', '-q', branch);
    return { number, base, head, merge };
  }

  /** What actions/checkout leaves: a depth-1 fetch of one ref, checked out detached. */
  checkout(ref: string): string {
    const workspace = tempDir('klip-lint-workspace-');
    git(workspace, 'init', '-q');
    git(workspace, 'remote', 'add', 'origin', this.origin);
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
  runPullRequest(number: number, branch: string): ActionRun {
    const pr = this.pullRequest(number, branch);
    return runAction({
      workspace: this.checkout(`refs/pull/${number}/merge`),
      event: 'pull_request',
      payload: { pull_request: { number, base: { sha: pr.base }, head: { sha: pr.head } } },
      env: { GITHUB_SHA: pr.merge },
    });
  }
}
