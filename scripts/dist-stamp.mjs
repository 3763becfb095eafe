// The bundle in dist/ is fresh when dist/source-hash names the sources it was built from. `npm run
// build` writes it; the tests that run the bundle (jest's global setup) rebuild when it differs,
// so a stale or missing dist/ can never give a green run.
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const STAMP = join(ROOT, 'dist', 'source-hash');

function files(folder) {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    return entry.isDirectory() ? files(path) : [path];
  });
}

export function sourceHash() {
  const hash = createHash('sha256');
  const inputs = [
    ...files(join(ROOT, 'src')),
    join(ROOT, 'package-lock.json'),
    join(ROOT, 'tsconfig.json'),
  ];
  for (const path of inputs.map((p) => relative(ROOT, p).split('\\').join('/')).sort()) {
    hash
      .update(`${path}\0`)
      .update(readFileSync(join(ROOT, path)))
      .update('\0');
  }
  return hash.digest('hex');
}

export function distIsFresh() {
  return existsSync(STAMP) && readFileSync(STAMP, 'utf8').trim() === sourceHash();
}

/** jest's global setup: build when the bundle does not match the sources. */
export default function ensureDist() {
  if (distIsFresh()) return;
  process.stderr.write('\ndist/ is missing or older than src/: building it before the tests.\n');
  execFileSync('npm', ['run', '-s', 'build'], { cwd: ROOT, stdio: 'inherit' });
  if (!distIsFresh()) throw new Error('dist/ is still stale after npm run build');
}

if (process.argv[2] === 'write') writeFileSync(STAMP, `${sourceHash()}\n`);
