import { ApiError, createClient, listAll, unexpected, type GitHubClient } from './api-client.js';
import type { TreeEntry } from '../git.js';
import type { FileChange } from '../../model/file-change.js';
import type { Snapshot } from '../snapshot.js';

export { createClient, type GitHubClient };

export interface Repo {
  owner: string;
  repo: string;
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
  /** Folders listed one level at a time, when the recursive tree came back truncated. */
  private readonly folders = new Map<string, Promise<TreeEntry[] | null>>();

  private constructor(
    private readonly client: GitHubClient,
    private readonly repository: Repo,
    readonly commit: string,
    /** Every entry, when one recursive call listed them all; else null. */
    private readonly entries: TreeEntry[] | null,
  ) {}

  static async load(client: GitHubClient, repository: Repo, commit: string): Promise<RestSnapshot> {
    const { data } = await client.rest.git.getTree({
      ...repository,
      tree_sha: commit,
      recursive: 'true',
    });
    if (!Array.isArray(data?.tree)) throw unexpected(`the tree of ${commit.slice(0, 12)}`);
    // GitHub cuts a recursive tree at 100,000 entries or 7 MB: then each folder is asked for.
    if (data.truncated) return new RestSnapshot(client, repository, commit, null);
    return new RestSnapshot(client, repository, commit, toEntries(data.tree, ''));
  }

  get label(): string {
    return this.commit.slice(0, 12);
  }

  /** Entries directly in a folder (with its subfolders), or null when there is no such folder. */
  private async children(folder: string): Promise<TreeEntry[] | null> {
    if (this.entries) {
      const prefix = folder ? `${folder}/` : '';
      if (folder && !this.entries.some((entry) => entry.path.startsWith(prefix))) return null;
      return this.entries.filter(
        (entry) => entry.path.startsWith(prefix) && !entry.path.slice(prefix.length).includes('/'),
      );
    }
    let listing = this.folders.get(folder);
    if (!listing) {
      listing = this.listFolder(folder);
      this.folders.set(folder, listing);
    }
    return listing;
  }

  private async listFolder(folder: string): Promise<TreeEntry[] | null> {
    let tree = this.commit;
    if (folder) {
      const slash = folder.lastIndexOf('/');
      const parent = await this.children(slash < 0 ? '' : folder.slice(0, slash));
      const entry = parent?.find((candidate) => candidate.path === folder);
      if (!entry || entry.kind !== 'folder') return null;
      tree = entry.oid;
    }
    const { data } = await this.client.rest.git.getTree({ ...this.repository, tree_sha: tree });
    if (!Array.isArray(data?.tree)) throw unexpected(`the tree of ${folder || 'the top folder'}`);
    if (data.truncated)
      throw new Error(
        `the GitHub API listed ${folder || 'the top folder'} at ${this.label} only in part (a truncated tree), so the folder cannot be checked through the API`,
      );
    return toEntries(data.tree, folder);
  }

  async list(folder: string): Promise<TreeEntry[]> {
    return ((await this.children(folder)) ?? []).filter(
      (entry) => entry.kind !== 'folder' && entry.path.toLowerCase().endsWith('.md'),
    );
  }

  async read(entries: TreeEntry[]): Promise<Map<string, Buffer>> {
    const texts = new Map<string, Buffer>();
    // A few requests at a time: gentle with the rate limit, still quick for a folder.
    for (let i = 0; i < entries.length; i += 8) {
      await Promise.all(
        entries.slice(i, i + 8).map(async (entry) => {
          const { data } = await this.client.rest.git.getBlob({
            ...this.repository,
            file_sha: entry.oid,
          });
          if (typeof data?.content !== 'string') throw unexpected(`the file ${entry.path}`);
          texts.set(
            entry.path,
            Buffer.from(data.content, data.encoding === 'base64' ? 'base64' : 'utf8'),
          );
        }),
      );
    }
    return texts;
  }

  private async entry(path: string): Promise<TreeEntry | undefined> {
    const slash = path.lastIndexOf('/');
    const siblings = await this.children(slash < 0 ? '' : path.slice(0, slash));
    return siblings?.find((candidate) => candidate.path === path);
  }

  async readText(path: string): Promise<string | null> {
    const entry = await this.entry(path);
    return entry?.kind === 'file'
      ? ((await this.read([entry])).get(path)?.toString('utf8') ?? null)
      : null;
  }

