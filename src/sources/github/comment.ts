import { listAll } from './api-client.js';
import type { GitHubClient, Repo } from './client.js';
import { COMMENT_MARKER } from '../../report/pr-comment.js';

export interface ExistingComment {
  id: number;
  body: string;
}

/**
 * klip-lint's comment on a pull request, read from every page of its comments: the first whose
 * body starts with the marker (by the Actions bot when there are several), or null.
 */
export async function findComment(
  client: GitHubClient,
  repository: Repo,
  number: number,
): Promise<ExistingComment | null> {
  const comments = await listAll(client, () =>
    client.rest.issues.listComments({
      ...repository,
      issue_number: number,
      per_page: 100,
    }),
  );
  const ours = comments.filter((comment) => (comment.body ?? '').startsWith(COMMENT_MARKER));
  const chosen =
    ours.find((comment) => comment.user?.login === 'github-actions[bot]') ?? ours[0] ?? null;
  return chosen ? { id: chosen.id, body: chosen.body ?? '' } : null;
}

/** Creates the comment, or edits it in place; never deletes one. */
export async function writeComment(
  client: GitHubClient,
  repository: Repo,
  number: number,
  existing: ExistingComment | null,
  body: string,
): Promise<'created' | 'updated'> {
  if (existing) {
    await client.rest.issues.updateComment({
      ...repository,
      comment_id: existing.id,
      body,
    });
    return 'updated';
  }
  await client.rest.issues.createComment({
    ...repository,
    issue_number: number,
    body,
  });
  return 'created';
}
