import { unified, type Processor } from 'unified';
import remarkParse from 'remark-parse';
import { gfmTable } from 'micromark-extension-gfm-table';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import type { Root, Nodes } from 'mdast';
import type { Position } from 'unist';
import type { Range, SourceFile } from '../model/types.js';
import { parsePlainMarkdown } from './fast/plain-markdown.js';
import { boundBlocks } from './fast/bounded.js';
import { parseInPieces } from './fast/pieces.js';

/**
 * Proposals are read as CommonMark without emphasis: no rule looks at emphasis (decoration is
 * stripped from values anyway), and resolving it is a costly part of parsing. The index also
 * needs GFM tables.
 */
function withoutEmphasis(this: Processor) {
  const data = this.data() as { micromarkExtensions?: unknown[] };
  (data.micromarkExtensions ??= []).push({ disable: { null: ['attention'] } });
}

/** GFM tables, and nothing else of GFM: the index is a table. */
function tables(this: Processor) {
  const data = this.data() as {
    micromarkExtensions?: unknown[];
    fromMarkdownExtensions?: unknown[];
  };
  (data.micromarkExtensions ??= []).push(gfmTable());
  (data.fromMarkdownExtensions ??= []).push(gfmTableFromMarkdown());
}

const proposalParser = unified().use(remarkParse).use(withoutEmphasis);
const indexParser = unified().use(remarkParse).use(withoutEmphasis).use(tables);

const parseByRemark = (text: string): Root => proposalParser.parse(text);

/**
 * A proposal's or the template's tree: read line by line when it is plain, else section by
 * section, remark reading only the sections that are not plain.
 */
export function parseMarkdown(text: string): Root {
  return parseMarkdownBounded(text).tree;
}

/**
 * The same, saying whether block structures were read as plain text because there were too many
 * of them for remark to take in bounded time (see bounded.ts).
 */
export function parseMarkdownBounded(text: string): { tree: Root; flattened: number } {
  const defused = defuse(text);
  const plain = parsePlainMarkdown(defused);
  // A file with block quotes stays under the limit on block structures as before they were read
  // line by line: past it, they are read as text and the file says so (the same findings).
  if (plain && !plain.children.some((node) => node.type === 'blockquote'))
    return { tree: plain, flattened: 0 };
  const bounded = boundBlocks(defused);
  if (!bounded.flattened)
    return {
      tree: plain ?? parseInPieces(defused, parsePlainMarkdown, parseByRemark),
      flattened: 0,
    };
  // Flattened, the text is often plain enough for the line-by-line reading.
  return {
    tree:
      parsePlainMarkdown(bounded.text) ??
      parseInPieces(bounded.text, parsePlainMarkdown, parseByRemark),
    flattened: bounded.structures,
  };
}

/** The same tree, always from remark: what the line-by-line reading is held to. */
export function parseMarkdownFully(text: string): Root {
  return proposalParser.parse(defuse(text));
}

export function parseIndexMarkdown(text: string): Root {
  return parseIndexMarkdownBounded(text).tree;
}

export function parseIndexMarkdownBounded(text: string): { tree: Root; flattened: number } {
  const bounded = boundBlocks(defuse(text, { tables: true }));
  return {
    tree: indexParser.parse(bounded.text),
    flattened: bounded.flattened ? bounded.structures : 0,
  };
}

/** Inline delimiters in one block above which the block is read as plain text. */
export const MAX_DELIMITERS = 1000;
/** The same for one table row: a real index row has a handful. */
export const MAX_ROW_DELIMITERS = 100;
/** Block quotes and list items one line opens, above which its markers are read as text. */
export const MAX_NESTING = 40;

const DELIMITERS = /[*_~[\]]/g;
const TABLE_HEADER = /^\|[^\\]*\|[ \t]*$/;
const TABLE_DELIMITER_ROW = /^\|(?:[ \t]*:?-+:?[ \t]*\|)+[ \t]*$/;

/**
 * Whether a GFM table starts at line `i` (lines without their line endings): a header and a
 * delimiter row of as many cells, after a blank line, so that no container or paragraph can
 * claim them.
 */
export function isTableStart(lines: readonly string[], i: number): boolean {
  const header = lines[i];
  const delimiter = lines[i + 1];
  if (header === undefined || delimiter === undefined) return false;
  if (i > 0 && (lines[i - 1] as string).trim() !== '') return false;
  if (!TABLE_HEADER.test(header) || !TABLE_DELIMITER_ROW.test(delimiter)) return false;
  return header.split('|').length === delimiter.split('|').length;
}

/** Inline delimiters in a line: what makes link and emphasis resolution costly. */
export function countDelimiters(line: string): number {
  return line.length - line.replace(DELIMITERS, '').length;
}

