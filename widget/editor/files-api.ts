import { ApiError, api } from '../shared/api.ts';

let csrf = '';
/** The same token the shared api() sends; saves need PUT and version headers, which api() does not do. */
export function setEditorCsrf(token: string): void {
  csrf = token;
}

export interface FileIssue {
  severity: 'error' | 'warning';
  code: string;
  path: string;
  line: number;
  message: string;
}

export interface FileSummary {
  path: string;
  kind: string;
  id?: string;
  title?: string;
  lang?: string;
  owner?: string;
  review?: string;
  status: 'live' | 'draft' | 'retired' | 'error';
  errors: number;
  answers: number;
  up: number;
  down: number;
}

export interface OpenedFile {
  path: string;
  kind: string;
  text: string;
  etag: string;
  issues: FileIssue[];
}

export interface Version {
  id: string;
  editor: string;
  at: string;
  message: string;
}

/** A refused save with the server's details (issues for 422, both versions for 409). */
export class SaveError extends ApiError {
  constructor(
    status: number,
    code: string,
    message: string,
    readonly details: {
      issues?: FileIssue[];
      current?: { text: string; etag: string };
      yours?: { text: string };
    },
  ) {
    super(status, code, message);
  }
}

export async function saveFile(
  path: string,
  text: string,
  version: { ifMatch?: string; create?: boolean },
): Promise<{ etag: string; issues: FileIssue[]; version: number }> {
  const headers: Record<string, string> = { 'content-type': 'application/json', 'x-csrf-token': csrf };
  if (version.ifMatch) headers['if-match'] = version.ifMatch;
  if (version.create) headers['if-none-match'] = '*';
  const res = await fetch('/api/editor/file', {
    method: 'PUT',
    headers,
    credentials: 'same-origin',
    body: JSON.stringify({ path, text }),
  });
  const json = (await res.json().catch(() => ({}))) as Record<string, unknown>;
  if (!res.ok) {
    throw new SaveError(
      res.status,
      String(json.code ?? 'internal'),
      String(json.message ?? res.status),
      json,
    );
  }
  return json as { etag: string; issues: FileIssue[]; version: number };
}

export const listFiles = (q: string) =>
  api<{ total: number; files: FileSummary[] }>('GET', `/api/editor/files?q=${encodeURIComponent(q)}`);
export const openFile = (path: string) =>
  api<OpenedFile>('GET', `/api/editor/file?path=${encodeURIComponent(path)}`);
export const validateText = (path: string, text: string) =>
  api<{ issues: FileIssue[] }>('POST', '/api/editor/validate', { path, text });
export const publishFile = (path: string, folder: string) =>
  api<{ path: string }>('POST', '/api/editor/publish', { path, folder });
export const retireFile = (path: string) => api<{ path: string }>('POST', '/api/editor/retire', { path });
export const fileHistory = (path: string) =>
  api<{ kind: string; versions: Version[] }>('GET', `/api/editor/history?path=${encodeURIComponent(path)}`);
export const fileVersion = (path: string, id: string) =>
  api<{ text: string | null; diff: string }>(
    'GET',
    `/api/editor/version?path=${encodeURIComponent(path)}&id=${encodeURIComponent(id)}`,
  );

export interface AnswerSummary {
  kind: string;
  fileId?: string;
  title?: string;
  confidence?: number;
}

export interface ChangePreview {
  rows: { question: string; source: string; before: AnswerSummary; after: AnswerSummary; changed: boolean }[];
  confusable: { question: string; fileId: string; title: string }[];
  liveMode: string;
}

export const previewChange = (path: string, text: string) =>
  api<ChangePreview>('POST', '/api/editor/preview', { path, text });
