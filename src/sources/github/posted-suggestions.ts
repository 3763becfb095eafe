import { listAll } from './api-client.js';
import type { GitHubClient, Repo } from './client.js';
import { suggestionKeys, type Suggestion } from '../../report/suggestions.js';
import { addedLines } from './patch.js';

/**
 * Per file of the pull request, the lines it added, from every page of its files' patches; null
 * for a file GitHub gives no patch for (a large diff).
 */
export async function changedLines(
  client: GitHubClient,
  repository: Repo,
  number: number,
): Promise<Map<string, Map<number, string> | null>> {
  const files = await listAll(client, () =>
    client.rest.pulls.listFiles({
      ...repository,
      pull_number: number,
      per_page: 100,
    }),
  );
  return new Map(files.map((file) => [file.filename, file.patch ? addedLines(file.patch) : null]));
}

/** The keys of the suggestions klip-lint already made, from every page of the review comments. */
export async function suggestedBefore(
  client: GitHubClient,
  repository: Repo,
  number: number,
): Promise<Set<string>> {
  const comments = await listAll(client, () =>
    client.rest.pulls.listReviewComments({
      ...repository,
      pull_number: number,
      per_page: 100,
    }),
  );
  return suggestionKeys(comments.map((comment) => comment.body));
}

/** All the suggestions in one review that comments, never one that requests changes. */
export async function postSuggestions(
  client: GitHubClient,
  repository: Repo,
  number: number,
  commit: string,
  suggestions: Suggestion[],
): Promise<void> {
  await client.rest.pulls.createReview({
    ...repository,
    pull_number: number,
    commit_id: commit,
    event: 'COMMENT',
    body: `klip-lint suggests ${suggestions.length} fix${suggestions.length === 1 ? '' : 'es'} on the lines this pull request changed.`,
    comments: suggestions.map((suggestion) => ({
      path: suggestion.path,
      line: suggestion.line,
      side: 'RIGHT',
      ...(suggestion.startLine < suggestion.line
        ? { start_line: suggestion.startLine, start_side: 'RIGHT' }
        : {}),
      body: suggestion.body,
    })),
  });
}
