'use client';

// The maker's unsaved edit of one artifact, kept in this tab's storage (sessionStorage) as they type, so a
// reload, a failed save or a conflict never loses it. Per tab, not per browser: two tabs editing the same
// artifact are two writers, and the second to save gets the conflict screen with its own edit, not a mix. It remembers the version it started from: that is what the
// save sends as expected_version. Read through useSyncExternalStore: the server renders "no draft yet" and the
// browser fills it in without a hydration mismatch.
import { useCallback, useMemo, useState, useSyncExternalStore } from 'react';
import type { ArtifactEdit } from '@/lib/artifacts/edits';

export type ArtifactDraft = { baseVersion: number; summary: string; edit: ArtifactEdit };

const keyOf = (artifactId: string) => `ohm:artifact-draft:${artifactId}`;
const changedEvent = 'ohm:artifact-draft';

function subscribe(notify: () => void) {
  window.addEventListener(changedEvent, notify);
  return () => window.removeEventListener(changedEvent, notify);
}

function parse(raw: string | null): ArtifactDraft | null {
  try {
    const draft = raw ? (JSON.parse(raw) as ArtifactDraft) : null;
    return draft && typeof draft.baseVersion === 'number' && draft.edit ? draft : null;
  } catch {
    return null; // a corrupt entry: start from the version instead
  }
}

function write(artifactId: string, draft: ArtifactDraft | null) {
  try {
    if (draft) window.sessionStorage.setItem(keyOf(artifactId), JSON.stringify(draft));
    else window.sessionStorage.removeItem(keyOf(artifactId));
  } catch {
    // storage off or full: the edit still lives in this tab's state
  }
  window.dispatchEvent(new Event(changedEvent));
}

export function useArtifactDraft(artifactId: string, fresh: () => ArtifactDraft) {
  const raw = useSyncExternalStore(
    subscribe,
    () => {
      try {
        return window.sessionStorage.getItem(keyOf(artifactId));
      } catch {
        return null;
      }
    },
    () => undefined, // on the server: not known yet
  );
  const [inTab, setInTab] = useState<ArtifactDraft | null>(null);
  const stored = useMemo(() => (raw === undefined ? undefined : parse(raw)), [raw]);
  const draft = raw === undefined ? null : (inTab ?? stored ?? null);
  const setDraft = useCallback(
    (next: ArtifactDraft) => {
      setInTab(next);
      write(artifactId, next);
    },
    [artifactId],
  );
  const clearDraft = useCallback(() => {
    setInTab(null);
    write(artifactId, null);
  }, [artifactId]);
  return { draft: raw === undefined ? null : (draft ?? fresh()), setDraft, clearDraft, restored: !inTab && !!stored };
}
