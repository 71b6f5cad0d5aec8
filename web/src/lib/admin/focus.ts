import { tick } from 'svelte';

// After an action re-renders a list, the button that was focused may be gone (a revoked key is
// hidden; Disable becomes Enable). Focus then falls to <body> and keyboard users start over
// from the top: this puts it on the nearest sensible place instead, and leaves it alone if it
// is still somewhere.

export async function focusIfLost(target: () => HTMLElement | null | undefined): Promise<void> {
  await tick();
  const active = document.activeElement;
  if (active && active !== document.body && active.isConnected) return;
  target()?.focus();
}
