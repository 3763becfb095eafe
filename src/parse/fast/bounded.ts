/**
 * remark (micromark) takes time proportional to the number of containers it closes times the
 * size of the file: every block quote or list that ends, every lazy line of a block quote and
 * every setext heading moves the events of the whole document so far. 14,000 separate block
 * quotes in 70 KB cost most of a minute. No proposal has hundreds of them, so above a limit such
 * structures are read as plain text (their markers become a neutral character, keeping every line
 * and column where it was), and the file says it was not fully checked.
 */

/** Block structures (as counted by `countBlockStructures`) above which they are read as text. */
export const MAX_BLOCK_STRUCTURES = 200;

/** What a block quote or list marker, or a setext underline, is replaced with: the same length. */
const NEUTRAL = '\u2217';

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const SETEXT = /^ {0,3}(=+|-+)[ \t]*$/;

interface LineSpan {
  /** Where the line's text starts and ends in the text (without its line ending). */
  start: number;
  end: number;
}

interface Markers {
  /** Offsets (in the text) of every block quote or list marker character the line opens with. */
  at: number[];
  quote: boolean;
  /** Indentation of the first list marker, -1 when there is none. */
  listIndent: number;
}

export interface Bounded {
  text: string;
  /** How many block structures were counted; above the limit, they were read as plain text. */
  structures: number;
  flattened: boolean;
}

/**
 * The text to hand remark: itself when it holds at most `limit` block structures, else with
 * their markers neutralized. One pass over the lines; fenced code is left alone.
 */
export function boundBlocks(text: string, limit = MAX_BLOCK_STRUCTURES): Bounded {
  // A structure needs a line break and a marker: short or marker-free texts are cheap.
  if (text.length < 2 * limit) return { text, structures: 0, flattened: false };
  const lines = splitLines(text);
  const markers: (Markers | null)[] = new Array(lines.length).fill(null);
  const setext: boolean[] = new Array(lines.length).fill(false);
  let structures = 0;
  let fence: string | null = null;
  let previous: 'blank' | 'text' | 'quote' | 'list' = 'blank';
  let lastListIndent = -1;
  let lastDepth = 0;
  for (let i = 0; i < lines.length; i++) {
    const { start, end } = lines[i] as LineSpan;
    const line = text.slice(start, end);
    const open = FENCE.exec(line)?.[1];
    if (fence) {
      if (open && open[0] === fence[0] && open.length >= fence.length) fence = null;
      previous = 'text';
      continue;
    }
    if (open) {
      fence = open;
      previous = 'text';
      continue;
    }
    if (line.trim() === '') {
      previous = 'blank';
      continue;
    }
    const found = containerMarkers(line, start);
    if (found) {
      markers[i] = found;
      const kind = found.quote ? 'quote' : 'list';
      // A container begun after a blank line, other text or another kind of container, or one
      // that ends a deeper one, is a container that closes somewhere.
      if (previous !== kind) structures++;
      else if (found.at.length < lastDepth) structures++;
      else if (found.listIndent >= 0 && found.listIndent < lastListIndent) structures++;
      if (found.listIndent >= 0) lastListIndent = found.listIndent;
      lastDepth = found.at.length;
      previous = kind;
      continue;
    }
    if (previous !== 'blank' && SETEXT.test(line)) {
      setext[i] = true;
      structures++;
    } else if (previous === 'quote') {
      // A lazy line: it goes on with the block quote's paragraph without a ">".
      structures++;
      previous = 'quote';
      continue;
    }
    if (previous === 'list' && /^[ \t]/.test(line)) continue;
    previous = 'text';
    lastListIndent = -1;
    lastDepth = 0;
  }
  if (structures <= limit) return { text, structures, flattened: false };
  const chars = text.split('');
  for (let i = 0; i < lines.length; i++) {
    for (const at of markers[i]?.at ?? []) chars[at] = NEUTRAL;
    if (setext[i]) {
      const { start, end } = lines[i] as LineSpan;
      for (let at = start; at < end; at++)
        if (chars[at] === '=' || chars[at] === '-') chars[at] = NEUTRAL;
    }
  }
  return { text: chars.join(''), structures, flattened: true };
}

function splitLines(text: string): LineSpan[] {
  const lines: LineSpan[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 10 || code === 13) {
      lines.push({ start, end: i });
      if (code === 13 && text.charCodeAt(i + 1) === 10) i++;
      start = i + 1;
    }
  }
  lines.push({ start, end: text.length });
  return lines;
}

/**
 * The block quote and list markers a line opens with (after any indentation), or null. A marker
 * is ">" or "-", "+", "*", "1." or "1)" followed by a space, a tab or the end of the line.
 */
function containerMarkers(line: string, offset: number): Markers | null {
  const at: number[] = [];
  let quote = false;
  let listIndent = -1;
  let i = 0;
  for (;;) {
    let start = i;
    while (line[start] === ' ' || line[start] === '\t') start++;
    const char = line[start];
    if (char === '>') {
      at.push(offset + start);
      quote ||= at.length === 1;
      i = start + 1;
      continue;
    }
    let end = start;
    if (char === '-' || char === '+' || char === '*') end = start + 1;
    else {
      while (end < start + 9 && line.charCodeAt(end) >= 48 && line.charCodeAt(end) <= 57) end++;
      if (end === start || (line[end] !== '.' && line[end] !== ')')) break;
      end++;
    }
    const after = line[end];
    if (after !== undefined && after !== ' ' && after !== '\t') break;
    // "---" or "***" alone is a thematic break, not a list.
    if (end === start + 1 && /^([-*])[ \t]*\1[ \t]*\1[ \t\-*]*$/.test(line.slice(start))) break;
    if (listIndent < 0 && at.length === 0) listIndent = start;
    at.push(offset + end - 1);
    i = end;
  }
  return at.length > 0 ? { at, quote, listIndent } : null;
}
