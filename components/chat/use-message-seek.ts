'use client';

// A link to one message (#m-<n>, as search results link): load older pages until it is there, then show it; a
// message on another branch first makes that branch the active one (once per link), and a number the chat does
// not have is given up on.
import { useCallback, useEffect, useRef, type RefObject } from 'react';
import { hasOlder } from '@/lib/messages/branch-view';
import { switchBranchTo } from '@/lib/messages/browser';
import type { ChatBranch } from './use-chat-branch';

/** Pages fetched while looking for a linked message above the loaded ones: the largest get_chat_page allows. */
const searchPageSize = 200;

export function useMessageSeek({
  chatId,
  branch: { messages, latest, reloadBranch },
  seekTargetRef,
  loadOlder,
  followEnd,
}: {
  chatId: string;
  branch: ChatBranch;
  seekTargetRef: RefObject<number | null>;
  loadOlder: (limit?: number) => Promise<void>;
  followEnd: (follow: boolean) => void;
}) {
  /** The linked message already made us show its branch: never switch twice for one link. */
  const branchSwitchedFor = useRef<number | null>(null);

  const seek = useCallback(() => {
    const wanted = seekTargetRef.current;
    if (wanted === null) return;
    const el = document.getElementById(`m-${wanted}`);
    if (el) {
      seekTargetRef.current = null;
      followEnd(false);
      el.scrollIntoView({ block: 'center' });
      el.focus({ preventScroll: true });
      return;
    }
    const list = latest.current;
    if (list[0] && hasOlder(list) && list[0].sequence_number > wanted) {
      void loadOlder(searchPageSize);
      return;
    }
    if (branchSwitchedFor.current === wanted) {
      seekTargetRef.current = null;
      return;
    }
    branchSwitchedFor.current = wanted;
    void (async () => {
      const switched = await switchBranchTo({ chatId, sequence: wanted }).catch(() => false);
      if (!switched) seekTargetRef.current = null;
      else await reloadBranch();
    })();
  }, [chatId, latest, seekTargetRef, loadOlder, reloadBranch, followEnd]);

  useEffect(() => {
    const read = () => {
      const match = /^#m-(\d+)$/.exec(window.location.hash);
      seekTargetRef.current = match ? Number(match[1]) : null;
      seek();
    };
    read();
    window.addEventListener('hashchange', read);
    return () => window.removeEventListener('hashchange', read);
  }, [seek, seekTargetRef]);

  useEffect(() => {
    seek();
  }, [messages, seek]);
}
