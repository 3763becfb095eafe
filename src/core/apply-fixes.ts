import { LINE_BREAK } from './strings.js';
import type { Fix } from '../model/types.js';

type Edit = Fix['edits'][number];

/**
 * Applies fixes to one file's text (positions as the parser saw it: after a byte-order mark),
 * keeping its line endings and byte-order mark. A fix that overlaps one taken before it waits
 * for the next pass. Returns the new text and which fixes were taken.
 */
export function applyFixes(text: string, fixes: Edit[][]): { text: string; taken: boolean[] } {
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const body = text.slice(bom);
  const eol = /\r\n|\r|\n/.exec(body)?.[0] ?? '\n';
  const starts = lineStarts(body);
  const offset = (line: number, column: number) =>
    Math.min((starts[Math.max(0, line - 1)] ?? body.length) + column - 1, body.length);
  const chosen: { from: number; to: number; text: string }[] = [];
  const taken = fixes.map((edits) => {
    const located = edits.map((edit) => ({
      from: offset(edit.range.line, edit.range.column),
      to: offset(edit.range.endLine, edit.range.endColumn),
      text: edit.text.replace(/\n/g, eol),
    }));
    const overlaps = located.some((edit) =>
      chosen.some(
        (other) =>
          (edit.from < other.to && other.from < edit.to) ||
          (edit.from === other.from && edit.to === other.to),
      ),
    );
    if (overlaps) return false;
    chosen.push(...located);
    return true;
  });
  let result = body;
  for (const edit of [...chosen].sort((a, b) => b.from - a.from)) {
    result = result.slice(0, edit.from) + edit.text + result.slice(edit.to);
  }
  return { text: text.slice(0, bom) + result, taken };
}

function lineStarts(text: string): number[] {
  const starts = [0];
  const pattern = new RegExp(LINE_BREAK.source, 'g');
  for (let match = pattern.exec(text); match; match = pattern.exec(text))
    starts.push(match.index + match[0].length);
  return starts;
}
