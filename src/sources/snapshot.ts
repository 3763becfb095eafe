import { existsSync, lstatSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { join, posix } from 'node:path';
import { comparePaths, sortByPath } from '../model/path-order.js';
import type { FolderFiles, MessageData, SourceFile } from '../model/types.js';
import { decode, type FileNote } from './decode.js';
import { MAX_FILE_BYTES, tooLarge } from '../model/limits.js';
import { MARKDOWN, proposalMatcher, samePath, type Layout } from '../model/layout.js';
import type { Git, TreeEntry } from './git.js';
import { isPlainFile, linkOnPath } from './safe-write.js';

/** The repository's files at one point: a commit, or the work tree. */
export interface Snapshot {
  /** A short name for messages: a commit id or "the work tree". */
  label: string;
  /** Markdown files directly in a folder. */
  list(folder: string): Promise<TreeEntry[]>;
  /** Reads files listed by `list`, as bytes. */
  read(entries: TreeEntry[]): Promise<Map<string, Buffer>>;
  /** One regular file's text, or null when there is none. */
  readText(path: string): Promise<string | null>;
  /** What a folder is: a real one, or a link or submodule that klip-lint does not enter. */
  folderKind(path: string): Promise<'folder' | 'symlink' | 'submodule' | 'missing'>;
  exists(path: string): boolean;
  /** Where a symbolic link at `path` points (its text), or null when the path is no link. */
  readLink?(path: string): Promise<string | null>;
}

export interface ReadOptions {
  targets?: ReadonlySet<string>;
  template?: SourceFile | null;
  /**
   * Which proposals to read. The others are known by their file names only (their number),
   * which is all cross-file rules take from them.
   */
  needed?: (path: string) => boolean;
}

export interface Read {
  input: FolderFiles;
  notes: FileNote[];
}

/** Reads a proposals folder from a snapshot into what the engine lints. */
export async function readInput(
  snapshot: Snapshot,
  layout: Layout,
  options: ReadOptions = {},
): Promise<Read> {
  const { folder } = layout;
  const notes: FileNote[] = [];
  const kind = folder ? await snapshot.folderKind(folder) : 'folder';
  if (kind === 'symlink' || kind === 'submodule') {
    notes.push({
      file: folder,
      ruleId: 'file-unreadable',
      messageId: 'folderNotAFolder',
      data: { kind: kind === 'symlink' ? 'symbolic link' : 'submodule' },
    });
  }
  const entries =
    kind === 'folder' ? sortByPath(await snapshot.list(folder), (entry) => entry.path) : [];
  const files = await readFiles(snapshot, entries, layout, options.needed, notes);
  // The template and the index may live outside the folder.
  const outside = async (path: string): Promise<SourceFile | null> => {
    const file =
      files.find((candidate) => candidate.path === path) ??
      files.find((candidate) => samePath(candidate.path, path));
    if (file) return file.text === null ? null : { path: file.path, text: file.text };
    // Listed and skipped (too large, a link): its note says why; it is not read another way.
    if (entries.some((entry) => samePath(entry.path, path))) return null;
    const text = await snapshot.readText(path);
    if (text === null) return null;
    if (tooLarge(text)) {
      notes.push({
        file: path,
        ruleId: 'file-unreadable',
        messageId: 'tooLarge',
        data: { size: '', limit: MAX_FILE_BYTES, what: 'a file klip-lint reads' },
      });
      return null;
    }
    return { path, text };
  };
  const proposals: SourceFile[] = [];
  for (const file of files) {
    if (file.proposal && file.text !== null) proposals.push({ path: file.path, text: file.text });
  }
  return {
    input: {
      folder,
      proposals,
      targets: options.targets,
      index: await outside(layout.index),
      template: options.template !== undefined ? options.template : await outside(layout.template),
      exists: (path) => snapshot.exists(path),
    },
    notes,
  };
}

/**
 * The other end of a change, from this end's read: the folder's entries the change touched are
 * read again, the rest taken over, so that a pull request does not go through a folder of
 * thousands twice. It gives readInput's proposals and index, and its notes on the touched files.
 * `paths` must be every path the change touched, as git's diff of two commits lists them. Null
 * when the change touches the folder itself or the index: then read it whole.
 */
export async function readChange(
  since: Read,
  snapshot: Snapshot,
  layout: Layout,
  paths: readonly string[],
  options: ReadOptions = {},
): Promise<Read | null> {
  const { folder } = layout;
  const rereads = (path: string) =>
    samePath(path, layout.index) ||
    (options.template === undefined && samePath(path, layout.template));
  if (paths.some(rereads)) return null;
  const touched = touchedEntries(folder, paths);
  if (!touched || touched.size > MAX_RELISTED) return null;
  if (folder && (await snapshot.folderKind(folder)) !== 'folder') return null;
  const entries =
    touched.size === 0
      ? []
      : sortByPath(
          (await snapshot.list(folder)).filter((entry) => touched.has(entry.path)),
          (entry) => entry.path,
        );
  const notes: FileNote[] = [];
  const files = await readFiles(snapshot, entries, layout, options.needed, notes);
  const proposals = since.input.proposals.filter((source) => !touched.has(source.path));
  for (const file of files) {
    if (!file.proposal || file.text === null) continue;
    // After the paths it sorts with, as a stable sort of the listing puts a new entry.
    let low = 0;
    let high = proposals.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (comparePaths((proposals[middle] as SourceFile).path, file.path) <= 0) low = middle + 1;
      else high = middle;
    }
    proposals.splice(low, 0, { path: file.path, text: file.text });
  }
  return {
    input: {
      ...since.input,
      proposals,
      targets: options.targets,
      template: options.template !== undefined ? options.template : since.input.template,
      exists: (path) => snapshot.exists(path),
    },
    notes,
  };
}

