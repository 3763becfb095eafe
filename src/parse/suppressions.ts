import type { Nodes } from 'mdast';
import type { Suppression } from '../model/types.js';
import { toRange, walk } from './markdown.js';

const DIRECTIVE = /\s*klip-lint-(disable-next-line|disable|enable)\b/y;

/** `<!-- klip-lint-disable rule-id -->` and its kin, in document order. */
export function parseSuppressions(tree: Nodes): Suppression[] {
  const found: Suppression[] = [];
  walk(tree, (node) => {
    if (node.type !== 'html') return;
    for (const { kind, rules } of directives(node.value)) {
      found.push({ kind, rules, range: toRange(node.position) });
    }
  });
  return found.sort((a, b) => a.range.line - b.range.line);
}

/**
 * The directives in a piece of HTML, in order: each `<!--` followed by one, up to the next `-->`.
 * Read with indexOf rather than one lazy regular expression, which would rescan the rest of the
 * text for every unclosed comment: thousands of them made a file take seconds.
 */
function directives(html: string): Omit<Suppression, 'range'>[] {
  const found: Omit<Suppression, 'range'>[] = [];
  for (let start = html.indexOf('<!--'); start >= 0; start = html.indexOf('<!--', start + 1)) {
    DIRECTIVE.lastIndex = start + 4;
    const match = DIRECTIVE.exec(html);
    if (!match) continue;
    const end = html.indexOf('-->', DIRECTIVE.lastIndex);
    // No later comment can close either.
    if (end < 0) break;
    found.push({
      kind: match[1] as Suppression['kind'],
      rules: html
        .slice(DIRECTIVE.lastIndex, end)
        .split(/[\s,]+/)
        .filter(Boolean),
    });
    start = end + 2;
  }
  return found;
}
