import { existsSync, lstatSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { globby } from 'globby';
import { comparePaths, type LintInput } from '../engine.js';
import type { SourceFile } from '../types.js';
import type { Git, TreeEntry } from './git.js';

export const INDEX_NAME = 'README.md';
export const TEMPLATE_NAME = 'klip-template.md';

/** The repository's files at one point: a commit, or the work tree. */
export interface Snapshot {
  /** A short name for messages: a commit id or "the work tree". */
  label: string;
  /** Markdown files directly in a folder. */
  list(folder: string): Promise<TreeEntry[]>;
  /** Reads files listed by `list`. */
  read(entries: TreeEntry[]): Promise<Map<string, string>>;
  exists(path: string): boolean;
}

export interface Skipped {
  file: string;
  reason: string;
}

/** Whether a Markdown file in the proposals folder is a proposal (not the index or the template). */
export function isProposalName(name: string): boolean {
  const lower = name.toLowerCase();
  return lower.endsWith('.md') && lower !== INDEX_NAME.toLowerCase() && lower !== TEMPLATE_NAME;
}

export function isTemplatePath(path: string, folder: string): boolean {
  return (
    path.toLowerCase() === (folder ? `${folder}/${TEMPLATE_NAME}` : TEMPLATE_NAME).toLowerCase()
  );
}

export function isIndexPath(path: string, folder: string): boolean {
  return path.toLowerCase() === (folder ? `${folder}/${INDEX_NAME}` : INDEX_NAME).toLowerCase();
}

/** Reads a proposals folder from a snapshot into what the engine lints. */
export async function readInput(
  snapshot: Snapshot,
  folder: string,
  options: { targets?: ReadonlySet<string>; template?: SourceFile | null } = {},
): Promise<{ input: LintInput; skipped: Skipped[] }> {
  const entries = (await snapshot.list(folder)).sort((a, b) => comparePaths(a.path, b.path));
  const skipped: Skipped[] = [];
  const readable = entries.filter((entry) => {
    if (entry.kind === 'file') return true;
    const reason =
      entry.kind === 'symlink'
        ? 'it is a symbolic link, which klip-lint does not follow'
        : entry.kind === 'submodule'
          ? 'it is a submodule'
          : 'it is not a regular file';
    skipped.push({ file: entry.path, reason });
    return false;
  });
  const texts = await snapshot.read(readable);
  const source = (entry: TreeEntry | undefined): SourceFile | null => {
    const text = entry && texts.get(entry.path);
    return entry && text !== undefined ? { path: entry.path, text } : null;
  };
  const name = (entry: TreeEntry) => posix.basename(entry.path);
  return {
    input: {
      folder,
      proposals: readable
        .filter((entry) => isProposalName(name(entry)))
        .map(source)
        .filter((file): file is SourceFile => file !== null),
      targets: options.targets,
      index: source(readable.find((entry) => isIndexPath(entry.path, folder))),
      template:
        options.template !== undefined
          ? options.template
          : source(readable.find((entry) => isTemplatePath(entry.path, folder))),
      exists: (path) => snapshot.exists(path),
    },
    skipped,
  };
}

/** The files on disk under a repository root. */
export class WorkTreeSnapshot implements Snapshot {
  readonly label = 'the work tree';

  constructor(readonly root: string) {}

  async list(folder: string): Promise<TreeEntry[]> {
    const names = await globby('*.md', {
      cwd: join(this.root, folder),
      caseSensitiveMatch: false,
      onlyFiles: false,
      followSymbolicLinks: false,
    });
    return names.map((name) => {
      const path = folder ? posix.join(folder, name) : name;
      const stat = lstatSync(join(this.root, path));
      const kind = stat.isSymbolicLink() ? 'symlink' : stat.isFile() ? 'file' : 'other';
      return { path, oid: '', kind };
    });
  }

  async read(entries: TreeEntry[]): Promise<Map<string, string>> {
    return new Map(
      entries.map((entry) => [entry.path, readFileSync(join(this.root, entry.path), 'utf8')]),
    );
  }

  exists(path: string): boolean {
    return existsSync(join(this.root, path));
  }
}

/** The files of one commit, read as git objects: nothing is checked out or run. */
export class GitSnapshot implements Snapshot {
  private paths: Set<string> | null = null;

  constructor(
    readonly git: Git,
    readonly commit: string,
  ) {}

  get label(): string {
    return this.commit.slice(0, 12);
  }

  async list(folder: string): Promise<TreeEntry[]> {
    return this.git
      .listFolder(this.commit, folder)
      .filter((entry) => entry.path.toLowerCase().endsWith('.md'));
  }

  async read(entries: TreeEntry[]): Promise<Map<string, string>> {
    const blobs = this.git.readBlobs(entries.map((entry) => entry.oid));
    const texts = new Map<string, string>();
    for (const entry of entries) {
      const blob = blobs.get(entry.oid);
      if (blob) texts.set(entry.path, blob.toString('utf8'));
    }
    return texts;
  }

  exists(path: string): boolean {
    this.paths ??= new Set(this.git.listAll(this.commit));
    if (this.paths.has(path)) return true;
    // A folder exists when a file is inside it.
    const prefix = `${path}/`;
    for (const file of this.paths) if (file.startsWith(prefix)) return true;
    return false;
  }
}