  async readLink(path: string): Promise<string | null> {
    const entry = await this.entry(path);
    return entry?.kind === 'symlink'
      ? ((await this.read([entry])).get(path)?.toString('utf8') ?? null)
      : null;
  }

  async folderKind(path: string): Promise<'folder' | 'symlink' | 'submodule' | 'missing'> {
    if (!path) return 'folder';
    const entry = await this.entry(path);
    // A recursive listing may name a folder only through what is in it.
    if (!entry) return this.entries && this.exists(path) ? 'folder' : 'missing';
    return entry.kind === 'folder' || entry.kind === 'symlink' || entry.kind === 'submodule'
      ? entry.kind
      : 'missing';
  }

  exists(path: string): boolean {
    // Listed folder by folder: what was listed is known, nothing else is guessed.
    if (!this.entries) return this.folders.has(path);
    const prefix = `${path}/`;
    return this.entries.some((entry) => entry.path === path || entry.path.startsWith(prefix));
  }
}

/** Tree items as entries; `folder` is where a non-recursive listing's names are. */
function toEntries(
  tree: { path?: string; sha?: string; mode?: string; type?: string; size?: number }[],
  folder: string,
): TreeEntry[] {
  const prefix = folder ? `${folder}/` : '';
  return tree.flatMap((item) =>
    typeof item?.path === 'string' && item.path && typeof item.sha === 'string'
      ? [
          {
            path: `${prefix}${item.path}`,
            oid: item.sha,
            kind: item.type === 'tree' ? 'folder' : (KIND[item.mode ?? ''] ?? 'other'),
            ...(item.size !== undefined ? { size: item.size } : {}),
          },
        ]
      : [],
  );
}

/** A pull request's changed files as the REST API lists them. */
export async function pullRequestChanges(
  client: GitHubClient,
  repository: Repo,
  number: number,
): Promise<FileChange[]> {
  const files = await listAll(client, () =>
    client.rest.pulls.listFiles({ ...repository, pull_number: number, per_page: 100 }),
  );
  // The API lists a pull request's first 3,000 files and no more: a longer list is not all.
  if (files.length >= MAX_PULL_FILES) throw tooManyFiles(`pull request #${number}`, MAX_PULL_FILES);
  return files.flatMap(toChange);
}

const MAX_PULL_FILES = 3000;
const MAX_COMPARE_FILES = 300;

function tooManyFiles(what: string, max: number): ApiError {
  return new ApiError(
    'pagination',
    `the GitHub API lists at most ${max.toLocaleString('en-US')} changed files of ${what}, and it changes that many or more, so the list may not be whole`,
    "let git provide the change: keep actions/checkout's persist-credentials: true, or check out with fetch-depth: 0.",
  );
}

/** The files changed between two commits, as the compare API lists them. */
export async function compareChanges(
  client: GitHubClient,
  repository: Repo,
  base: string,
  head: string,
): Promise<FileChange[]> {
  const { data } = await client.rest.repos.compareCommitsWithBasehead({
    ...repository,
    basehead: `${base}...${head}`,
  });
  const files = data?.files ?? [];
  if (!Array.isArray(files))
    throw unexpected(`the comparison ${base.slice(0, 12)}...${head.slice(0, 12)}`);
  if (files.length >= MAX_COMPARE_FILES) throw tooManyFiles(`a comparison`, MAX_COMPARE_FILES);
  return files.flatMap(toChange);
}

export async function resolveRef(
  client: GitHubClient,
  repository: Repo,
  ref: string,
): Promise<string> {
  const { data } = await client.rest.repos.getCommit({
    ...repository,
    ref: ref.replace(/^refs\/heads\//, ''),
  });
  if (typeof data?.sha !== 'string') throw unexpected(`the commit ${ref}`);
  return data.sha;
}

function toChange(file: {
  filename: string;
  status: string;
  previous_filename?: string;
}): FileChange[] {
  if (typeof file?.filename !== 'string' || !file.filename) throw unexpected('a changed file');
  switch (file.status) {
    case 'added':
    case 'copied':
      return [{ status: 'added', path: file.filename }];
    case 'removed':
      return [{ status: 'deleted', path: file.filename }];
    case 'renamed':
      return [{ status: 'renamed', path: file.filename, previousPath: file.previous_filename }];
    case 'changed':
      // The file's type changed (a file became a link): one is gone and another came, as in git.
      return [
        { status: 'deleted', path: file.filename },
        { status: 'added', path: file.filename },
      ];
    default:
      return [{ status: 'modified', path: file.filename }];
  }
}
