import type { LastChange } from '../catalogue/stale.js';
import { Git } from './git.js';
import type { GitHubClient, Repo } from './github/client.js';

/** At most this many files are looked up through the API on one run: one request each. */
export const MAX_API_LOOKUPS = 300;

/**
 * Each file's last change from the checkout's history, or null when the checkout cannot tell:
 * no repository, or a shallow one (where every file's last change is the one commit fetched).
 */
export function lastChangesFromGit(
  root: string,
  files: readonly string[],
  rev = 'HEAD',
): Map<string, LastChange> | null {
  const git = new Git(root);
  if (!git.isRepository()) return null;
  try {
    if (git.text(['rev-parse', '--is-shallow-repository']) === 'true') return null;
  } catch {
    return null;
  }
  const changes = new Map<string, LastChange>();
  for (const file of files) {
    try {
      const [commit, date, author] = git
        // Paths from the folder are names, never pathspec magic (`:(exclude)`, `*`).
        .text([
          '--literal-pathspecs',
          'log',
          '-1',
          '--format=%H%x00%cI%x00%an',
          '--end-of-options',
          rev,
          '--',
          file,
        ])
        .split('\0');
      if (commit && date) changes.set(file, { commit, date, author: author ?? '' });
    } catch {
      // A file git cannot tell about is left out of the list, not the run.
    }
  }
  return changes;
}

interface CommitItem {
  sha?: string;
  commit?: { author?: { name?: string; date?: string }; committer?: { date?: string } };
  author?: { login?: string } | null;
}

/** The same from the REST API's commit listing for each path: for a depth-1 checkout. */
export async function lastChangesFromApi(
  client: GitHubClient,
  repository: Repo,
  files: readonly string[],
  sha: string | undefined,
): Promise<{ changes: Map<string, LastChange>; skipped: number }> {
  const changes = new Map<string, LastChange>();
  for (const file of files.slice(0, MAX_API_LOOKUPS)) {
    const { data } = await client.request('GET /repos/{owner}/{repo}/commits', {
      ...repository,
      path: file,
      per_page: 1,
      ...(sha ? { sha } : {}),
    });
    const item = (Array.isArray(data) ? data[0] : undefined) as CommitItem | undefined;
    const date = item?.commit?.committer?.date ?? item?.commit?.author?.date;
    if (!item?.sha || !date) continue;
    changes.set(file, {
      commit: item.sha,
      date,
      author: item.commit?.author?.name ?? item.author?.login ?? '',
    });
  }
  return { changes, skipped: Math.max(0, files.length - MAX_API_LOOKUPS) };
}
