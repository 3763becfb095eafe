import { MAX_FILE_BYTES } from '../model/limits.js';
import type { MessageData } from '../model/types.js';

/** Something about a file that is not a rule's finding: it could not be read, or not as UTF-8. */
export interface FileNote {
  file: string;
  ruleId: 'file-unreadable' | 'file-encoding';
  /** One of the note's `meta.messages` (rules/engine-notes.ts), and its data. */
  messageId: string;
  data?: MessageData;
}

/** Texts already decoded: both ends of a change read the same blobs, as the same bytes. */
const decoded = new WeakMap<Buffer, string>();

/** Text from bytes: binary files are skipped, invalid UTF-8 is read with replacement characters and noted. */
export function decode(path: string, bytes: Buffer, notes: FileNote[]): string | null {
  if (bytes.length > MAX_FILE_BYTES) {
    notes.push({
      file: path,
      ruleId: 'file-unreadable',
      messageId: 'tooLarge',
      data: { size: '', limit: MAX_FILE_BYTES, what: 'a proposal' },
    });
    return null;
  }
  if (bytes.subarray(0, 8000).includes(0)) {
    notes.push({
      file: path,
      ruleId: 'file-unreadable',
      messageId: 'binary',
    });
    return null;
  }
  if (isLfsPointer(bytes)) {
    notes.push({
      file: path,
      ruleId: 'file-unreadable',
      messageId: 'lfsPointer',
    });
    return null;
  }
  const known = decoded.get(bytes);
  if (known !== undefined) return known;
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    decoded.set(bytes, text);
    return text;
  } catch {
    notes.push({
      file: path,
      ruleId: 'file-encoding',
      messageId: 'invalid',
    });
    return bytes.toString('utf8');
  }
}

/** A Git LFS pointer: a small text of "version", "oid sha256:..." and "size" lines. */
export function isLfsPointer(bytes: Buffer): boolean {
  if (bytes.length > 1024 || bytes[0] !== 0x76) return false;
  const text = bytes.toString('utf8');
  return (
    /^version https:\/\/(?:git-lfs|hawser)\.github\.com\/spec\/v\d+\r?$/m.test(
      text.split('\n')[0] ?? '',
    ) &&
    /^oid sha256:[0-9a-f]{64}\r?$/m.test(text) &&
    /^size \d+\r?$/m.test(text)
  );
}
