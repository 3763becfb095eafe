import type { PullRequestFacts, SkippedCheck } from '../model/pull-request-facts.js';
import { describeApiFailure, listAll, unexpected } from './github/api-client.js';
import type { GitHubClient, Repo } from './github/client.js';

/** The rules that read the reviews, and the other open pull requests: what each failure skips. */
const APPROVALS = 'approvals-required';
const COLLISIONS = 'number-collision';

export interface FetchOptions {
  folder: string;
  /** How many other open pull requests to look at, at most. */
  maxPulls: number;
}

/** Reads the facts the process checks need; each failure is recorded, not thrown. */
export async function fetchPullRequestFacts(
  client: GitHubClient,
  repository: Repo,
  number: number,
  options: FetchOptions,
): Promise<PullRequestFacts> {
  const skipped: SkippedCheck[] = [];
  const { data: pull } = await client.rest.pulls.get({
    ...repository,
    pull_number: number,
  });
  if (typeof pull?.title !== 'string') throw unexpected(`pull request #${number}`);
  const facts: PullRequestFacts = {
    number,
    title: pull.title,
    author: pull.user?.login ?? '',
    reviews: [],
    roles: {},
    writers: null,
    commits: [],
    otherPulls: [],
    skipped,
  };

  try {
    const reviews = await listAll(client, () =>
      client.rest.pulls.listReviews({ ...repository, pull_number: number, per_page: 100 }),
    );
    facts.reviews = reviews.map((review) => ({
      user: review.user?.login ?? '',
      state: review.state,
      submittedAt: review.submitted_at ?? '',
      commitId: review.commit_id ?? null,
    }));
    const commits = await listAll(client, () =>
      client.rest.pulls.listCommits({ ...repository, pull_number: number, per_page: 100 }),
    );
    facts.commits = commits.map((commit) => ({ sha: commit.sha, files: null }));
    for (const user of new Set(facts.reviews.map((review) => review.user).filter(Boolean))) {
      const { data } = await client.rest.repos.getCollaboratorPermissionLevel({
        ...repository,
        username: user,
      });
      facts.roles[user] = data.role_name ?? data.permission;
    }
    // Which files the commits after the earliest approval changed: stale approvals do not count.
    const approved = facts.reviews
      .filter((review) => review.state === 'APPROVED')
      .map((review) => facts.commits.findIndex((commit) => commit.sha === review.commitId));
    if (approved.length > 0)
      await fillCommitFiles(client, repository, facts, Math.max(0, Math.min(...approved) + 1));
  } catch (error) {
    skipped.push({
      rules: [APPROVALS],
      why: explain(
        error,
        "pull-requests: read (reviews and commits) and the repository collaborators' permissions",
      ),
    });
  }

  try {
    const writers = await listAll(client, () =>
      client.rest.repos.listCollaborators({ ...repository, permission: 'push', per_page: 100 }),
    );
    facts.writers = writers.map((user) => user.login).filter((login) => login !== facts.author);
  } catch {
    // Only the "from whom" of a message depends on it.
  }

  try {
    facts.otherPulls = await otherClaims(client, repository, number, options);
  } catch (error) {
    skipped.push({
      rules: [COLLISIONS],
      why: explain(error, 'pull-requests: read (open pull requests and their files)'),
    });
  }
  return facts;
}

/** Reads, for the commits after `since`, which files each changed. */
async function fillCommitFiles(
  client: GitHubClient,
  repository: Repo,
  facts: PullRequestFacts,
  since: number,
): Promise<void> {
  for (const commit of facts.commits.slice(since, since + 50)) {
    if (commit.files) continue;
    const { data } = await client.rest.repos.getCommit({
      ...repository,
      ref: commit.sha,
    });
    const files = Array.isArray(data?.files) ? data.files : [];
    commit.files = files.flatMap((file) =>
      typeof file?.filename === 'string'
        ? [file.filename, ...(file.previous_filename ? [file.previous_filename] : [])]
        : [],
    );
  }
}

async function otherClaims(
  client: GitHubClient,
  repository: Repo,
  number: number,
  options: FetchOptions,
): Promise<PullRequestFacts['otherPulls']> {
  const open = await listAll(
    client,
    () => client.rest.pulls.list({ ...repository, state: 'open', per_page: 100 }),
    // Enough once maxPulls others are known: the list is read no further, on purpose.
    (items) => items.length > options.maxPulls,
  );
  const pulls = open
    .filter((pull) => pull.number !== number)
    .map((pull) => ({ number: pull.number, title: pull.title }));
  const claims: PullRequestFacts['otherPulls'] = [];
  const prefix = options.folder ? `${options.folder}/` : '';
  // One request at a time: gentle with the secondary rate limit.
  for (const pull of pulls.slice(0, options.maxPulls)) {
    const files = await listAll(client, () =>
      client.rest.pulls.listFiles({ ...repository, pull_number: pull.number, per_page: 100 }),
    );
    const numbers = new Set<number>();
    for (const file of files) {
      if (typeof file.filename !== 'string' || !file.filename.startsWith(prefix)) continue;
      const name = file.filename.slice(prefix.length);
      const added = /^klip-(\d+)[-_ ]/i.exec(name);
      if (added && file.status === 'added') numbers.add(Number(added[1]));
      // An index row the PR adds: a "+| ... KLIP-n ..." line of its patch.
      if (/^readme\.md$/i.test(name)) {
        const lines = (file.patch ?? '').split('\n');
        const rows = (sign: string) =>
          new Set(
            lines
              .flatMap((line) =>
                line.startsWith(sign) ? [/^.\s*\|[^|]*KLIP[\s_-]*(\d+)/i.exec(line)?.[1]] : [],
              )
              .filter(Boolean)
              .map(Number),
          );
        const removed = rows('-');
        for (const row of rows('+')) if (!removed.has(row)) numbers.add(row);
      }
    }
    if (numbers.size > 0) claims.push({ ...pull, numbers: [...numbers] });
  }
  return claims;
}

function explain(error: unknown, permission: string): string {
  return describeApiFailure(error, permission);
}
