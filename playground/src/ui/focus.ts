/**
 * Keeping keyboard focus when controls are drawn again. Controls carry `data-key` (default: their label)
 * and sit in an element with `data-scope` where a key repeats ("racer-2"); "racer-2/method" then names the
 * same control before and after a re-render, so the next Tab continues from there instead of from <body>.
 */

/** The key of the focused control inside `root`, or null when focus is elsewhere. */
export function focusKey(root: HTMLElement): string | null {
  const el = document.activeElement;
  if (!(el instanceof HTMLElement) || !root.contains(el) || el.dataset.key === undefined) return null;
  return keyOf(el);
}

function keyOf(el: HTMLElement): string {
  return `${el.closest<HTMLElement>('[data-scope]')?.dataset.scope ?? ''}/${el.dataset.key ?? ''}`;
}

/** Focuses the first control in `root` whose key is one of `keys` (in order); true if one was found. */
export function focusByKey(root: HTMLElement, keys: readonly (string | null)[]): boolean {
  const controls = [...root.querySelectorAll<HTMLElement>('[data-key]')];
  for (const key of keys) {
    const el = key === null ? undefined : controls.find((c) => keyOf(c) === key);
    if (el) {
      el.focus();
      return true;
    }
  }
  return false;
}

/**
 * Runs `render` (which replaces controls inside `root`); if a control in `root` had focus, focuses the
 * control with the same key afterwards, or else the first of `fallbacks` that exists.
 */
export function keepingFocus(root: HTMLElement, render: () => void, fallbacks: readonly string[] = []): void {
  const key = focusKey(root);
  render();
  if (key !== null) focusByKey(root, [key, ...fallbacks]);
}
