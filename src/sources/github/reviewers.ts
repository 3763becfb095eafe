import { listAll } from './api-client.js';
import type { GitHubClient, Repo } from './client.js';

export interface ReviewerState {
  author: string;
  /** Asked and not yet answered. */
  pending: string[];
  /** Left a review of any kind. */
  reviewed: string[];
}

/** Who wrote the pull request, who is asked, who reviewed (every page). */
export async function reviewerState(
  client: GitHubClient,
  repository: Repo,
  number: number,
): Promise<ReviewerState> {
  const { data: pull } = await client.rest.pulls.get({
    ...repository,
    pull_number: number,
  });
  const reviews = await listAll(client, () =>
    client.rest.pulls.listReviews({
      ...repository,
      pull_number: number,
      per_page: 100,
    }),
  );
  return {
    author: pull.user?.login ?? '',
    pending: (pull.requested_reviewers ?? []).map((user) => user.login),
    reviewed: [...new Set(reviews.flatMap((review) => (review.user ? [review.user.login] : [])))],
  };
}

/** The repository's writers: collaborators with push permission, every page. */
export async function repositoryWriters(client: GitHubClient, repository: Repo): Promise<string[]> {
  const writers = await listAll(client, () =>
    client.rest.repos.listCollaborators({
      ...repository,
      permission: 'push',
      per_page: 100,
    }),
  );
  // The filter is the server's; a user listed with permissions saying otherwise is left out.
  return writers.filter((user) => user.permissions?.push !== false).map((user) => user.login);
}

/**
 * Whom to ask, so that `wanted` people klip-lint asked are waiting: from the pool in its order,
 * never the author, someone already asked or someone who already reviewed. Pure.
 */
export function chooseReviewers(
  pool: string[],
  state: ReviewerState,
  wanted: number,
  askedBefore: string[],
): string[] {
  const stillWaiting = askedBefore.filter((user) => state.pending.includes(user)).length;
  const count = Math.max(0, wanted - stillWaiting);
  const excluded = new Set(
    [state.author, ...state.pending, ...state.reviewed].map((user) => user.toLowerCase()),
  );
  const chosen: string[] = [];
  for (const user of pool) {
    if (chosen.length >= count) break;
    const key = user.toLowerCase();
    if (!user || excluded.has(key) || user.endsWith('[bot]')) continue;
    excluded.add(key);
    chosen.push(user);
  }
  return chosen;
}

export async function requestReviewers(
  client: GitHubClient,
  repository: Repo,
  number: number,
  reviewers: string[],
): Promise<void> {
  await client.rest.pulls.requestReviewers({
    ...repository,
    pull_number: number,
    reviewers,
  });
}
