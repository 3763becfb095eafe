import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { parseKlip } from './parse/document.js';
import { BUILTIN_TEMPLATE, parseTemplate } from './parse/template.js';
import { decode, type FileNote } from './sources/snapshot.js';
import type { KlipDocument, SourceFile } from './types.js';

/** Below this much text, starting workers costs more than it saves. */
export const PARALLEL_BYTES = 2 * 1024 * 1024;

interface Job {
  root: string;
  template: SourceFile | null;
  files: string[];
}

interface Done {
  documents: KlipDocument[];
  notes: FileNote[];
}

/**
 * Reads and parses proposals of the work tree on every core: the bundle starts copies of itself as
 * workers, each reading and parsing a share, so that no thread holds the whole folder's text.
 * Returns null when the folder is small enough for this thread.
 */
export async function parseInParallel(
  entry: string | URL,
  root: string,
  files: { path: string; size: number }[],
  template: SourceFile | null,
): Promise<Done | null> {
  const threads = Math.min(availableParallelism(), 8);
  const bytes = files.reduce((sum, file) => sum + file.size, 0);
  if (threads < 2 || bytes < PARALLEL_BYTES) return null;
  // Shares of about equal size, so that no worker waits on another.
  const shares: string[][] = Array.from({ length: threads }, () => []);
  const sizes = new Array<number>(threads).fill(0);
  for (const file of [...files].sort((a, b) => b.size - a.size)) {
    const smallest = sizes.indexOf(Math.min(...sizes));
    shares[smallest]?.push(file.path);
    sizes[smallest] = (sizes[smallest] ?? 0) + file.size;
  }
  // This thread takes the first share itself: one worker fewer to start.
  const [own = [], ...others] = shares;
  const pending = others.map(
    (share) =>
      new Promise<Done>((resolve, reject) => {
        const worker = new Worker(entry, {
          workerData: { root, template, files: share } satisfies Job,
        });
        worker.once('message', resolve);
        worker.once('error', reject);
      }),
  );
  const mine = parseShare({ root, template, files: own });
  const results = [mine, ...(await Promise.all(pending))];
  return {
    documents: results.flatMap((done) => done.documents),
    notes: results.flatMap((done) => done.notes),
  };
}

/** The worker side: read and parse the share, send the documents back. Returns whether this is a worker. */
export function serveAsWorker(): boolean {
  if (isMainThread || !parentPort) return false;
  parentPort.postMessage(parseShare(workerData as Job));
  return true;
}

function parseShare(job: Job): Done {
  const template = job.template ? parseTemplate(job.template) : BUILTIN_TEMPLATE;
  const done: Done = { documents: [], notes: [] };
  for (const path of job.files) {
    const text = decode(path, readFileSync(join(job.root, path)), done.notes);
    if (text !== null) done.documents.push(parseKlip({ path, text }, template));
  }
  return done;
}
