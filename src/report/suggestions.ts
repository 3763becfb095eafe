import { createHash } from 'node:crypto';
import { applyFixes } from '../core/apply-fixes.js';
import { LINE_BREAK } from '../core/strings.js';
import type { Finding, Fix } from '../model/types.js';

/** GitHub takes this many suggestions at most from klip-lint in one run. */
export const MAX_SUGGESTIONS = 30;
const MAX_BODY = 60_000;

/** One review comment holding a `suggestion` block: the lines startLine..line at the head, replaced. */
export interface Suggestion {
  path: string;
  startLine: number;
  line: number;
  body: string;
  /** Names the fix (file, rule, lines before and after), so that a rerun can tell it was offered. */
  key: string;
  finding: Finding;
}

/** A fix left as text in the comment, and why. */
export interface TextFix {
  finding: Finding;
  description: string;
  reason: 'outside' | 'overlap' | 'limit' | 'rejected';
}

export interface SuggestionPlan {
  suggestions: Suggestion[];
  asText: TextFix[];
  /** Fixes an earlier run already suggested. */
  alreadySuggested: number;
}

export interface SuggestionInput {
  /** The findings that count, most important first. */
  findings: Finding[];
  fixOf: (finding: Finding) => Fix | undefined;
  /** Each file's text at the head (null: unreadable). */
  texts: ReadonlyMap<string, string | null>;
  /** Per file, the lines the pull request added or changed, with their text at the head. */
  added: ReadonlyMap<string, ReadonlyMap<number, string>>;
  /** Keys of suggestions already made (read from the existing review comments). */
  known: ReadonlySet<string>;
  max?: number;
}

const KEY_MARK = /<!-- klip-lint suggestion ([0-9a-f]{16}) -->/g;

/** The keys of the suggestions in review comment bodies. */
export function suggestionKeys(bodies: Iterable<string | null | undefined>): Set<string> {
  const keys = new Set<string>();
  for (const body of bodies) {
    for (const match of (body ?? '').matchAll(KEY_MARK)) keys.add(match[1] as string);
  }
  return keys;
}

/**
 * Decides which fixes become suggestions: a fix whose edits touch only lines the pull request
 * added, checked against the patch's own text, not overlapping a fix taken before it; at most
 * `max`, most important first. The rest stay as text. Pure: no I/O.
 */
export function planSuggestions(input: SuggestionInput): SuggestionPlan {
  const max = input.max ?? MAX_SUGGESTIONS;
  const suggestions: Suggestion[] = [];
  const asText: TextFix[] = [];
  const taken = new Map<string, [number, number][]>();
  let alreadySuggested = 0;
  for (const finding of input.findings) {
    const fix = input.fixOf(finding);
    if (!fix || fix.edits.length === 0) continue;
    const all = suggestionsFor(finding, fix, input);
    if (!all) {
      asText.push({ finding, description: fix.description, reason: 'outside' });
      continue;
    }
    const made = all.filter((suggestion) => !input.known.has(suggestion.key));
    if (made.length === 0) {
      // Still offered in the review: a fix overlapping it waits, as on the first run.
      for (const suggestion of all) {
        const spans = taken.get(suggestion.path) ?? [];
        spans.push([suggestion.startLine, suggestion.line]);
        taken.set(suggestion.path, spans);
      }
      alreadySuggested++;
      continue;
    }
    const overlaps = made.some((suggestion) =>
      (taken.get(suggestion.path) ?? []).some(
        ([from, to]) => suggestion.startLine <= to && from <= suggestion.line,
      ),
    );
    if (overlaps) {
      asText.push({ finding, description: fix.description, reason: 'overlap' });
      continue;
    }
    if (suggestions.length + made.length > max) {
      asText.push({ finding, description: fix.description, reason: 'limit' });
      continue;
    }
    for (const suggestion of made) {
      const spans = taken.get(suggestion.path) ?? [];
      spans.push([suggestion.startLine, suggestion.line]);
      taken.set(suggestion.path, spans);
    }
    suggestions.push(...made);
  }
  return { suggestions, asText, alreadySuggested };
}

/** One suggestion per file the fix edits, or null when any edit leaves the lines the PR changed. */
function suggestionsFor(finding: Finding, fix: Fix, input: SuggestionInput): Suggestion[] | null {
  const byFile = new Map<string, Fix['edits']>();
  for (const edit of fix.edits) {
    const file = edit.file ?? finding.file;
    byFile.set(file, [...(byFile.get(file) ?? []), edit]);
  }
  const made: Suggestion[] = [];
  for (const [path, edits] of byFile) {
    const text = input.texts.get(path);
    const added = input.added.get(path);
    if (text === null || text === undefined || !added) return null;
    let start = Infinity;
    let end = -Infinity;
    for (const { range } of edits) {
      start = Math.min(start, range.line);
      // An edit ending at the start of a line leaves that line alone.
      const last =
        range.endColumn === 1 && range.endLine > range.line ? range.endLine - 1 : range.endLine;
      end = Math.max(end, last, range.line);
    }
    const before = splitLines(text);
    if (start < 1 || end > before.length) return null;
    for (let line = start; line <= end; line++) {
      // The line must be one the PR changed, and the same text as the patch shows at the head.
      if (added.get(line) !== (before[line - 1] as string).replace(/\r$/, '')) return null;
    }
    const { text: fixed, taken } = applyFixes(text, [edits]);
    if (!taken[0]) return null;
    const after = splitLines(fixed);
    const replaced = after.slice(start - 1, end + (after.length - before.length));
    const old = before.slice(start - 1, end);
    const key = createHash('sha256')
      .update([path, finding.ruleId, old.join('\n'), replaced.join('\n')].join('\0'))
      .digest('hex')
      .slice(0, 16);
    const body = suggestionBody(key, finding, fix.description, replaced);
    // GitHub refuses a comment of 65,536 characters or more (a fix of a very long line).
    if (body.length >= MAX_BODY) return null;
    made.push({ path, startLine: start, line: end, key, finding, body });
  }
  return made;
}

function splitLines(text: string): string[] {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  return body.split(new RegExp(LINE_BREAK.source, 'g'));
}

/** A review comment's body: a hidden key, what the fix does, and the fixed lines in a fence longer than any backtick run inside. */
export function suggestionBody(
  key: string,
  finding: Finding,
  description: string,
  lines: string[],
): string {
  const longest = Math.max(0, ...lines.map((line) => longestRun(line)));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return [
    `<!-- klip-lint suggestion ${key} -->`,
    `**klip-lint** \`${finding.ruleId}\`: ${plain(finding.message, 500)}`,
    '',
    `${fence}suggestion`,
    ...lines,
    fence,
  ].join('\n');
}

function longestRun(line: string): number {
  let longest = 0;
  for (const match of line.matchAll(/`+/g)) longest = Math.max(longest, match[0].length);
  return longest;
}

/**
 * Text from a proposal, made safe for a comment: one line, no HTML (so no hidden markers), no
 * mentions, at most `max` characters.
 */
export function plain(text: string, max: number): string {
  // Cut first: a message can quote a whole line of a hostile proposal.
  const flat = text
    .slice(0, max * 4)
    .replace(/\s+/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/@/g, '@\u200b');
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
