import { getOctokit } from '@actions/github';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import type { FileChange, TreeEntry } from './git.js';
import type { Snapshot } from './snapshot.js';

export type GitHubClient = ReturnType<typeof getOctokit>;

export interface Repo {
  owner: string;
  repo: string;
}

/**
 * An Octokit client for GITHUB_API_URL (GitHub Enterprise Server too) that retries a few times on
 * 5xx answers and waits out secondary rate limits, a bounded number of times.
 */
export function createClient(token: string): GitHubClient {
  return getOctokit(
    token,
    {
      retry: { retries: 2, retryAfterBaseValue: 1000 },
      throttle: {
        onRateLimit: (_after: number, _options: unknown, _octokit: unknown, retryCount: number) =>
          retryCount < 1,
        onSecondaryRateLimit: (
          _after: number,
          _options: unknown,
          _octokit: unknown,
          retryCount: number,
        ) => retryCount < 1,
      },
    },
    retry,
    throttling,
  );
}

/** Each call gives up after this long; the retry plugin may try it again. */
export const CALL_TIMEOUT_MS = 30_000;

/** Per-call options: a timeout of its own. */
export function timeout(): { request: { signal: AbortSignal } } {
  return { request: { signal: AbortSignal.timeout(CALL_TIMEOUT_MS) } };
}

export function parseRepository(value: string | undefined): Repo | null {
  const match = /^([^/\s]+)\/([^/\s]+)$/.exec(value ?? '');
  return match ? { owner: match[1] as string, repo: match[2] as string } : null;
}

const KIND: Record<string, TreeEntry['kind']> = {
  '100644': 'file',
  '100755': 'file',
  '120000': 'symlink',
  '160000': 'submodule',
};

/** One commit's files read through the REST API, for when git cannot fetch it. */
export class RestSnapshot implements Snapshot {
  private constructor(
    private readonly client: GitHubClient,
    private readonly repository: Repo,
    readonly commit: string,
    private readonly entries: TreeEntry[],
  ) {}

  static async load(client: GitHubClient, repository: Repo, commit: string): Promise<RestSnapshot> {
    const { data } = await client.rest.git.getTree({
      ...timeout(),
      ...repository,
      tree_sha: commit,
      recursive: 'true',
    });
    const entries = data.tree.flatMap((item) =>
      item.path && item.sha && item.type !== 'tree'
        ? [
            {
              path: item.path,
              oid: item.sha,
              kind: KIND[item.mode ?? ''] ?? 'other',
              ...(item.size !== undefined ? { size: item.size } : {}),
            },
          ]
        : [],
    );
    return new RestSnapshot(client, repository, commit, entries);
  }

  get label(): string {
    return this.commit.slice(0, 12);
  }

  async list(folder: string): Promise<TreeEntry[]> {
    const prefix = folder ? `${folder}/` : '';
    return this.entries.filter(
      (entry) =>
        entry.path.startsWith(prefix) &&
        !entry.path.slice(prefix.length).includes('/') &&
        entry.path.toLowerCase().endsWith('.md'),
    );
  }

  async read(entries: TreeEntry[]): Promise<Map<string, Buffer>> {
    const texts = new Map<string, Buffer>();
    // A few requests at a time: gentle with the rate limit, still quick for a folder.
    for (let i = 0; i < entries.length; i += 8) {
      await Promise.all(
        entries.slice(i, i + 8).map(async (entry) => {
          const { data } = await this.client.rest.git.getBlob({
            ...timeout(),
            ...this.repository,
            file_sha: entry.oid,
          });
          texts.set(
            entry.path,
            Buffer.from(data.content, data.encoding === 'base64' ? 'base64' : 'utf8'),
          );
        }),
      );
    }
    return texts;
  }

  async readText(path: string): Promise<string | null> {
    const entry = this.entries.find(
      (candidate) => candidate.path === path && candidate.kind === 'file',
    );
    return entry ? ((await this.read([entry])).get(path)?.toString('utf8') ?? null) : null;
  }

  async folderKind(path: string): Promise<'folder' | 'symlink' | 'submodule' | 'missing'> {
    const entry = this.entries.find((candidate) => candidate.path === path);
    if (entry)
      return entry.kind === 'symlink' || entry.kind === 'submodule' ? entry.kind : 'missing';
    return this.exists(path) ? 'folder' : 'missing';
  }

  exists(path: string): boolean {
    const prefix = `${path}/`;
    return this.entries.some((entry) => entry.path === path || entry.path.startsWith(prefix));
  }
}

/** A pull request's changed files as the REST API lists them. */
export async function pullRequestChanges(
  client: GitHubClient,
  repository: Repo,
  number: number,
): Promise<FileChange[]> {
  const files = await client.paginate(client.rest.pulls.listFiles, {
    ...timeout(),
    ...repository,
    pull_number: number,
    per_page: 100,
  });
  return files.map(toChange);
}

/** The files changed between two commits, as the compare API lists them. */
export async function compareChanges(
  client: GitHubClient,
  repository: Repo,
  base: string,
  head: string,
): Promise<FileChange[]> {
  const { data } = await client.rest.repos.compareCommitsWithBasehead({
    ...timeout(),
    ...repository,
    basehead: `${base}...${head}`,
  });
  return (data.files ?? []).map(toChange);
}

export async function resolveRef(
  client: GitHubClient,
  repository: Repo,
  ref: string,
): Promise<string> {
  const { data } = await client.rest.repos.getCommit({
    ...timeout(),
    ...repository,
    ref: ref.replace(/^refs\/heads\//, ''),
  });
  return data.sha;
}

function toChange(file: {
  filename: string;
  status: string;
  previous_filename?: string;
}): FileChange {
  switch (file.status) {
    case 'added':
    case 'copied':
      return { status: 'added', path: file.filename };
    case 'removed':
      return { status: 'deleted', path: file.filename };
    case 'renamed':
      return { status: 'renamed', path: file.filename, previousPath: file.previous_filename };
    default:
      return { status: 'modified', path: file.filename };
  }
}
