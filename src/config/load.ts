import { Ajv, type ErrorObject } from 'ajv';
import {
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  visit,
  type Document,
  type Node,
} from 'yaml';
import { CONFIGURABLE_NOTE_IDS, RULES } from '../rules/index.js';
import { closest } from '../core/strings.js';
import { buildVocabulary, DEFAULT_CONFIG, type Config, type StatusesSection } from './config.js';
import { configSchema } from './schema.js';
import { resolveSectionSettings, type SectionSettings } from '../core/section-names.js';

export const CONFIG_PATHS = [
  '.github/klip-lint.yml',
  '.github/klip-lint.yaml',
  '.klip-lint.yml',
  '.klip-lint.yaml',
];
/** Ids the engine reports itself whose severity the configuration may set, as for rules. */
export const ENGINE_IDS = CONFIGURABLE_NOTE_IDS;

/** A configuration mistake, at its file, line and column. */
export class ConfigError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly column: number,
    readonly reason: string,
  ) {
    super(`${file}:${line}:${column}: ${reason}`);
  }
}

interface FileConfig {
  path?: string;
  template?: string;
  index?: string;
  statuses?: StatusesSection;
  rules?: Config['rules'] | Record<string, string>;
  ignore?: Partial<Config['ignore']>;
  baseline?: { from: number; rules?: string[] };
  approvals?: Record<string, number>;
  reviewers?: string[];
  sections?: Partial<SectionSettings>;
  placeholders?: string[];
  'stale-days'?: number;
}

let validator: ReturnType<Ajv['compile']> | null = null;

/** Parses and validates a configuration file's text; every mistake names its line and key. */
export function parseConfig(text: string, file: string): Config {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const syntax = document.errors[0];
  if (syntax) {
    const at = lineCounter.linePos(syntax.pos[0]);
    throw new ConfigError(file, at.line, at.col, `not valid YAML: ${yamlMessage(syntax.message)}`);
  }
  const raw = (toJS(document, lineCounter, file) ?? {}) as FileConfig;
  validator ??= new Ajv({ allErrors: true, strict: false, verbose: true }).compile(
    configSchema(RULES, ENGINE_IDS),
  );
  if (!validator(raw)) {
    const error = pickError(validator.errors ?? []);
    const { line, col } = position(document, lineCounter, error);
    throw new ConfigError(file, line, col, describe(error));
  }
  const config = resolve(raw, file);
  checkStatuses(config, raw, document, lineCounter, file);
  return config;
}

function resolve(raw: FileConfig, file: string): Config {
  const rules: Config['rules'] = {};
  for (const [id, value] of Object.entries(raw.rules ?? {})) {
    rules[id] =
      typeof value === 'string'
        ? { severity: value as Config['rules'][string]['severity'] }
        : value;
  }
  return {
    path: raw.path ?? DEFAULT_CONFIG.path,
    template: raw.template ?? DEFAULT_CONFIG.template,
    index: raw.index ?? DEFAULT_CONFIG.index,
    vocabulary: raw.statuses ? buildVocabulary(raw.statuses) : DEFAULT_CONFIG.vocabulary,
    rules,
    ignore: { files: raw.ignore?.files ?? [], numbers: raw.ignore?.numbers ?? [] },
    baseline: raw.baseline ? { from: raw.baseline.from, rules: raw.baseline.rules ?? null } : null,
    approvals: raw.approvals ?? DEFAULT_CONFIG.approvals,
    ...(raw.reviewers ? { reviewers: raw.reviewers.map((login) => login.replace(/^@/, '')) } : {}),
    sections: resolveSectionSettings(raw.sections),
    placeholders: raw.placeholders ?? DEFAULT_CONFIG.placeholders,
    staleDays: raw['stale-days'] || null,
    source: file,
  };
}

/** What the action's inputs set: the common keys, so a simple setup needs no file. */
export interface Overrides {
  path?: string;
  /** `rule-id: severity` lines. */
  rules?: string;
  /** Globs of files and KLIP numbers, one a line. */
  ignore?: string;
}