/**
 * The Markdown parser takes super-linear time on some inputs no proposal contains: thousands of
 * emphasis or link delimiters in one block, lists nested dozens of levels deep. Such blocks are
 * read as plain text (the delimiters become a neutral character), keeping every line and column
 * where it was, so that no file can make a run slow. With `tables`, each row of a table is a
 * block of its own: its cells are parsed apart from every other row's.
 */
export function defuse(text: string, { tables = false } = {}): string {
  if (text.length < MAX_DELIMITERS) return text;
  const lines = text.split(/(?<=\r\n|\r|\n)/);
  const bare = lines.map((line) => line.replace(/\r?\n$|\r$/, ''));
  let changed = false;
  let blockStart = 0;
  let delimiters = 0;
  const flush = (end: number, limit = MAX_DELIMITERS) => {
    if (delimiters > limit) {
      for (let i = blockStart; i < end; i++)
        lines[i] = (lines[i] as string).replace(DELIMITERS, '\u2217');
      changed = true;
    }
  };
  let inTable = false;
  for (let i = 0; i < lines.length; i++) {
    const line = bare[i] as string;
    if (line.trim() === '') {
      flush(i);
      blockStart = i + 1;
      delimiters = 0;
      inTable = false;
      continue;
    }
    if (tables) {
      inTable = inTable ? line.startsWith('|') : isTableStart(bare, i);
      if (inTable) {
        flush(i);
        blockStart = i;
        delimiters = countDelimiters(line);
        flush(i + 1, MAX_ROW_DELIMITERS);
        blockStart = i + 1;
        delimiters = 0;
        continue;
      }
    }
    delimiters += countDelimiters(line);
    const excess = markersBeyond(line, MAX_NESTING);
    if (excess) {
      const chars = (lines[i] as string).split('');
      for (const at of excess) chars[at] = '\u2217';
      lines[i] = chars.join('');
      changed = true;
      continue;
    }
    const deep = /^([ \t]{40,})([-+*]|\d{1,9}[.)])(?=[ \t]|$)/.exec(line);
    if (deep?.[1] && deep[2]) {
      const marker = deep[2];
      lines[i] =
        `${deep[1]}${marker.replace(/[-+*.)]/g, '\u2217')}${(lines[i] as string).slice(deep[0].length)}`;
      changed = true;
    }
  }
  flush(lines.length);
  return changed ? lines.join('') : text;
}

/**
 * Where the block quote and list item markers a line opens past `depth` of them are: thousands of
 * ">" or "- " in a row would nest the tree thousands deep, past what a recursive walk survives.
 */
function markersBeyond(line: string, depth: number): number[] | null {
  let excess: number[] | null = null;
  let opened = 0;
  for (let at = 0; ;) {
    let start = at;
    while (start < at + 3 && line[start] === ' ') start++;
    let marker = -1;
    if (line[start] === '>') marker = start;
    else if ('-+*'.includes(line[start] ?? 'x') && isSpace(line[start + 1])) marker = start;
    else {
      let end = start;
      while (end < start + 9 && isDigit(line[end])) end++;
      if (end > start && (line[end] === '.' || line[end] === ')') && isSpace(line[end + 1])) {
        marker = end;
      }
    }
    if (marker < 0) return excess;
    if (++opened > depth) (excess ??= []).push(marker);
    at = isSpace(line[marker + 1]) ? marker + 2 : marker + 1;
  }
}

function isSpace(char: string | undefined): boolean {
  return char === ' ' || char === '\t';
}

function isDigit(char: string | undefined): boolean {
  return char !== undefined && char >= '0' && char <= '9';
}

export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

export function toRange(position: Position | undefined): Range {
  if (!position) return { line: 1, column: 1, endLine: 1, endColumn: 1 };
  return {
    line: position.start.line,
    column: position.start.column,
    endLine: position.end.line,
    endColumn: position.end.column,
  };
}

/** Visits every node depth-first, without recursion limits on deep trees. */
export function walk(root: Nodes, visit: (node: Nodes) => void): void {
  const stack: Nodes[] = [root];
  while (stack.length > 0) {
    const node = stack.pop() as Nodes;
    visit(node);
    if ('children' in node) {
      for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i] as Nodes);
    }
  }
}

/**
 * A parse remembered by path and text: a change is judged at both ends and several times each,
 * and the index and the template are the same files every time.
 */
export function memoized<T>(parse: (source: SourceFile) => T): (source: SourceFile) => T {
  // By path, then by text: a key holding the text would copy and hash a large index every call.
  const cache = new Map<string, { text: string; parsed: T }[]>();
  return (source) => {
    const versions = cache.get(source.path) ?? [];
    const cached = versions.find((version) => version.text === source.text);
    if (cached) return cached.parsed;
    const parsed = parse(source);
    if (cache.size > 8) cache.clear();
    cache.set(source.path, [...versions.slice(-3), { text: source.text, parsed }]);
    return parsed;
  };
}
