import { nameKey, undecorate } from '../core/strings.js';
import type { MetadataField } from '../model/types.js';

// `**Field**: value`, `**Field:** value`, `*Field*: value` or `Field: value`.
const BOLD_FIELD =
  /^(\s*)(\*\*|__|\*|_)\s*([A-Za-z][A-Za-z0-9 ;/.-]{0,40}?)\s*(:?)\s*\2(\s*:)?[ \t]*(.*)$/;
const PLAIN_FIELD = /^(\s*)([A-Za-z][A-Za-z0-9 ;/.-]{0,40}?)[ \t]*:[ \t]*(.*)$/;

export interface FieldLine {
  name: string;
  indent: number;
  bold: boolean;
  /** Where the value starts (0-based offset in the line) and the value as written. */
  valueOffset: number;
  rawValue: string;
  canonical: boolean;
}

export const TLDR_KEY = 'tl dr';

/** Splits a line that looks like a metadata field, or returns null. */
export function splitFieldLine(line: string): FieldLine | null {
  const bold = BOLD_FIELD.exec(line);
  if (bold) {
    const [, indent = '', marker = '', name = '', innerColon, outerColon, rest = ''] = bold;
    if (!innerColon && !outerColon && !rest) return null;
    const valueOffset = line.length - rest.length;
    return {
      name,
      indent: indent.length,
      bold: true,
      valueOffset,
      rawValue: trimValue(rest),
      canonical:
        marker === '**' &&
        !innerColon &&
        outerColon === ':' &&
        indent.length === 0 &&
        name === name.trim(),
    };
  }
  const plain = PLAIN_FIELD.exec(line);
  if (plain) {
    const [, indent = '', name = '', rest = ''] = plain;
    return {
      name,
      indent: indent.length,
      bold: false,
      valueOffset: line.length - rest.length,
      rawValue: trimValue(rest),
      canonical: false,
    };
  }
  return null;
}

/** Drops the template's trailing ` | ` habit, a trailing backslash break and spaces. */
function trimValue(value: string): string {
  return value.replace(/(\s*(\||\\))+\s*$/, '').trimEnd();
}

/** The key a written field name stands for, given the template's keys (`Authors` is `Author`). */
export function fieldKey(name: string, keys: readonly string[]): string | null {
  const key = nameKey(name);
  if (keys.includes(key)) return key;
  if (key.endsWith('s') && keys.includes(key.slice(0, -1))) return key.slice(0, -1);
  return null;
}

export function toField(
  split: FieldLine,
  key: string | null,
  lineNumber: number,
  line: string,
): MetadataField {
  const start = split.valueOffset + 1;
  return {
    name: split.name,
    key,
    value: undecorate(split.rawValue),
    rawValue: split.rawValue,
    valueRange: {
      line: lineNumber,
      column: start,
      endLine: lineNumber,
      endColumn: start + split.rawValue.length,
    },
    lineRange: {
      line: lineNumber,
      column: split.indent + 1,
      endLine: lineNumber,
      endColumn: line.trimEnd().length + 1,
    },
    canonical: split.canonical,
    ...(!split.bold && split.indent === 0 ? { plain: true } : {}),
    suffix: line.slice(split.valueOffset + split.rawValue.length).trimEnd(),
  };
}
