/** The layout in which the panel covers the whole window (the same query as the stylesheet's). */
export const FULL_SCREEN_QUERY = '(max-width: 480px), (max-height: 560px)';

const FOCUSABLE = 'button, [href], input, select, textarea, [tabindex]:not([tabindex="-1"])';

function focusables(panel: HTMLElement): HTMLElement[] {
  return [...panel.querySelectorAll<HTMLElement>(FOCUSABLE)].filter(
    (el) => !(el as HTMLButtonElement).disabled && !el.closest('[hidden]') && el.getClientRects().length > 0,
  );
}

/**
 * When the panel covers the screen it is modal: `aria-modal` tells screen readers the page behind is out of
 * reach, and Tab wraps around inside the panel instead of reaching the page's hidden links. In the corner
 * layout the page stays usable, so neither applies.
 */
export function trapFocusWhenFullScreen(panel: HTMLElement, media: MediaQueryList): void {
  const apply = (): void => {
    if (media.matches) panel.setAttribute('aria-modal', 'true');
    else panel.removeAttribute('aria-modal');
  };
  apply();
  media.addEventListener('change', apply);
  panel.addEventListener('keydown', (ev) => {
    if (ev.key !== 'Tab' || !media.matches || ev.defaultPrevented) return;
    const list = focusables(panel);
    const first = list[0];
    const last = list[list.length - 1];
    if (!first || !last) return;
    const active = (panel.getRootNode() as ShadowRoot | Document).activeElement;
    if (ev.shiftKey && (active === first || !panel.contains(active))) {
      ev.preventDefault();
      last.focus();
    } else if (!ev.shiftKey && (active === last || !panel.contains(active))) {
      ev.preventDefault();
      first.focus();
    }
  });
}