/** Checks the inputs with the file's schema; a mistake names the input and the key. */
export function validateOverrides(
  overrides: Overrides,
): Pick<Config, 'rules'> & { path?: string; ignore?: Config['ignore'] } {
  const raw: FileConfig = {};
  if (overrides.path) raw.path = overrides.path;
  let rulesInput: { document: Document; lines: LineCounter; multiline: boolean } | null = null;
  if (overrides.rules?.trim()) {
    const lines = new LineCounter();
    const document = parseDocument(overrides.rules, {
      lineCounter: lines,
      prettyErrors: false,
      uniqueKeys: true,
    });
    const syntax = document.errors[0];
    const value = syntax ? null : toJS(document, lines, 'input "rules"');
    if (!value || typeof value !== 'object' || Array.isArray(value)) {
      const at = lines.linePos(syntax?.pos[0] ?? 0);
      throw new ConfigError(
        'input "rules"',
        at.line,
        at.col,
        `${syntax ? `line ${at.line}: ${yamlMessage(syntax.message)}; ` : ''}write one "rule-id: severity" a line, e.g. "release-target: off".`,
      );
    }
    raw.rules = value as Record<string, string>;
    rulesInput = { document, lines, multiline: overrides.rules.trim().includes('\n') };
  }
  if (overrides.ignore?.trim()) {
    const lines = overrides.ignore
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter(Boolean);
    raw.ignore = {
      files: lines.filter((line) => !/^\d+$/.test(line)),
      numbers: lines.filter((line) => /^\d+$/.test(line)).map(Number),
    };
  }
  // Compiling the schema costs a tenth of a second: only when there is something to check.
  if (Object.keys(raw).length === 0) return { rules: {} };
  validator ??= new Ajv({ allErrors: true, strict: false, verbose: true }).compile(
    configSchema(RULES, ENGINE_IDS),
  );
  if (!validator(raw)) {
    const error = pickError(validator.errors ?? []);
    const input = error.instancePath.split('/')[1] ?? 'path';
    if (input === 'rules' && rulesInput) {
      // The input is its own small YAML document: point at the line in it.
      const path = error.instancePath.split('/').filter(Boolean).map(unescape).slice(1);
      if (error.keyword === 'additionalProperties')
        path.push(String(error.params.additionalProperty));
      const node = nodeAt(rulesInput.document, path, error.keyword === 'additionalProperties');
      const at = rulesInput.lines.linePos(node?.range?.[0] ?? 0);
      throw new ConfigError(
        'input "rules"',
        at.line,
        at.col,
        `${rulesInput.multiline ? `line ${at.line}: ` : ''}${describe(error)}`,
      );
    }
    throw new ConfigError(`input "${input}"`, 1, 1, describe(error));
  }
  const resolved = resolve(raw, 'inputs');
  return {
    rules: resolved.rules,
    ...(raw.path ? { path: raw.path } : {}),
    ...(raw.ignore ? { ignore: resolved.ignore } : {}),
  };
}

/** The parser's message, one line; a stack overflow is what nesting too deep looks like. */
function yamlMessage(message: string): string {
  return /maximum call stack/i.test(message)
    ? 'it is nested too deeply to read (write it flatter)'
    : (message.split('\n')[0] as string);
}

/** Aliases repeated past this many are a resource exhaustion attack, not a configuration. */
const MAX_ALIASES = 100;

/** The document's value; an alias bomb or an alias without its anchor is an error at its line. */
function toJS(document: Document, lines: LineCounter, file: string): unknown {
  try {
    return document.toJS({ maxAliasCount: MAX_ALIASES });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const bomb = /excessive alias count/i.test(message);
    const source = /:\s*(\S+)\s*$/.exec(message)?.[1];
    let at: Node | null = null;
    visit(document, {
      Alias(_key, node) {
        if (bomb || node.source === source) {
          at = node;
          return visit.BREAK;
        }
        return undefined;
      },
    });
    const { line, col } = lines.linePos((at as Node | null)?.range?.[0] ?? 0);
    throw new ConfigError(
      file,
      line,
      col,
      bomb
        ? `the YAML's aliases expand to more than ${MAX_ALIASES} copies (an alias bomb); write the values out instead of repeating aliases.`
        : `not valid YAML: ${message.split('\n')[0]}.`,
    );
  }
}

