import { execFileSync } from 'node:child_process';
import { isObjectId } from './revision.js';
import type { FileChange } from '../model/file-change.js';

/** A file as git stores it: regular files, symbolic links and submodules differ by mode. */
export interface TreeEntry {
  path: string;
  oid: string;
  kind: 'file' | 'folder' | 'symlink' | 'submodule' | 'other';
  /** Bytes, when known before reading. */
  size?: number;
}

export class GitError extends Error {
  constructor(
    readonly args: string[],
    readonly stderr: string,
  ) {
    const lines = stderr.trim().split('\n');
    const reason = lines.find((line) => /^(fatal|error):/.test(line)) ?? lines[0] ?? '';
    super(`git ${args.join(' ')} failed: ${reason.replace(/^(fatal|error):\s*/, '')}`);
  }
}

const MAX_BUFFER = 512 * 1024 * 1024;

/** Every argument after it is a name, never an option, whatever it holds. */
const END_OF_OPTIONS = '--end-of-options';

/**
 * A revision given to git: callers check values from outside for what they must be; this refuses
 * what no check should have let through, so that no value is ever read as an option.
 */
function revision(value: string): string {
  // eslint-disable-next-line no-control-regex
  if (value === '' || value.startsWith('-') || /[\u0000-\u001f]/.test(value)) {
    throw new GitError([], `fatal: ${JSON.stringify(value.slice(0, 100))} is not a revision`);
  }
  return value;
}

/** Runs git without a shell; arguments are never interpreted, whatever a path or ref contains. */
export class Git {
  constructor(readonly cwd: string) {}

  run(args: string[], input?: string): Buffer {
    try {
      return execFileSync('git', ['-c', 'core.quotePath=false', ...args], {
        cwd: this.cwd,
        input,
        maxBuffer: MAX_BUFFER,
        stdio: ['pipe', 'pipe', 'pipe'],
        env: { ...process.env, GIT_TERMINAL_PROMPT: '0', GIT_ASKPASS: 'echo', LC_ALL: 'C' },
      });
    } catch (error) {
      const stderr = (error as { stderr?: Buffer }).stderr?.toString('utf8') ?? String(error);
      throw new GitError(args, stderr);
    }
  }

  text(args: string[]): string {
    return this.run(args).toString('utf8').trim();
  }

  /** The top of the work tree this folder is in, or null outside one. */
  topLevel(): string | null {
    try {
      return this.text(['rev-parse', '--show-toplevel']) || null;
    } catch {
      return null;
    }
  }

  isRepository(): boolean {
    try {
      return this.text(['rev-parse', '--is-inside-work-tree']) === 'true';
    } catch {
      return false;
    }
  }

  /**
   * The parents of each commit that is here (as the commit object records them, even in a shallow
   * clone); null for one that is not. One git process for all of them.
   */
  commits(all: string[]): Map<string, string[] | null> {
    const found = new Map<string, string[] | null>(all.map((id) => [id, null]));
    // One name a line on stdin: only object ids, so that no value can name something else.
    const ids = all.filter(isObjectId);
    if (ids.length === 0) return found;
    const output = this.run(['cat-file', '--batch'], `${ids.join('\n')}\n`);
    let offset = 0;
    for (const id of ids) {
      const newline = output.indexOf(0x0a, offset);
      if (newline < 0) break;
      const [, type, size] = output.subarray(offset, newline).toString('utf8').split(' ');
      offset = newline + 1;
      if (size === undefined) continue;
      const body = output.subarray(offset, offset + Number(size)).toString('utf8');
      offset += Number(size) + 1;
      if (type !== 'commit') continue;
      found.set(
        id,
        body
          .slice(0, body.indexOf('\n\n'))
          .split('\n')
          .filter((line) => line.startsWith('parent '))
          .map((line) => line.slice('parent '.length)),
      );
    }
    return found;
  }

  hasCommit(ref: string): boolean {
    try {
      this.run(['cat-file', '-e', END_OF_OPTIONS, `${revision(ref)}^{commit}`]);
      return true;
    } catch {
      return false;
    }
  }

  resolve(ref: string): string | null {
    try {
      return (
        this.text([
          'rev-parse',
          '--verify',
          '--quiet',
          END_OF_OPTIONS,
          `${revision(ref)}^{commit}`,
        ]) || null
      );
    } catch {
      return null;
    }
  }

  /** Fetches one commit (or ref) from origin at depth 1, as little as the check needs. */
  fetch(ref: string): void {
    this.fetchAt(1, [ref]);
  }

  /** Fetches commits (or refs) from origin with this much of their history. */
  fetchAt(depth: number, refs: readonly string[]): void {
    this.run([
      'fetch',
      '--no-tags',
      '--no-recurse-submodules',
      `--depth=${depth}`,
      END_OF_OPTIONS,
      'origin',
      ...refs.map(revision),
    ]);
  }

  isShallow(): boolean {
    try {
      return this.text(['rev-parse', '--is-shallow-repository']) === 'true';
    } catch {
      return false;
    }
  }

  /** The best common ancestor of two commits that are here, or null when history has none here. */
  mergeBase(a: string, b: string): string | null {
    try {
      const found = this.text(['merge-base', END_OF_OPTIONS, revision(a), revision(b)]);
      return isObjectId(found) ? found : null;
    } catch {
      return null;
    }
  }

