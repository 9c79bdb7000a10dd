// History routing: a path is a screen. Links are plain <a href> elements
// (keyboard and middle-click work); clicks on them are handled here.
import { useSyncExternalStore } from 'preact/compat';

const listeners = new Set<() => void>();
const notify = () => listeners.forEach((l) => l());
addEventListener('popstate', notify);

export function navigate(path: string) {
  history.pushState(null, '', path);
  notify();
  scrollTo(0, 0);
}

/** The current path; components that call it re-render on navigation. */
export function usePath(): string {
  return useSyncExternalStore((l) => (listeners.add(l), () => listeners.delete(l)), () => location.pathname);
}

// Same-origin links navigate without a reload.
document.addEventListener('click', (e) => {
  const a = (e.target as Element | null)?.closest?.('a');
  if (!a || e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || a.target || a.hasAttribute('download')) return;
  const url = new URL(a.href, location.href);
  if (url.origin !== location.origin || url.pathname.endsWith('.csv')) return;
  e.preventDefault();
  navigate(url.pathname + url.search + url.hash);
});

/** Matches a path against a pattern such as /rounds/:id, returning the parameters. */
export function match(pattern: string, path: string): Record<string, string> | null {
  const p = pattern.split('/');
  const s = path.replace(/\/$/, '').split('/');
  if (p.length !== s.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < p.length; i++) {
    if (p[i].startsWith(':')) params[p[i].slice(1)] = decodeURIComponent(s[i]);
    else if (p[i] !== s[i]) return null;
  }
  return params;
}
