// Drafts of forms (observations, progress reports), kept in the browser's storage as they are
// typed, so that nothing is lost on a reload, a refused submit or a lost
// connection. A draft goes once the server has what it held.
export interface Draft {
  kind: string;
  body: string;
  proposedText: string;
  /** The idempotency key chosen when the form opened: a retry never creates a second observation. */
  key: string;
}

const prefix = 'palabre.draft.';

export function loadDraft<T = Draft>(id: string): T | null {
  try {
    const raw = localStorage.getItem(prefix + id);
    return raw ? (JSON.parse(raw) as T) : null;
  } catch {
    return null;
  }
}

export function saveDraft<T = Draft>(id: string, d: T) {
  try {
    localStorage.setItem(prefix + id, JSON.stringify(d));
  } catch {
    /* storage full or refused: the form still holds the text */
  }
}

export function dropDraft(id: string) {
  try {
    localStorage.removeItem(prefix + id);
  } catch {
    /* nothing to drop */
  }
}