  /** Files directly in a folder at a commit (not in sub-folders). */
  listFolder(commit: string, folder: string): TreeEntry[] {
    // A path, not "commit:folder": that would list the commit a submodule there points at.
    const prefix = folder ? `${folder}/` : '';
    try {
      return this.listTree(commit, prefix ? [prefix] : []).filter((entry) =>
        entry.path.startsWith(prefix),
      );
    } catch {
      return [];
    }
  }

  /** The entries of these paths at a commit (those it has), or of its root without paths. */
  listTree(commit: string, paths: readonly string[]): TreeEntry[] {
    // After --end-of-options nothing is an option, "--" included: the paths follow the commit.
    const args = ['--literal-pathspecs', 'ls-tree', '--full-tree', '-l', '-z', END_OF_OPTIONS];
    return parseTree(this.run([...args, revision(commit), ...paths]));
  }

  /** Blobs already read: an object id names the same bytes forever, and both ends share most. */
  private blobs = new Map<string, Buffer>();

  /** Reads blobs by object id in one git process. */
  readBlobs(oids: string[]): Map<string, Buffer> {
    const unread = [...new Set(oids)].filter((oid) => isObjectId(oid) && !this.blobs.has(oid));
    if (unread.length > 0) {
      const output = this.run(['cat-file', '--batch'], `${unread.join('\n')}\n`);
      let offset = 0;
      while (offset < output.length) {
        const newline = output.indexOf(0x0a, offset);
        const header = output.subarray(offset, newline).toString('utf8').split(' ');
        offset = newline + 1;
        if (header[1] === 'missing') continue;
        const size = Number(header[2]);
        this.blobs.set(header[0] as string, output.subarray(offset, offset + size));
        offset += size + 1;
      }
    }
    const found = new Map<string, Buffer>();
    for (const oid of oids) {
      const blob = this.blobs.get(oid);
      if (blob) found.set(oid, blob);
    }
    return found;
  }

  /** What changed in a folder between two commits, or between a commit and the work tree. */
  diff(base: string, head: string | null, folder: string): FileChange[] {
    // A .gitmodules in the change could otherwise hide what a submodule did.
    const args = [
      'diff',
      '--name-status',
      '-z',
      '-M',
      '--no-color',
      '--no-ext-diff',
      '--ignore-submodules=none',
      END_OF_OPTIONS,
      revision(base),
    ];
    if (head) args.push(revision(head));
    args.push('--', folder ? `${folder}/` : '.');
    return parseNameStatus(this.run(args).toString('utf8'));
  }

  /** Files git does not track yet in a folder of the work tree. */
  untracked(folder: string): string[] {
    const output = this.run([
      'ls-files',
      '-z',
      '--others',
      '--exclude-standard',
      '--',
      folder ? `${folder}/` : '.',
    ]);
    return output.toString('utf8').split('\0').filter(Boolean);
  }
}

const KINDS = new Map<string, TreeEntry['kind']>([
  ['blob', 'file'],
  ['tree', 'folder'],
  ['commit', 'submodule'],
]);

/**
 * The repository root for a workspace: git's own answer, so that a workspace naming a sub-folder
 * still reads the whole repository. The folder itself when it is in no repository.
 */
export function repositoryRoot(folder: string): string {
  return new Git(folder).topLevel() ?? folder;
}

/** ls-tree's entries. */
function parseTree(output: Buffer): TreeEntry[] {
  const text = output.toString('utf8');
  const entries: TreeEntry[] = [];
  // "<mode> <type> <oid> <size>\t<path>\0", the size padded with spaces: read with indexOf, as a
  // folder of thousands of proposals is listed on every pull request.
  for (let start = 0; start < text.length;) {
    const end = text.indexOf('\0', start);
    const tab = text.indexOf('\t', start);
    if (end < 0 || tab < 0 || tab > end) break;
    const mode = text.slice(start, text.indexOf(' ', start));
    const typeStart = start + mode.length + 1;
    const type = text.slice(typeStart, text.indexOf(' ', typeStart));
    const oidStart = typeStart + type.length + 1;
    const space = text.indexOf(' ', oidStart);
    const oidEnd = space < 0 || space > tab ? tab : space;
    const size = text.slice(oidEnd + 1, tab).trim();
    const entry: TreeEntry = {
      path: text.slice(tab + 1, end),
      oid: text.slice(oidStart, oidEnd),
      kind: mode === '120000' ? 'symlink' : (KINDS.get(type) ?? 'other'),
    };
    if (size && size !== '-') entry.size = Number(size);
    entries.push(entry);
    start = end + 1;
  }
  return entries;
}

export function parseNameStatus(output: string): FileChange[] {
  const fields = output.split('\0');
  const changes: FileChange[] = [];
  for (let i = 0; i < fields.length;) {
    const code = fields[i++] ?? '';
    if (!code) continue;
    const letter = code[0];
    if (letter === 'R' || letter === 'C') {
      const previousPath = fields[i++] as string;
      const path = fields[i++] as string;
      changes.push(
        letter === 'R' ? { status: 'renamed', path, previousPath } : { status: 'added', path },
      );
    } else if (letter === 'T') {
      // A file that became a link (or a link a file) is not the same file changed: one is gone
      // and another came, so that a proposal turned into a link counts as deleted.
      const path = fields[i++] as string;
      changes.push({ status: 'deleted', path }, { status: 'added', path });
    } else {
      const path = fields[i++] as string;
      const status = letter === 'A' ? 'added' : letter === 'D' ? 'deleted' : 'modified';
      changes.push({ status, path });
    }
  }
  return changes;
}
