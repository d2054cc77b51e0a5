/**
 * Fetches the citizen's own transcript with the resume token in a header (never in the URL, so it stays out
 * of logs and history) and hands it to the browser as a file download.
 */
export async function downloadTranscript(
  server: string,
  token: string,
  format: 'txt' | 'html',
): Promise<void> {
  const res = await fetch(`${server}/api/transcript?format=${format === 'html' ? 'html' : 'text'}`, {
    headers: { Authorization: `Bearer ${token}` },
    credentials: 'omit',
    cache: 'no-store',
  });
  if (!res.ok) throw new Error(`transcript: HTTP ${res.status}`);
  const name =
    /filename="([^"]+)"/.exec(res.headers.get('Content-Disposition') ?? '')?.[1] ?? `chat.${format}`;
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
