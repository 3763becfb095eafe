import type { Root } from 'mdast';
import { normalize } from '../core/strings.js';

// No two runs of white space side by side: on a long run, a regular expression would try every split.
const TLDR_LINE = /^\s*(?:(?:\*\*|__|\*|_)\s*)?tl;?\s*dr\b/i;
const TLDR_LABEL = /^\s*(?:(?:\*\*|__|\*|_)\s*)?tl;?\s*dr\s*(?::\s*)?(?:(?:\*\*|__|\*|_)\s*)?:?/i;

export function isTldrLine(line: string): boolean {
  return TLDR_LINE.test(line);
}

/** The last line of the paragraph that holds line `index` (0-based), as a 0-based index. */
export function paragraphEnd(tree: Root, index: number): number {
  const line = index + 1;
  for (const node of tree.children) {
    const position = node.position;
    if (position && position.start.line <= line && position.end.line >= line) {
      return position.end.line - 1;
    }
  }
  return index;
}

/** The tl;dr's text, label removed and normalized, from its line to the end of its paragraph. */
export function tldrText(lines: readonly string[], index: number, tree: Root): string {
  const end = paragraphEnd(tree, index);
  const text = lines
    .slice(index, end + 1)
    .join('\n')
    .replace(TLDR_LABEL, '');
  return normalize(text);
}
