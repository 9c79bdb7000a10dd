// Who is signed in, as the whole console knows it: read once at start (the
// Viewer operation), set again after sign-in, cleared on sign-out or when the
// server says the session ended.
import { useSyncExternalStore } from 'preact/compat';
import { ViewerDocument, type ViewerQuery } from '../../frontend-contract/generated/documents';
import { post, request, sessionEnded } from './api';

export type Viewer = NonNullable<ViewerQuery['viewer']>;

// One object per change, so that subscribers see "now known to be the public" too.
let state: { viewer: Viewer | null; known: boolean } = { viewer: null, known: false };
const listeners = new Set<() => void>();
const set = (v: Viewer | null) => {
  state = { viewer: v, known: true };
  listeners.forEach((l) => l());
};

export async function refreshViewer() {
  try {
    set((await request(ViewerDocument, {})).viewer ?? null);
  } catch {
    set(null);
  }
}

sessionEnded.addEventListener('ended', () => state.viewer && set(null));

export function useViewer(): { viewer: Viewer | null; known: boolean } {
  return useSyncExternalStore((l) => (listeners.add(l), () => listeners.delete(l)), () => state);
}

export async function signIn(email: string, password: string) {
  await post('/auth/sign-in', { email, password });
  await refreshViewer();
}

export async function signOut(everywhere = false) {
  await post(everywhere ? '/auth/sign-out-everywhere' : '/auth/sign-out', {});
  set(null);
}
