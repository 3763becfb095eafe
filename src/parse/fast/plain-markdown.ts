import type {
  Blockquote,
  Code,
  Heading,
  Html,
  List,
  ListItem,
  Paragraph,
  PhrasingContent,
  Root,
  RootContent,
} from 'mdast';
import type { Point } from 'unist';

/**
 * The tree remark-parse builds (CommonMark, emphasis off) for the plain Markdown most proposals
 * are written in, built line by line at a fraction of the cost: ATX headings, paragraphs,
 * one-level lists, fenced code, HTML comments and block quotes of those; code spans, inline links
 * and images. Anything
 * else, or anything this reading is unsure of, gives null and the caller runs remark, so the
 * tree is remark's either way (a property test holds the two equal).
 *
 * Reference: `parseMarkdownFully` in ../markdown.ts; equivalence: __tests__/fast-path.test.ts.
 */
export function parsePlainMarkdown(text: string): Root | null {
  if (/[\r\0\uFEFF]/.test(text)) return null;
  const lines = text.split('\n');
  const starts = new Array<number>(lines.length);
  for (let i = 0, offset = 0; i < lines.length; i++) {
    starts[i] = offset;
    offset += (lines[i] as string).length + 1;
  }
  const at: At = (line, column) => ({
    line: line + 1,
    column,
    offset: (starts[line] as number) + column - 1,
  });
  const children = readBlocks(lines, at, (line) => at(line, 1), 0);
  if (!children) return null;
  const last = lines.length - 1;
  return {
    type: 'root',
    children,
    position: { start: at(0, 1), end: at(last, (lines[last] as string).length + 1) },
  };
}

/** Block quotes in block quotes read line by line, at most. */
const MAX_QUOTE_DEPTH = 8;

/**
 * The blocks of `lines`: a file's, or a block quote's without its markers. `at` places a line's
 * column in the file; `lineStart` is where a line begins in the file, where a line ending ends
 * (before a block quote's marker, as remark puts it).
 */
function readBlocks(
  lines: readonly string[],
  at: At,
  lineStart: (line: number) => Point,
  depth: number,
): RootContent[] | null {
  const kinds = lines.map(classify);
  // The file's line number of a position, less this: the next line's index here.
  const base = at(0, 1).line - 1;

  /**
   * A paragraph from line `first` (its text at `column`) through the lines that continue it;
   * `delimiter` is that of the ordered list it is in, if any.
   */
  const paragraph = (first: number, column: number, delimiter?: string): Paragraph | null => {
    let last = first;
    while (kinds[last + 1] === 'text' || kinds[last + 1] === 'indented') last++;
    const next = lines[last + 1];
    // Only "1." starts a list inside a paragraph; another number continues it.
    if (kinds[last + 1] === 'ordered' && next !== undefined) {
      const marker = listMarker(next);
      if (marker.delimiter !== delimiter && marker.start !== 1) return null;
    }
    const inline = new Inline(at);
    for (let i = first; i <= last; i++) {
      const start = i === first ? column : indentation(lines[i] as string) + 1;
      const content = (lines[i] as string).slice(start - 1);
      const body = trimEnd(content);
      if (!inline.line(body, i, start)) return null;
      if (i === last) break;
      if (content.length - body.length >= 2) {
        inline.hardBreak(at(i, start + body.length), lineStart(i + 1));
      } else {
        inline.data('\n', at(i, start + content.length), lineStart(i + 1));
      }
    }
    const end = (lines[last] as string).length + 1;
    return {
      type: 'paragraph',
      children: inline.nodes,
      position: { start: at(first, column), end: at(last, end) },
    };
  };

  const children: RootContent[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i] as string;
    const kind = kinds[i];
    if (kind === 'blank') {
      i++;
    } else if (kind === 'heading') {
      const node = heading(line, i, at);
      if (!node) return null;
      children.push(node);
      i++;
    } else if (kind === 'fence') {
      const node = code(lines, i, at);
      if (!node?.position) return null;
      children.push(node);
      i = node.position.end.line - base;
    } else if (kind === 'comment') {
      const node = comment(lines, i, at);
      if (!node?.position) return null;
      children.push(node);
      i = node.position.end.line - base;
    } else if (kind === 'bullet' || kind === 'ordered') {
      const first = listMarker(line);
      const items: ListItem[] = [];
      let spread = false;
      for (;;) {
        const marker = listMarker(lines[i] as string);
        if (marker.delimiter !== first.delimiter) return null;
        if (classify(marker.content) !== 'text') return null;
        const body = paragraph(i, marker.column, kind === 'ordered' ? first.delimiter : undefined);
        if (!body?.position) return null;
        items.push({
          type: 'listItem',
          spread: false,
          checked: null,
          children: [body],
          position: { start: at(i, 1), end: body.position.end },
        });
        i = body.position.end.line - base;
        if (kinds[i] === kind) continue;
        // In a block quote, remark stretches a list to what comes after it: left to remark.
        if (depth > 0 && i < lines.length) return null;
        // Items apart make a loose list, still one list.
        let next = i;
        while (kinds[next] === 'blank') next++;
        // An indented line after a blank one goes on with the item: remark's.
        if (next > i && kinds[next] === 'indented') return null;
        if (next === i || kinds[next] !== kind) break;
        spread = true;
        i = next;
      }
      const list: List = {
        type: 'list',
        ordered: kind === 'ordered',
        start: kind === 'ordered' ? first.start : null,
        spread,
        children: items,
        position: {
          start: (items[0] as ListItem).position?.start as Point,
          end: (items[items.length - 1] as ListItem).position?.end as Point,
        },
      };
      children.push(list);
    } else if (kind === 'text' || (kind === 'indented' && indentation(line) < 4)) {
      const node = paragraph(i, indentation(line) + 1);
      if (!node?.position) return null;
      children.push(node);
      i = node.position.end.line - base;
    } else if (kind === 'quote' && depth < MAX_QUOTE_DEPTH) {
      let end = i;
      while (kinds[end] === 'quote') end++;
      // A line after it that is not blank could be a lazy line of the quote: remark's.
      if (end < lines.length && kinds[end] !== 'blank') return null;
      // In a block quote, remark stretches a quote over the blank lines that end the outer one.
      if (depth > 0 && end < lines.length && kinds.slice(end).every((k) => k === 'blank'))
        return null;
      // The marker is ">" and one space after it, if there is one.
      const widths = lines.slice(i, end).map((quoted) => (quoted[1] === ' ' ? 2 : 1));
      const first = i;
      const body = readBlocks(
        lines.slice(i, end).map((quoted, k) => quoted.slice(widths[k])),
        (inner, column) => at(first + inner, column + (widths[inner] as number)),
        (inner) => lineStart(first + inner),
        depth + 1,
      );
      if (!body) return null;
      const close = end - 1;
      children.push({
        type: 'blockquote',
        children: body as Blockquote['children'],
        position: { start: at(i, 1), end: at(close, (lines[close] as string).length + 1) },
      });
      i = end;
    } else {
      return null;
    }
  }
  return children;
}

