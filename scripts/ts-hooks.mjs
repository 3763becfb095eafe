// Module hooks that let Node import the TypeScript sources directly (type-stripped with the
// TypeScript compiler, one file at a time), so that scripts need no build of dist/ first.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// Transpiled files are kept by content hash, so that a second run loads no compiler at all.
const cache = fileURLToPath(new URL('../node_modules/.cache/klip-lint-ts/', import.meta.url));
let ts = null;

export async function resolve(specifier, context, next) {
  // Sources import each other as `./x.js`: the file on disk is `./x.ts`.
  if (/^\.{1,2}\/.*\.js$/.test(specifier) && context.parentURL?.endsWith('.ts')) {
    const url = new URL(specifier.replace(/\.js$/, '.ts'), context.parentURL);
    if (existsSync(fileURLToPath(url))) return { url: url.href, shortCircuit: true };
  }
  return next(specifier, context);
}

export async function load(url, context, next) {
  if (!url.endsWith('.ts')) return next(url, context);
  const path = fileURLToPath(url);
  const source = readFileSync(path, 'utf8');
  const cached = join(
    cache,
    `${createHash('sha256').update(path).update(source).digest('hex')}.js`,
  );
  if (existsSync(cached))
    return { format: 'module', source: readFileSync(cached, 'utf8'), shortCircuit: true };
  ts ??= (await import('typescript')).default;
  const { outputText } = ts.transpileModule(source, {
    fileName: path,
    compilerOptions: {
      module: ts.ModuleKind.ESNext,
      target: ts.ScriptTarget.ES2022,
      isolatedModules: true,
    },
  });
  try {
    mkdirSync(cache, { recursive: true });
    // Written aside, then renamed: a process reading at the same time sees all of it or none.
    writeFileSync(`${cached}.${process.pid}`, outputText);
    renameSync(`${cached}.${process.pid}`, cached);
  } catch {
    // A read-only tree: transpile every time.
  }
  return { format: 'module', source: outputText, shortCircuit: true };
}
