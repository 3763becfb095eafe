import { toString } from 'mdast-util-to-string';
import type { Heading, Nodes, RootContent } from 'mdast';
import { LINE_BREAK, nameKey, normalize, safeNumber } from '../core/strings.js';
import type {
  KlipDocument,
  Link,
  MetadataField,
  Range,
  Section,
  SourceFile,
  Template,
  Title,
  Tldr,
} from '../model/types.js';
import { parseMarkdownBounded, stripBom, toRange, walk } from './markdown.js';
import { fieldKey, splitFieldLine, toField } from './metadata.js';
import { parseSuppressions } from './suppressions.js';
import { isTldrHeading } from './template.js';
import { anchorsOf } from './anchors.js';
import { isTldrLine, paragraphEnd, tldrText } from './tldr.js';

const TITLE_NUMBER = /KLIP[\s_-]*(\d+)/i;
const TITLE = /^\s*KLIP[\s_-]*(\d+)\s*(?:[-:–—.]\s*)?(.*)$/i;
const CANONICAL_TITLE = /^KLIP ([1-9]\d*) - \S/;

export function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

export function fileNameNumber(name: string): number | null {
  const match = /^klip[-_ ]?(\d+)/i.exec(name);
  return match?.[1] ? safeNumber(match[1]) : null;
}

/** Turns a proposal's Markdown into the document model the rules check. */
export function parseKlip(source: SourceFile, template: Template): KlipDocument {
  const text = stripBom(source.text);
  const lines = text.split(LINE_BREAK);
  const { tree, flattened } = parseMarkdownBounded(text);
  const sectionKeys = new Set(template.sections.map((section) => section.key));
  const children = tree.children as RootContent[];
  const headings = children.filter((node): node is Heading => node.type === 'heading');

  // A first heading that is a template section means the title is missing, not that it is odd.
  const first = headings[0];
  const titleNode =
    first && !sectionKeys.has(nameKey(toString(first))) && !isTldrHeading(toString(first))
      ? first
      : undefined;
  const title = titleNode ? parseTitle(titleNode, lines) : null;
  const sectionHeadings = headings.filter((heading) => heading !== titleNode);

  const regionStart = titleNode?.position ? titleNode.position.end.line : 0;
  const firstSection = sectionHeadings.find(
    (heading) => (heading.position?.start.line ?? 0) > regionStart,
  );
  const regionEnd = firstSection?.position ? firstSection.position.start.line - 1 : lines.length;
  const codeLines = linesInCode(tree.children as Nodes[]);

  const keys = template.fields.map((field) => field.key);
  const fields: MetadataField[] = [];
  let tldr: Tldr | null = null;
  let metadataEndLine = regionStart;
  for (let i = regionStart; i < regionEnd; i++) {
    if (codeLines.has(i + 1)) continue;
    const line = lines[i] ?? '';
    if (!tldr && isTldrLine(line)) {
      const end = paragraphEnd(tree, i);
      tldr = {
        text: tldrText(lines, i, tree),
        range: {
          line: i + 1,
          column: 1,
          endLine: end + 1,
          endColumn: (lines[end] ?? '').length + 1,
        },
      };
      continue;
    }
    const split = splitFieldLine(line);
    if (!split) continue;
    const key = fieldKey(split.name, keys);
    if (!key) continue;
    fields.push(toField(split, key, i + 1, line));
    metadataEndLine = i + 1;
  }

  // The older template's tl;dr is a section of its own: `## tl;dr`.
  const tldrHeading = tldr
    ? undefined
    : sectionHeadings.find((node) => isTldrHeading(toString(node)));
  if (tldrHeading) tldr = headingTldr(children, tldrHeading);
  // Without a tl;dr, prose between the metadata and the first section is likely it, unlabelled:
  // a paragraph, not a comment, a table or an image's HTML.
  const summaryLine = tldr
    ? undefined
    : children.find((node) => {
        const line = node.position?.start.line ?? 0;
        return node.type === 'paragraph' && line > metadataEndLine && line <= regionEnd;
      })?.position?.start.line;

  const name = baseName(source.path);
  return {
    file: source.path,
    name,
    number: fileNameNumber(name) ?? title?.number ?? null,
    lineCount: lines.length,
    lineLengths: Uint32Array.from(lines, (line) => line.length),
    title,
    fields,
    tldr,
    sections: parseSections(children, titleNode, template.guidance, tldrHeading),
    links: collectLinks(tree),
    // An empty text is also how a file known by name only comes: nothing to judge a link by.
    anchors: text === '' ? null : anchorsOf(tree),
    metadataEndLine,
    ...(summaryLine ? { summaryLine } : {}),
    suppressions: parseSuppressions(tree),
    ...(flattened ? { partial: { structures: flattened } } : {}),
  };
}