interface ReadFile {
  path: string;
  /** Empty for a proposal known by name only; null when it could not be read. */
  text: string | null;
  proposal: boolean;
}

/** Entries' texts: links, submodules and large files are noted and skipped, the rest read at once. */
async function readFiles(
  snapshot: Snapshot,
  entries: readonly TreeEntry[],
  layout: Layout,
  needed: ((path: string) => boolean) | undefined,
  notes: FileNote[],
): Promise<ReadFile[]> {
  const skip = (file: string, messageId: string, data: MessageData) =>
    notes.push({ file, ruleId: 'file-unreadable', messageId, data });
  const readable = entries.filter((entry) => {
    if (entry.kind === 'file') {
      if ((entry.size ?? 0) <= MAX_FILE_BYTES) return true;
      const what = samePath(entry.path, layout.index)
        ? 'the index'
        : samePath(entry.path, layout.template)
          ? 'the template'
          : 'a proposal';
      skip(entry.path, 'tooLarge', {
        size: `${entry.size} bytes, `,
        limit: MAX_FILE_BYTES,
        what,
      });
      return false;
    }
    skip(entry.path, 'notAFile', {
      kind:
        entry.kind === 'symlink'
          ? 'a symbolic link, which klip-lint does not follow'
          : entry.kind === 'submodule'
            ? 'a submodule'
            : 'not a regular file',
    });
    return false;
  });
  // One pass: proposals not needed are known by name (their text empty), the rest read at once.
  const isProposal = proposalMatcher(layout);
  const files: ReadFile[] = [];
  const toRead: TreeEntry[] = [];
  for (const entry of readable) {
    const proposal = isProposal(entry.path);
    const read = !proposal || !needed || needed(entry.path);
    files.push({ path: entry.path, text: read ? null : '', proposal });
    if (read) toRead.push(entry);
  }
  const bytes = await snapshot.read(toRead);
  for (const file of files) {
    const read = file.text === null ? bytes.get(file.path) : undefined;
    if (read) file.text = decode(file.path, read, notes);
  }
  return files;
}

/** The files on disk under a repository root. */
export class WorkTreeSnapshot implements Snapshot {
  readonly label = 'the work tree';

  constructor(readonly root: string) {}

  async list(folder: string): Promise<TreeEntry[]> {
    // A folder under a link is not listed: it may be outside the repository.
    if (folder && linkOnPath(this.root, folder) !== null) return [];
    // What the glob "*.md" matches, any case, links not followed; no glob library to load for it.
    let all: string[];
    try {
      all = readdirSync(join(this.root, folder));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    const names = all.filter((name) => !name.startsWith('.') && MARKDOWN.test(name));
    return names.map((name) => {
      const path = folder ? posix.join(folder, name) : name;
      const stat = lstatSync(join(this.root, path));
      const kind = stat.isSymbolicLink() ? 'symlink' : stat.isFile() ? 'file' : 'other';
      return { path, oid: '', kind, size: stat.size };
    });
  }

  async read(entries: TreeEntry[]): Promise<Map<string, Buffer>> {
    return new Map(entries.map((entry) => [entry.path, readFileSync(join(this.root, entry.path))]));
  }

  async readText(path: string): Promise<string | null> {
    // Not through a link at any depth: a linked folder may lead out of the repository.
    if (!isPlainFile(this.root, path)) return null;
    try {
      return readFileSync(join(this.root, path), 'utf8');
    } catch {
      return null;
    }
  }

  async folderKind(path: string): Promise<'folder' | 'symlink' | 'submodule' | 'missing'> {
    if (linkOnPath(this.root, path) !== null) return 'symlink';
    try {
      const stat = lstatSync(join(this.root, path));
      if (stat.isSymbolicLink()) return 'symlink';
      if (!stat.isDirectory()) return 'missing';
      return existsSync(join(this.root, path, '.git')) ? 'submodule' : 'folder';
    } catch {
      return 'missing';
    }
  }

  /** As git lists entries: a link is there (not followed), nothing under a linked folder is. */
  exists(path: string): boolean {
    const parent = posix.dirname(path);
    if (parent !== '.' && parent !== '' && linkOnPath(this.root, parent) !== null) return false;
    try {
      lstatSync(join(this.root, path));
      return true;
    } catch {
      return false;
    }
  }

  async readLink(path: string): Promise<string | null> {
    try {
      return lstatSync(join(this.root, path)).isSymbolicLink()
        ? readlinkSync(join(this.root, path), 'utf8')
        : null;
    } catch {
      return null;
    }
  }
}

/** A change's other end, and every path it touched there or here. */
export interface Since {
  snapshot: GitSnapshot;
  paths: readonly string[];
}

/** Above this many touched entries in one folder, listing it whole is as quick. */
const MAX_RELISTED = 64;

/**
 * A folder's entries that hold a path a change touched: the path itself, or the sub-folder it is
 * in. Null when the change touched the folder itself (it became a link, say).
 */
function touchedEntries(folder: string, paths: readonly string[]): Set<string> | null {
  const prefix = folder ? `${folder}/` : '';
  const touched = new Set<string>();
  for (const path of paths) {
    if (prefix.startsWith(`${path}/`)) return null;
    if (!path.startsWith(prefix)) continue;
    const slash = path.indexOf('/', prefix.length);
    touched.add(slash < 0 ? path : path.slice(0, slash));
  }
  return touched;
}

/** The files of one commit, read as git objects: nothing is checked out or run. */
export class GitSnapshot implements Snapshot {
  /** Each folder is listed once: the config, index, template and proposals share listings. */
  private folders = new Map<string, TreeEntry[]>();
  private paths = new Map<string, Set<string>>();

