/**
 * After an action whose button goes away or is disabled by its own success (Claim, "Use these times", Record attempt),
 * the browser drops keyboard focus to the top of the page, and a keyboard or screen-reader user must find their place
 * again (WCAG 2.4.3, focus order). This puts focus on `target` once the page has rendered, but only if focus was lost:
 * someone who has moved on meanwhile (or pressed a shortcut from elsewhere) keeps their place. `target` is found
 * then (a selector within `root`), as it may be rendered by the same change.
 */
export function focusIfLost(root: HTMLElement, selector: string): void {
  setTimeout(() => {
    const doc = root.ownerDocument;
    const active = doc.activeElement;
    if (active && active !== doc.body && active.isConnected && !(active as HTMLButtonElement).disabled) return;
    root.querySelector<HTMLElement>(selector)?.focus();
  });
}