type At = (line: number, column: number) => Point;

type Kind =
  | 'blank'
  | 'heading'
  | 'fence'
  | 'comment'
  /** A line of a block quote: ">" at the margin. */
  | 'quote'
  | 'bullet'
  | 'ordered'
  | 'text'
  /** Text after spaces: a paragraph's next line, or a paragraph indented less than code. */
  | 'indented'
  | 'other';

const BLANK = /^ *$/;
const HEADING = /^#{1,6}(?: |$)/;
const FENCE = /^(?:`{3,}(?!.*`)|~{3,})/;
const BREAK_OR_UNDERLINE = /^(?:([-*_])(?: *\1){2,}|=+|-+) *$/;
const BULLET = /^[-*+](?: |$)/;
const ORDERED = /^\d{1,9}[.)](?: |$)/;
const ITEM = /^([-*+]|(\d{1,9})([.)])) (?=[^ ])/;

/** What a line starts, seen from outside any container; 'other' is left to remark. */
function classify(line: string): Kind {
  if (BLANK.test(line)) return 'blank';
  if (line.includes('\t')) return 'other';
  const first = line[0];
  if (first === ' ') return classify(line.replace(/^ +/, '')) === 'text' ? 'indented' : 'other';
  if (first === '>') return 'quote';
  if (first === '#' && HEADING.test(line)) return 'heading';
  if ((first === '`' || first === '~') && /^(?:`{3}|~{3})/.test(line)) {
    return FENCE.test(line) ? 'fence' : 'other';
  }
  if (first === '<') return line.startsWith('<!--') && !/^<!---?>/.test(line) ? 'comment' : 'other';
  if (BREAK_OR_UNDERLINE.test(line)) return 'other';
  if (BULLET.test(line)) return ITEM.test(line) ? 'bullet' : 'other';
  if (ORDERED.test(line)) return ITEM.test(line) ? 'ordered' : 'other';
  return 'text';
}

interface Marker {
  delimiter: string;
  start: number | null;
  /** Where the item's text starts. */
  column: number;
  content: string;
}

function listMarker(line: string): Marker {
  const match = ITEM.exec(line) as RegExpExecArray;
  return {
    delimiter: match[3] ?? (match[1] as string),
    start: match[2] === undefined ? null : Number(match[2]),
    column: match[0].length + 1,
    content: line.slice(match[0].length),
  };
}

function heading(line: string, index: number, at: At): Heading | null {
  const depth = /^#+/.exec(line)?.[0].length as Heading['depth'];
  let content = trimEnd(line.slice(depth));
  const closing = / #+$/.exec(` ${content}`);
  if (closing) content = trimEnd(content.slice(0, closing.index));
  const leading = /^ */.exec(content)?.[0].length ?? 0;
  content = content.slice(leading);
  const column = depth + leading + 1;
  const inline = new Inline(at);
  if (content && !inline.line(content, index, column)) return null;
  return {
    type: 'heading',
    depth,
    children: inline.nodes,
    position: { start: at(index, 1), end: at(index, line.length + 1) },
  };
}

function code(lines: readonly string[], open: number, at: At): Code | null {
  const line = lines[open] as string;
  const fence = /^(`+|~+)/.exec(line)?.[0] as string;
  const info = line.slice(fence.length).replace(/^ +/, '');
  if (/[\\&]/.test(info)) return null;
  const lang = /^[^ ]*/.exec(info)?.[0] as string;
  const meta = info.slice(lang.length).replace(/^ +/, '');
  const closing = new RegExp(`^ {0,3}${fence[0] === '`' ? '`' : '~'}{${fence.length},}[ \\t]*$`);
  for (let end = open + 1; end < lines.length; end++) {
    if (!closing.test(lines[end] as string)) continue;
    return {
      type: 'code',
      lang: lang || null,
      // remark keeps the spaces after the meta, not those after the language.
      meta: meta || null,
      value: lines.slice(open + 1, end).join('\n'),
      position: { start: at(open, 1), end: at(end, (lines[end] as string).length + 1) },
    };
  }
  // An unclosed fence runs to the end of the file: remark's.
  return null;
}

function comment(lines: readonly string[], open: number, at: At): Html | null {
  for (let end = open; end < lines.length; end++) {
    if (!(lines[end] as string).includes('-->', end === open ? 4 : 0)) continue;
    return {
      type: 'html',
      value: lines.slice(open, end + 1).join('\n'),
      position: { start: at(open, 1), end: at(end, (lines[end] as string).length + 1) },
    };
  }
  return null;
}

// What starts inline syntax other than plain text, emphasis being off ("a < b" is text).
const SPECIAL = /`|!?\[|\]|<(?! |$)|\\|&[#A-Za-z0-9]/g;
const LINK = /\[([^[\]]*)\]\(([^\s()<>\\&`]*)\)/y;

