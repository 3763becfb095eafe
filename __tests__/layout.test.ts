import { readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

// The layout of src/ shows the pipeline: these checks keep it readable as it grows.
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SRC = join(ROOT, 'src');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sources(join(dir, entry.name))
      : entry.name.endsWith('.ts')
        ? [join(dir, entry.name)]
        : [],
  );
}

const FILES = sources(SRC);
const name = (file: string) => relative(ROOT, file);

/** Every relative import and re-export, type-only ones included. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const found: string[] = [];
  const pattern = /(?:\bfrom\s*|\bimport\s*\(?\s*)['"](\.{1,2}\/[^'"]+)['"]/g;
  for (const match of text.matchAll(pattern)) {
    found.push(resolve(dirname(file), match[1]!.replace(/\.js$/, '.ts')));
  }
  return found;
}

describe('the layout of src/', () => {
  it('has no import cycle, type-only imports included', () => {
    const graph = new Map(FILES.map((file) => [file, importsOf(file)]));
    for (const [file, targets] of graph) {
      for (const target of targets)
        expect([name(file), graph.has(target)]).toEqual([name(file), true]);
    }
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const stack: string[] = [];
    const visit = (file: string) => {
      state.set(file, 'open');
      stack.push(file);
      for (const target of graph.get(file) ?? []) {
        if (state.get(target) === 'open') {
          cycles.push([...stack.slice(stack.indexOf(target)), target].map(name).join(' -> '));
        } else if (!state.has(target)) visit(target);
      }
      stack.pop();
      state.set(file, 'done');
    };
    for (const file of FILES) if (!state.has(file)) visit(file);
    expect(cycles).toEqual([]);
  });

  it('gives every file a name of its own', () => {
    const byName = new Map<string, string[]>();
    for (const file of FILES)
      byName.set(basename(file), [...(byName.get(basename(file)) ?? []), name(file)]);
    expect([...byName.values()].filter((files) => files.length > 1)).toEqual([]);
  });

  it('defines each exported type once', () => {
    const byType = new Map<string, string[]>();
    for (const file of FILES) {
      const text = readFileSync(file, 'utf8');
      for (const match of text.matchAll(/^export (?:interface|type) (\w+)/gm)) {
        byType.set(match[1]!, [...(byType.get(match[1]!) ?? []), name(file)]);
      }
      for (const match of text.matchAll(/^(?:interface|type) (\w+)/gm)) {
        byType.set(match[1]!, [...(byType.get(match[1]!) ?? []), name(file)]);
      }
    }
    expect([...byType].filter(([, files]) => files.length > 1)).toEqual([]);
  });

  it('keeps the three bundle entries in src/entry/ and nothing else', () => {
    expect(readdirSync(join(SRC, 'entry')).sort()).toEqual([
      'action-bundle.ts',
      'action.ts',
      'cli.ts',
      'worker.ts',
    ]);
  });
});