  /**
   * With `since`, a folder is the other end's listing with the entries the change touched listed
   * again: a pull request lists a folder of thousands of proposals once, not at both ends.
   */
  constructor(
    readonly git: Git,
    readonly commit: string,
    private readonly since?: Since,
  ) {}

  get label(): string {
    return this.commit.slice(0, 12);
  }

  private entries(folder: string): TreeEntry[] {
    const key = folder === '.' ? '' : folder;
    let entries = this.folders.get(key);
    if (!entries) {
      entries = this.since ? this.derive(key, this.since) : this.git.listFolder(this.commit, key);
      this.folders.set(key, entries);
    }
    return entries;
  }

  private derive(folder: string, since: Since): TreeEntry[] {
    const touched = touchedEntries(folder, since.paths);
    if (!touched || touched.size > MAX_RELISTED) return this.git.listFolder(this.commit, folder);
    const before = since.snapshot.entries(folder);
    if (touched.size === 0) return before;
    const now = new Map(this.git.listTree(this.commit, [...touched]).map((e) => [e.path, e]));
    // In the other end's order, new entries last: sorting them again is then mostly a lookup.
    const entries: TreeEntry[] = [];
    for (const entry of before) {
      const current = touched.has(entry.path) ? now.get(entry.path) : entry;
      if (current) entries.push(current);
      now.delete(entry.path);
    }
    entries.push(...now.values());
    return entries;
  }

  async list(folder: string): Promise<TreeEntry[]> {
    return this.entries(folder).filter((entry) => MARKDOWN.test(entry.path));
  }

  async read(entries: TreeEntry[]): Promise<Map<string, Buffer>> {
    const blobs = this.git.readBlobs(entries.map((entry) => entry.oid));
    const found = new Map<string, Buffer>();
    for (const entry of entries) {
      const blob = blobs.get(entry.oid);
      if (blob) found.set(entry.path, blob);
    }
    return found;
  }

  async readText(path: string): Promise<string | null> {
    const parent = posix.dirname(path);
    const entry = this.entries(parent).find(
      (candidate) => candidate.path === path && candidate.kind === 'file',
    );
    return entry ? ((await this.read([entry])).get(path)?.toString('utf8') ?? null) : null;
  }

  async folderKind(path: string): Promise<'folder' | 'symlink' | 'submodule' | 'missing'> {
    const parent = posix.dirname(path);
    const entry = this.entries(parent).find((candidate) => candidate.path === path);
    if (!entry) return 'missing';
    return entry.kind === 'symlink' || entry.kind === 'submodule' ? entry.kind : 'folder';
  }

  /** Listed folder by folder: what a change links to, not the whole repository. */
  exists(path: string): boolean {
    if (path === '' || path === '.') return true;
    const parent = posix.dirname(path);
    let paths = this.paths.get(parent);
    if (!paths) this.paths.set(parent, (paths = new Set(this.entries(parent).map((e) => e.path))));
    return paths.has(path);
  }

  async readLink(path: string): Promise<string | null> {
    const entry = this.entries(posix.dirname(path)).find(
      (candidate) => candidate.path === path && candidate.kind === 'symlink',
    );
    return entry ? ((await this.read([entry])).get(path)?.toString('utf8') ?? null) : null;
  }
}
