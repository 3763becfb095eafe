import type { Nodes } from 'mdast';
import type { Range } from '../types.js';
import { toRange, walk } from './markdown.js';

export interface Suppression {
  kind: 'disable' | 'enable' | 'disable-next-line';
  /** Rule ids; empty for every rule. */
  rules: string[];
  range: Range;
}

const COMMENT = /<!--\s*klip-lint-(disable-next-line|disable|enable)\b([\s\S]*?)-->/g;

/** `<!-- klip-lint-disable rule-id -->` and its kin, in document order. */
export function parseSuppressions(tree: Nodes): Suppression[] {
  const found: Suppression[] = [];
  walk(tree, (node) => {
    if (node.type !== 'html') return;
    for (const match of node.value.matchAll(COMMENT)) {
      found.push({
        kind: match[1] as Suppression['kind'],
        rules: (match[2] ?? '').split(/[\s,]+/).filter(Boolean),
        range: toRange(node.position),
      });
    }
  });
  return found.sort((a, b) => a.range.line - b.range.line);
}
