import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { parseKlip } from '../parse/document.js';
import { BUILTIN_TEMPLATE, parseTemplate } from '../parse/template.js';
import { decode, type FileNote } from './decode.js';
import type { KlipDocument, SourceFile } from '../model/types.js';

/** Below this much text, starting workers costs more than it saves. */
export const PARALLEL_BYTES = 2 * 1024 * 1024;
/**
 * Text one worker parses before it exits and a fresh one takes over. Parsing leaves garbage the
 * heap only grows to hold; a worker's heap is returned whole when it exits, which keeps the
 * run's memory flat whatever the folder's size, for about 40 ms per fresh worker.
 */
export const BATCH_BYTES = 8 * 1024 * 1024;

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
 * Reads and parses proposals of the work tree on every core: workers (the worker bundle at
 * `entry`) read and parse batches of files, so that no thread holds the whole folder's text and
 * this one holds only the documents. Returns null when the folder is small enough for this thread.
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
  // Batches of about equal size, a multiple of the threads so that they end together.
  const count = threads * Math.ceil(bytes / BATCH_BYTES / threads);
  const batches: string[][] = Array.from({ length: count }, () => []);
  const sizes = new Array<number>(count).fill(0);
  for (const file of [...files].sort((a, b) => b.size - a.size)) {
    const smallest = sizes.indexOf(Math.min(...sizes));
    batches[smallest]?.push(file.path);
    sizes[smallest] = (sizes[smallest] ?? 0) + file.size;
  }
  // Results in batch order, whichever worker ends first: the report must not depend on timing.
  const results: Done[] = [];
  let next = 0;
  const runner = async () => {
    for (let index = next++; index < count; index = next++) {
      const files = batches[index] ?? [];
      results[index] = await parseInWorker(entry, { root, template, files });
    }
  };
  await Promise.all(Array.from({ length: threads }, runner));
  return {
    documents: results.flatMap((result) => result.documents),
    notes: results.flatMap((result) => result.notes),
  };
}

function parseInWorker(entry: string | URL, job: Job): Promise<Done> {
  return new Promise<Done>((resolve) => {
    // A larger young generation than V8 gives by default: parsing makes short-lived objects by
    // the million, and fewer of them outlive a collection. Since most text is read line by line
    // (fast/pieces.ts), 64 MB saves about 5% of the time of 24 MB and costs 130 MB more at 5,000
    // KLIPs (375 MB instead of 241): 24 keeps a large folder under 300 MB.
    const worker = new Worker(entry, {
      workerData: job,
      resourceLimits: { maxYoungGenerationSizeMb: 24 },
    });
    // A worker that cannot start or dies (out of memory) leaves its batch to this thread.
    let done = false;
    const fallback = () => {
      if (!done) resolve(parseShare(job));
      done = true;
    };
    const documents: KlipDocument[] = [];
    worker.on('message', (message: KlipDocument | FileNote[]) => {
      if (!Array.isArray(message)) {
        documents.push(message);
        return;
      }
      done = true;
      resolve({ documents, notes: message });
    });
    worker.once('error', fallback);
    worker.once('exit', fallback);
  });
}

/** The worker bundle beside the running one (`relative` to its folder). */
export function workerBundle(bundle: string, relative: string): URL {
  return pathToFileURL(join(dirname(fileURLToPath(bundle)), relative));
}

/**
 * The worker side: read and parse the batch, sending each document back as soon as it is
 * parsed, then the batch's notes. A worker that holds nothing keeps a small heap.
 */
export function serveAsWorker(): void {
  if (isMainThread || !parentPort) return;
  const port = parentPort;
  const { notes } = parseShare(workerData as Job, (document) => port.postMessage(document));
  port.postMessage(notes);
}

function parseShare(job: Job, send?: (document: KlipDocument) => void): Done {
  const template = job.template ? parseTemplate(job.template) : BUILTIN_TEMPLATE;
  const done: Done = { documents: [], notes: [] };
  for (const path of job.files) {
    const text = decode(path, readFileSync(join(job.root, path)), done.notes);
    if (text === null) continue;
    let document: KlipDocument;
    try {
      document = parseKlip({ path, text }, template);
    } catch {
      // Left to the main thread, which reports the file and goes on with the rest.
      continue;
    }
    if (send) send(document);
    else done.documents.push(document);
  }
  return done;
}
