/** Proposals are prose: anything larger is not read (and parsing it would cost the run). */
export const MAX_FILE_BYTES = 1024 * 1024;

/** Whether a text is over the size limit, counted in UTF-8 bytes as on disk. */
export function tooLarge(text: string): boolean {
  return text.length > MAX_FILE_BYTES || Buffer.byteLength(text, 'utf8') > MAX_FILE_BYTES;
}