/** Statuses named in aliases, transitions and approvals must be statuses of the vocabulary. */
function checkStatuses(
  config: Config,
  raw: FileConfig,
  document: Document,
  lines: LineCounter,
  file: string,
): void {
  const names = config.vocabulary.statuses.map((status) => status.name);
  const check = (path: (string | number)[], name: string) => {
    if (names.includes(name)) return;
    const near = closest(name, names);
    const node = nodeAt(document, path);
    const at = lines.linePos(node?.range?.[0] ?? 0);
    throw new ConfigError(
      file,
      at.line,
      at.col,
      `${path.join('.')}: "${name}" is not a status of the vocabulary${near ? ` (did you mean "${near}"?)` : ''}; the statuses are ${names.join(', ')}.`,
    );
  };
  for (const [alias, canonical] of Object.entries(raw.statuses?.aliases ?? {}))
    check(['statuses', 'aliases', alias], canonical);
  for (const [from, targets] of Object.entries(raw.statuses?.transitions ?? {})) {
    check(['statuses', 'transitions', from], from);
    targets.forEach((to, i) => check(['statuses', 'transitions', from, i], to));
  }
  for (const status of Object.keys(raw.approvals ?? {})) check(['approvals', status], status);
  for (const [section, status] of Object.entries(raw.sections?.requiredFrom ?? {}))
    check(['sections', 'requiredFrom', section], status);
}

/** The most useful error: an unknown key or a wrong value, not the if/then bookkeeping. */
function pickError(errors: ErrorObject[]): ErrorObject {
  return errors.find((error) => error.keyword !== 'if') ?? (errors[0] as ErrorObject);
}

function describe(error: ErrorObject): string {
  const path = error.instancePath.split('/').filter(Boolean).map(unescape);
  const where = path.length ? path.join('.') : 'the file';
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties': {
      const key = String(params.additionalProperty);
      if (path[0] === 'rules' && path.length === 1) {
        const ids = [...RULES.map((rule) => rule.meta.id), ...ENGINE_IDS];
        const near = closest(key, ids);
        return `rules: "${key}" is not a rule id${near ? `; did you mean "${near}"?` : '.'} The rules are listed in docs/rules/.`;
      }
      const allowed = allowedKeys(path);
      return `${where}: unknown key "${key}"${allowed ? `; allowed: ${allowed}` : ''}.`;
    }
    case 'enum':
      return `${where}: ${JSON.stringify(valueOf(error))} is not allowed; use one of ${(params.allowedValues as unknown[]).join(', ')}.`;
    case 'type':
      return `${where}: must be ${article(String(params.type))}.`;
    case 'required':
      return `${where}: the key "${String(params.missingProperty)}" is required.`;
    default:
      return `${where}: ${error.message ?? 'is not valid'}.`;
  }
}

function valueOf(error: ErrorObject): unknown {
  return error.data;
}

function allowedKeys(path: string[]): string | null {
  let schema: Record<string, unknown> | undefined = configSchema(RULES, ENGINE_IDS);
  for (const key of path) {
    const properties = schema?.properties as Record<string, Record<string, unknown>> | undefined;
    const next: Record<string, unknown> | undefined = properties?.[key];
    schema = next && 'else' in next ? (next.else as Record<string, unknown>) : next;
  }
  const properties = schema?.properties as Record<string, unknown> | undefined;
  return properties
    ? Object.keys(properties)
        .filter((key) => key !== '$schema')
        .join(', ')
    : null;
}

function article(type: string): string {
  return type === 'object'
    ? 'a mapping (key: value lines)'
    : type === 'array'
      ? 'a list'
      : /^[aeiou]/.test(type)
        ? `an ${type}`
        : `a ${type}`;
}

function unescape(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}

function position(
  document: Document,
  lines: LineCounter,
  error: ErrorObject,
): { line: number; col: number } {
  const path: (string | number)[] = error.instancePath.split('/').filter(Boolean).map(unescape);
  const params = error.params as Record<string, unknown>;
  // An unknown key points at the key itself.
  if (error.keyword === 'additionalProperties') path.push(String(params.additionalProperty));
  const node = nodeAt(document, path, error.keyword === 'additionalProperties');
  return lines.linePos(node?.range?.[0] ?? 0);
}

/** The YAML node at a path; with `key`, the key of the last step rather than its value. */
function nodeAt(document: Document, path: (string | number)[], key = false): Node | null {
  let node: unknown = document.contents;
  for (let i = 0; i < path.length; i++) {
    const step = path[i];
    if (isMap(node)) {
      const pair = node.items.find(
        (item) => isPair(item) && isScalar(item.key) && String(item.key.value) === String(step),
      );
      if (!pair) return node as Node;
      if (key && i === path.length - 1) return pair.key as Node;
      node = pair.value;
    } else if (isSeq(node)) {
      node = node.items[Number(step)] ?? node;
    } else {
      break;
    }
  }
  return (node as Node) ?? null;
}
