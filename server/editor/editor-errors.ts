import type { Response } from 'express';

/** The editor console's own error codes (staff only; the citizen widget never sees them). */
export const EDITOR_ERRORS = {
  edit_conflict: 'Someone else saved this file after you opened it. Compare both versions before saving.',
  knowledge_invalid: 'The file has errors; it was not saved.',
  precondition_required: 'Send the version you edited (If-Match), or If-None-Match: * to create a file.',
  path_invalid: 'That is not a knowledge file name the editor may use.',
  already_exists: 'A file with that name already exists.',
  not_found: 'No such file or version.',
  bad_request: 'The request was not understood.',
  // Learning (issue 17)
  wording_refused: 'A wording holds personal data or is not a question; it cannot become part of an answer.',
  // Saves across nodes
  save_busy: 'Another save is still being made; nothing was saved. Try again in a moment.',
} as const;
export type EditorErrorCode = keyof typeof EDITOR_ERRORS;

export function sendEditorError(
  res: Response,
  status: number,
  code: EditorErrorCode,
  extra: Record<string, unknown> = {},
): void {
  res.status(status).json({ code, message: EDITOR_ERRORS[code], ...extra });
}