function parseTitle(node: Heading, lines: readonly string[]): Title {
  const text = toString(node).trim();
  const range = toRange(node.position);
  const match = TITLE.exec(text);
  const number = match?.[1] ? safeNumber(match[1]) : null;
  let numberRange: Range | null = null;
  if (number !== null) {
    const line = lines[range.line - 1] ?? '';
    const found = TITLE_NUMBER.exec(line);
    if (found?.[1]) {
      const column = found.index + found[0].length - found[1].length + 1;
      numberRange = {
        line: range.line,
        column,
        endLine: range.line,
        endColumn: column + found[1].length,
      };
    }
  }
  const name = match ? (match[2] ?? '').trim() : text;
  return {
    text,
    range,
    number,
    numberRange,
    name,
    writtenName: writtenName(node, lines) ?? name,
    canonical: node.depth === 1 && CANONICAL_TITLE.test(text),
    depth: node.depth,
  };
}

/** The name as written on a one-line heading, code spans and links kept: what a rewrite keeps. */
function writtenName(node: Heading, lines: readonly string[]): string | null {
  const first = node.children[0]?.position?.start;
  const last = node.children.at(-1)?.position?.end;
  if (!first || !last || first.line !== last.line) return null;
  const raw = (lines[first.line - 1] ?? '').slice(first.column - 1, last.column - 1);
  const match = TITLE.exec(raw);
  return match ? (match[2] ?? '').trim() : raw.trim();
}

/** A `## tl;dr` section as the tl;dr: its first block is the text. */
function headingTldr(children: RootContent[], heading: Heading): Tldr {
  const start = children.indexOf(heading);
  let text = '';
  let endLine = heading.position?.end.line ?? 1;
  for (let j = start + 1; j < children.length; j++) {
    const next = children[j] as RootContent;
    if (next.type === 'heading') break;
    endLine = next.position?.end.line ?? endLine;
    if (!text && isContent(next)) text = normalize(toString(next));
  }
  const range = toRange(heading.position);
  return {
    text,
    range: { ...range, endLine, endColumn: endLine === range.endLine ? range.endColumn : 1 },
  };
}

const BRIEF = 120;

function parseSections(
  children: RootContent[],
  titleNode: Heading | undefined,
  guidance: Set<string>,
  tldrHeading: Heading | undefined,
): Section[] {
  const sections: Section[] = [];
  children.forEach((node, index) => {
    if (node.type !== 'heading' || node === titleNode || node === tldrHeading) return;
    let hasContent = false;
    let brief: string | undefined = '';
    // Only section-level headings are compared with the template's guidance, and only while it matches.
    let guidanceOnly = node.depth <= 2 && guidance.size > 0 ? true : null;
    let endLine = node.position?.end.line ?? 1;
    // Levels 1 and 2 are both section level (the template mixes them), so either ends the other.
    const boundary = Math.max(node.depth, 2);
    for (let j = index + 1; j < children.length; j++) {
      const next = children[j] as RootContent;
      if (next.type === 'heading' && next.depth <= boundary) break;
      endLine = next.position?.end.line ?? endLine;
      if (next.type === 'heading') {
        hasContent ||= toString(next).trim().length > 0;
        brief = undefined;
        continue;
      }
      if (isContent(next)) {
        hasContent = true;
        const text = toString(next);
        if (guidanceOnly) guidanceOnly = guidance.has(normalize(text));
        const shown = text.replace(/\s+/g, ' ').trim();
        if (brief !== undefined) brief = brief ? `${brief} ${shown}` : shown;
        if (brief !== undefined && brief.length > BRIEF) brief = undefined;
      }
    }
    const section: Section = {
      heading: toString(node).trim(),
      depth: node.depth,
      range: toRange(node.position),
      guidanceOnly: hasContent && guidanceOnly === true,
      hasContent,
      endLine,
    };
    if (hasContent && brief) section.brief = brief;
    // Under a level-1 heading, level-2 headings may be its parts (`# Rejected alternatives`).
    if (node.depth === 1 && !hasContent) section.nestedContent = hasNested(children, index);
    sections.push(section);
  });
  return sections;
}

