import { useLocation } from 'react-router';

/** Where a page's back link leads, and what it says ("‹ {label}"). */
export interface BackTo {
  href: string;
  label: string;
}

/**
 * Router state for a link to a letter's page: the list it was opened from (with its filters, order
 * and box, as in the address), so the letter page's back link returns there. Kept in the history
 * entry, so it survives a reload of the letter page; a letter opened from a bookmark or a typed
 * address has none and its page picks a default.
 */
export const cameFrom = (href: string, label: string): { from: BackTo } => ({ from: { href, label } });

/** The list the current page was opened from, when a link said so (only an address of this app). */
export function useCameFrom(): BackTo | null {
  const state = useLocation().state as { from?: Partial<BackTo> } | null;
  const f = state?.from;
  if (!f || typeof f.href !== 'string' || typeof f.label !== 'string') return null;
  // a path of this app only: never another origin (//host) or a scheme
  if (!f.href.startsWith('/') || f.href.startsWith('//') || f.href.startsWith('/\\')) return null;
  return { href: f.href, label: f.label };
}
