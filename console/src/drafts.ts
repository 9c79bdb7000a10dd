// Drafts of observation forms, kept in the browser's storage as they are
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

export function loadDraft(id: string): Draft | null {
  try {
    const raw = localStorage.getItem(prefix + id);
    return raw ? (JSON.parse(raw) as Draft) : null;
  } catch {
    return null;
  }
}

export function saveDraft(id: string, d: Draft) {
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

/** The drafts kept for a round, by their form's ID. */
export function draftIds(roundID: string): string[] {
  const ids: string[] = [];
  try {
    for (let i = 0; i < localStorage.length; i++) {
      const k = localStorage.key(i);
      if (k?.startsWith(prefix + roundID + ':')) ids.push(k.slice(prefix.length));
    }
  } catch {
    /* no storage */
  }
  return ids;
}
