'use client';

// Live artifact heads for one chat: every open tab of the owner joins the private topic chat:<id>:artifacts
// (authorised like the messages' topic) and hears each new version, restore and stale mark. A (re)subscribe asks
// for the heads again, so a tab that was offline catches up; the timeline then asks for the versions after the
// last number it shows (numbers have no gaps). Other components hear it as the `ohm:artifact-changed` event.
import { useEffect, useMemo, useState } from 'react';
import { loadArtifactHeads } from '@/app/(shell)/chat/[id]/actions';
import type { ArtifactHead } from '@/lib/artifacts/panel-types';
import { createClient } from '@/lib/supabase/client';

export const artifactChangedEvent = 'ohm:artifact-changed';

/** The page's heads with what was heard since; a head the page rendered newer than what was heard wins. */
function merge(heads: ArtifactHead[], heard: ArtifactHead[]): ArtifactHead[] {
  const byId = new Map(heads.map((h) => [h.id, h]));
  for (const head of heard) {
    const known = byId.get(head.id);
    if (!known || head.current_version >= known.current_version) byId.set(head.id, head);
  }
  return [...byId.values()];
}

export function useArtifactLive(chatId: string, initial: ArtifactHead[], live: boolean) {
  const [heard, setHeard] = useState<ArtifactHead[]>([]);
  const [gone, setGone] = useState<string[]>([]);
  useEffect(() => {
    if (!live) return;
    const announce = (changed: ArtifactHead[]) => {
      setHeard((current) => merge(current, changed));
      for (const head of changed) window.dispatchEvent(new CustomEvent(artifactChangedEvent, { detail: head }));
    };
    const supabase = createClient();
    const channel = supabase.channel(`chat:${chatId}:artifacts`, { config: { private: true } });
    channel.on('broadcast', { event: 'artifact_changed' }, ({ payload }) => {
      const head = payload as ArtifactHead & { is_visible?: boolean };
      if (head.is_visible === false) {
        setGone((current) => [...current, head.id]);
        return;
      }
      announce([
        {
          id: head.id,
          type: head.type,
          title: head.title,
          current_version: head.current_version,
          stale: head.stale ?? null,
        },
      ]);
    });
    channel.subscribe((status) => {
      if (status !== 'SUBSCRIBED') return;
      void loadArtifactHeads({ chatId }).then(
        (result) => result.ok && announce(result.heads),
        () => {},
      );
    });
    return () => {
      void supabase.removeChannel(channel);
    };
  }, [chatId, live]);
  return useMemo(() => merge(initial, heard).filter((h) => !gone.includes(h.id)), [initial, heard, gone]);
}
