/**
 * The page a chat started on, as it may be stored: scheme, host and path, with anything personal in the path
 * redacted. The query string and fragment are left out altogether: sites put search words, form fields and
 * tokens there, and statistics only need to know which page it was. Undefined for anything but an http(s) URL.
 */
export function storablePage(page: string | undefined, redact: (text: string) => string): string | null {
  if (!page) return null;
  let url: URL;
  try {
    url = new URL(page);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  let path: string;
  try {
    path = decodeURIComponent(url.pathname);
  } catch {
    path = url.pathname;
  }
  // Redacted decoded, so `%40` and `%20` cannot hide an address or a spaced-out ID from the redactor.
  return `${url.protocol}//${url.host}${redact(path)}`;
}
