import type { Config } from '../config/config.js';
import { fileFinding, finish } from '../core/engine.js';
import { baseName } from '../parse/document.js';
import { ENGINE_NOTES } from '../rules/engine-notes.js';
import { fileNameNumber } from '../rules/helpers.js';
import type { FileNote } from '../sources/decode.js';
import type { Finding } from '../model/types.js';

/** File notes as findings, with the configured severity (or none) and the ignores applied. */
export function noteFindings(notes: FileNote[], config: Config): Finding[] {
  const findings = notes.flatMap((note): Finding[] => {
    const severity =
      config.rules[note.ruleId]?.severity ??
      ENGINE_NOTES.find((meta) => meta.id === note.ruleId)?.severity ??
      'warning';
    if (severity === 'off') return [];
    return [
      fileFinding(
        note.ruleId,
        severity,
        note.file,
        { messageId: note.messageId, ...(note.data ? { data: note.data } : {}) },
        fileNameNumber(baseName(note.file)),
      ),
    ];
  });
  return finish(findings, { documents: [], index: null }, config);
}
