import { availableParallelism } from 'node:os';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { parseKlip } from './parse/document.js';
import { BUILTIN_TEMPLATE, parseTemplate } from './parse/template.js';
import type { KlipDocument, SourceFile } from './types.js';

/** Below this much text, starting workers costs more than it saves. */
export const PARALLEL_BYTES = 2 * 1024 * 1024;

interface Job {
  template: SourceFile | null;
  sources: SourceFile[];
}

/**
 * Parses proposals on every core: the bundle starts copies of itself as workers, each parsing a
 * share. Returns null when the folder is small enough to parse in this thread.
 */
export async function parseInParallel(
  entry: string | URL,
  sources: SourceFile[],
  template: SourceFile | null,
): Promise<Map<string, KlipDocument> | null> {
  const threads = Math.min(availableParallelism(), 8);
  const bytes = sources.reduce((sum, source) => sum + source.text.length, 0);
  if (threads < 2 || bytes < PARALLEL_BYTES) return null;
  // Shares of about equal size, so that no worker waits on another.
  const shares: SourceFile[][] = Array.from({ length: threads }, () => []);
  const sizes = new Array<number>(threads).fill(0);
  for (const source of [...sources].sort((a, b) => b.text.length - a.text.length)) {
    const smallest = sizes.indexOf(Math.min(...sizes));
    shares[smallest]?.push(source);
    sizes[smallest] = (sizes[smallest] ?? 0) + source.text.length;
  }
  const results = await Promise.all(
    shares.map(
      (share) =>
        new Promise<KlipDocument[]>((resolve, reject) => {
          const worker = new Worker(entry, {
            workerData: { template, sources: share } satisfies Job,
          });
          worker.once('message', resolve);
          worker.once('error', reject);
        }),
    ),
  );
  return new Map(results.flat().map((document) => [document.file, document]));
}

/** The worker side: parse the share and send the documents back. Returns whether this is a worker. */
export function serveAsWorker(): boolean {
  if (isMainThread || !parentPort) return false;
  const job = workerData as Job;
  const template = job.template ? parseTemplate(job.template) : BUILTIN_TEMPLATE;
  parentPort.postMessage(job.sources.map((source) => parseKlip(source, template)));
  return true;
}
