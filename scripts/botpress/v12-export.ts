import { z } from 'zod';

/**
 * The JSON a Botpress v12 admin downloads from the Q&A module. Three shapes were in use across v12: the
 * CMS shape `{ qnas, contentElements }` (12.x), an array of items `{ id, data }`, and an array of bare
 * entries (the early "export" route). Fields the importer does not use are allowed and ignored.
 */
const localized = z.record(z.string(), z.array(z.string())).default({});

const qnaEntry = z.looseObject({
  action: z.string().default('text'),
  contexts: z.array(z.string()).default([]),
  category: z.string().optional(),
  enabled: z.boolean().default(true),
  questions: z.record(z.string(), z.array(z.string())),
  answers: localized,
  /** Rich content (images, cards, carousels) per language; Svar's Markdown answers cannot hold it. */
  contentAnswers: z.record(z.string(), z.array(z.unknown())).default({}),
  redirectFlow: z.string().optional(),
  redirectNode: z.string().optional(),
});

const qnaItem = z.looseObject({ id: z.string().min(1), data: qnaEntry });

const exportSchema = z.union([
  z.looseObject({ qnas: z.array(qnaItem), contentElements: z.array(z.unknown()).default([]) }),
  z.array(qnaItem),
  z.array(qnaEntry),
]);

export type QnaEntry = z.infer<typeof qnaEntry>;
export interface QnaItem {
  id: string;
  data: QnaEntry;
}

/** Refused before JSON parsing: a whole v12 bot's Q&A is a few megabytes at most. */
export const MAX_EXPORT_BYTES = 20 * 1024 * 1024;

export class ExportFormatError extends Error {
  override name = 'ExportFormatError';
  constructor(
    readonly code: 'export_too_large' | 'export_not_json' | 'export_unknown_shape',
    message: string,
  ) {
    super(message);
  }
}

export function parseV12Export(text: string): QnaItem[] {
  if (Buffer.byteLength(text) > MAX_EXPORT_BYTES) {
    throw new ExportFormatError(
      'export_too_large',
      `The file is larger than ${MAX_EXPORT_BYTES / 1_048_576} MB.`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ExportFormatError('export_not_json', `The file is not JSON: ${(error as Error).message}`);
  }
  const parsed = exportSchema.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const where = first?.path.length ? ` at ${first.path.join('.')}` : '';
    throw new ExportFormatError(
      'export_unknown_shape',
      `This is not a Botpress v12 Q&A export${where}: ${first?.message ?? 'unknown shape'}.`,
    );
  }
  const value = parsed.data;
  if (!Array.isArray(value)) return value.qnas;
  return value.map((entry, i) =>
    'data' in entry && typeof entry.id === 'string'
      ? (entry as QnaItem)
      : { id: `item-${i + 1}`, data: entry as QnaEntry },
  );
}