/** The phrasing content of a paragraph or heading, one line at a time. */
class Inline {
  readonly nodes: PhrasingContent[] = [];
  private readonly at: At;
  constructor(at: At) {
    this.at = at;
  }

  /** Reads one line's text from `column`; false when the line needs remark. */
  line(body: string, index: number, column: number): boolean {
    let from = 0;
    for (;;) {
      SPECIAL.lastIndex = from;
      const found = SPECIAL.exec(body);
      const to = found ? found.index : body.length;
      if (to > from)
        this.data(body.slice(from, to), this.at(index, column + from), this.at(index, column + to));
      if (!found) return true;
      const token = found[0];
      if (token === '`') {
        const run = /`+/y;
        run.lastIndex = to;
        const open = (run.exec(body) as RegExpExecArray)[0].length;
        const close = closingRun(body, to + open, open);
        if (close < 0) return false;
        let value = body.slice(to + open, close);
        if (value.startsWith(' ') && value.endsWith(' ') && /[^ ]/.test(value)) {
          value = value.slice(1, -1);
        }
        this.nodes.push({
          type: 'inlineCode',
          value,
          position: {
            start: this.at(index, column + to),
            end: this.at(index, column + close + open),
          },
        });
        from = close + open;
      } else if (token === '[' || token === '![') {
        LINK.lastIndex = to + token.length - 1;
        const link = LINK.exec(body);
        if (!link) return false;
        const label = link[1] as string;
        const url = link[2] as string;
        from = LINK.lastIndex;
        const position = { start: this.at(index, column + to), end: this.at(index, column + from) };
        if (token === '![') {
          if (/[`\\]|<(?! |$)|&[#A-Za-z0-9]/.test(label)) return false;
          this.nodes.push({ type: 'image', title: null, url, alt: label, position });
        } else {
          const inner = new Inline(this.at);
          if (label && !inner.line(label, index, column + to + 1)) return false;
          this.nodes.push({ type: 'link', title: null, url, children: inner.nodes, position });
        }
      } else {
        return false;
      }
    }
  }

  /** Text, joined to the text before it as remark joins it. */
  data(value: string, start: Point, end: Point): void {
    const last = this.nodes[this.nodes.length - 1];
    if (last?.type === 'text' && last.position) {
      last.value += value;
      last.position.end = end;
    } else {
      this.nodes.push({ type: 'text', value, position: { start, end } });
    }
  }

  hardBreak(start: Point, end: Point): void {
    this.nodes.push({ type: 'break', position: { start, end } });
  }
}

/** Where the run of exactly `length` backticks that closes a code span starts, or -1. */
function closingRun(body: string, from: number, length: number): number {
  const run = /`+/g;
  run.lastIndex = from;
  for (let match = run.exec(body); match; match = run.exec(body)) {
    if (match[0].length === length) return match.index;
  }
  return -1;
}

function indentation(line: string): number {
  return /^ */.exec(line)?.[0].length ?? 0;
}

/** The line without the spaces at its end, which remark leaves out of its text. */
function trimEnd(line: string): string {
  // A loop, not / +$/: a regular expression would backtrack over every run of spaces.
  let end = line.length;
  while (end > 0 && line.charCodeAt(end - 1) === 32) end--;
  return line.slice(0, end);
}
