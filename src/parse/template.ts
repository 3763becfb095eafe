import { toString } from 'mdast-util-to-string';
import type { Heading, RootContent } from 'mdast';
import { LINE_BREAK, nameKey, normalize, undecorate } from '../core/strings.js';
import type { SourceFile, Template, TemplateField, TemplateSection } from '../model/types.js';
import { memoized, parseMarkdown, stripBom } from './markdown.js';
import { splitFieldLine, TLDR_KEY, type FieldLine } from './metadata.js';
import { isTldrLine, tldrText } from './tldr.js';

/**
 * The standard KLIP template's structure, for repositories without a `klip-template.md`.
 * It knows names and the two well-known placeholder values, not the template's guidance prose:
 * with a real template, section-placeholder also recognises left-over guidance.
 */
export const BUILTIN_TEMPLATE: Template = {
  file: null,
  guidance: new Set<string>(),
  fields: [
    {
      name: 'Author',
      key: 'author',
      placeholder: normalize('your name and github user name here'),
    },
    { name: 'Release Target', key: 'release target', placeholder: '' },
    { name: 'Status', key: 'status', placeholder: '' },
    {
      name: 'Discussion',
      key: 'discussion',
      placeholder: normalize('link to the design discussion PR'),
    },
  ],
  tldrPlaceholder: '',
  sections: [
    ['Motivation and background', 2],
    ['What is in scope', 2],
    ['What is not in scope', 2],
    ['Value/Return', 2],
    ['Public APIS', 2],
    ['Design', 2],
    ['Test plan', 2],
    ['LOEs and Delivery Milestones', 2],
    ['Documentation Updates', 2],
    ['Compatibility Implications', 1],
    ['Security Implications', 2],
  ].map(([name, depth]) => ({
    name: name as string,
    key: nameKey(name as string),
    depth: depth as number,
    guidance: new Set<string>(),
  })),
};

/** Reads the structure a proposal must have from the repository's template. */
export const parseTemplate = memoized(parseTemplateText);

function parseTemplateText(source: SourceFile): Template {
  const text = stripBom(source.text);
  const lines = text.split(LINE_BREAK);
  const tree = parseMarkdown(text);
  const headings = tree.children.filter((node): node is Heading => node.type === 'heading');
  const title = headings[0];
  const firstSection = headings[1];
  const regionStart = title?.position ? title.position.end.line : 0;
  const regionEnd = firstSection?.position ? firstSection.position.start.line - 1 : lines.length;

  const bold: FieldLine[] = [];
  const plain: FieldLine[] = [];
  let tldrPlaceholder = '';
  // Plain lines are fields only in the block right under the title, not in the prose after it.
  let plainBlock = true;
  for (let i = regionStart; i < regionEnd; i++) {
    const line = lines[i] ?? '';
    if (isTldrLine(line)) {
      tldrPlaceholder = tldrText(lines, i, tree);
      plainBlock = false;
      continue;
    }
    const split = splitFieldLine(line);
    if (split?.bold) bold.push(split);
    else if (split && plainBlock) plain.push(split);
    else if (line.trim()) plainBlock = false;
  }
  // Until 2019 the template wrote its fields as plain `Field: value` lines.
  const fields = toFields(bold.length > 0 ? bold : plain);
  // A template half-way between the forms may write its status plain.
  const plainStatus = toFields(plain).find((field) => field.key === 'status');
  if (plainStatus && !fields.some((field) => field.key === 'status')) fields.push(plainStatus);
  const status = fields.find((field) => field.key === 'status');
  const statusSpellings = status ? spellings(status.raw) : [];
  const statusFallback = !status;
  if (!status) {
    // Without a Status field every status rule would go quiet: the built-in one stands in.
    const builtin = fields.length === 0 ? BUILTIN_TEMPLATE.fields : BUILTIN_STATUS;
    fields.push(...builtin.map((field) => ({ ...field, raw: '' })));
  }

  const sections: TemplateSection[] = [];
  let current: TemplateSection | null = null;
  let tldrSection = false;
  for (const node of tree.children as RootContent[]) {
    if (node === title) continue;
    if (node.type === 'heading') {
      if (!node.position || node.position.start.line <= regionStart) continue;
      // The older template's `## tl;dr` is the tl;dr, not a section.
      tldrSection = isTldrHeading(toString(node));
      if (tldrSection) {
        current = null;
        continue;
      }
      current = {
        name: toString(node).trim(),
        key: nameKey(toString(node)),
        depth: node.depth,
        guidance: new Set(),
      };
      sections.push(current);
    } else if (tldrSection) {
      tldrPlaceholder ||= normalize(toString(node));
    } else if (current) {
      const block = normalize(toString(node));
      if (block) current.guidance.add(block);
    }
  }

  return {
    file: source.path,
    fields: fields.map(({ name, key, placeholder }) => ({ name, key, placeholder })),
    tldrPlaceholder,
    sections,
    guidance: new Set(sections.flatMap((section) => [...section.guidance])),
    statusSpellings,
    ...(statusFallback ? { statusFallback } : {}),
    ...(bold.length === 0 && plain.length > 0 ? { plainFields: true } : {}),
  };
}

const BUILTIN_STATUS = BUILTIN_TEMPLATE.fields.filter((field) => field.key === 'status');

function toFields(lines: FieldLine[]): (TemplateField & { raw: string })[] {
  const fields: (TemplateField & { raw: string })[] = [];
  for (const split of lines) {
    const key = nameKey(split.name);
    if (key === TLDR_KEY || fields.some((field) => field.key === key)) continue;
    fields.push({
      name: split.name.trim(),
      key,
      placeholder: normalize(split.rawValue),
      raw: split.rawValue,
    });
  }
  return fields;
}

/** The choices of the template's Status line: `_In Discussion_ or _Design Approved_ or ...`. */
function spellings(raw: string): string[] {
  return raw
    .split(/\s+or\s+|[,|/]/)
    .map((part) => undecorate(part))
    .filter(Boolean);
}

/** A heading that is the tl;dr (`## tl;dr`, `## TL;DR`, `## TLDR`). */
export function isTldrHeading(text: string): boolean {
  const key = nameKey(text);
  return key === TLDR_KEY || key === 'tldr';
}