function hasNested(children: RootContent[], index: number): boolean {
  for (let j = index + 1; j < children.length; j++) {
    const next = children[j] as RootContent;
    if (next.type === 'heading') {
      if (next.depth <= 1) return false;
      if (toString(next).trim()) return true;
    } else if (isContent(next)) return true;
  }
  return false;
}

/** Comments, rules and blank HTML do not make a section less empty. */
function isContent(node: RootContent): boolean {
  if (node.type === 'thematicBreak' || node.type === 'definition') return false;
  if (node.type === 'html') return !/^\s*(<!--[\s\S]*?-->\s*)*$/.test(node.value);
  if (node.type === 'code' || node.type === 'table' || node.type === 'image') return true;
  return toString(node).trim().length > 0 || containsImage(node);
}

function containsImage(node: RootContent): boolean {
  let found = false;
  walk(node as Nodes, (child) => {
    found ||= child.type === 'image';
  });
  return found;
}

function linesInCode(nodes: Nodes[]): Set<number> {
  const lines = new Set<number>();
  for (const node of nodes) {
    if ((node.type === 'code' || node.type === 'html') && node.position) {
      for (let line = node.position.start.line; line <= node.position.end.line; line++)
        lines.add(line);
    }
  }
  return lines;
}

function collectLinks(tree: Nodes): Link[] {
  const links: Link[] = [];
  walk(tree, (node) => {
    if (node.type === 'link' || node.type === 'image' || node.type === 'definition') {
      links.push({ url: node.url, range: toRange(node.position) });
    }
  });
  return links;
}

/**
 * The part of a proposal that cross-file rules read (title, metadata, tl;dr), parsed without the
 * sections: it ends at the second heading outside code fences.
 */
export function parseKlipHead(source: SourceFile, template: Template): KlipDocument {
  const text = source.text;
  // Proposals known by file name only come with no text: nothing to parse.
  if (text === '') return emptyDocument(source.path);
  let headings = 0;
  let fence: string | null = null;
  let offset = 0;
  for (const line of text.split(/(?<=\n)/)) {
    const marker = /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1];
    if (marker && (!fence || (marker[0] === fence[0] && marker.length >= fence.length))) {
      fence = fence ? null : marker;
    } else if (
      !fence &&
      /^ {0,3}#{1,6}(\s|$)/.test(line.replace(/^\uFEFF/, '')) &&
      ++headings === 2
    ) {
      // Only the head was read: its headings are not all the file's.
      return {
        ...parseKlip({ path: source.path, text: text.slice(0, offset) }, template),
        anchors: null,
      };
    }
    offset += line.length;
  }
  return parseKlip(source, template);
}

const stubs = new Map<string, KlipDocument>();
// Stubs share their empty parts: no rule changes a document.
const ONE_EMPTY_LINE = new Uint32Array(1);
const NONE: never[] = Object.freeze([]) as unknown as never[];

/**
 * What parsing an empty file gives, without starting the parser. Both ends of a change know
 * thousands of proposals by name only: they share one document per path.
 */
export function emptyDocument(path: string): KlipDocument {
  let stub = stubs.get(path);
  if (stub) return stub;
  if (stubs.size >= 100_000) stubs.clear();
  const name = baseName(path);
  stub = {
    file: path,
    name,
    number: fileNameNumber(name),
    lineCount: 1,
    lineLengths: ONE_EMPTY_LINE,
    title: null,
    fields: NONE,
    tldr: null,
    sections: NONE,
    links: NONE,
    anchors: null,
    metadataEndLine: 0,
    suppressions: NONE,
  };
  stubs.set(path, stub);
  return stub;
}
