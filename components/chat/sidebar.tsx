// The app shell's sidebar, rendered on the server with the first page of the user's chats and who is signed in;
// the rest (more pages, menus, the phone drawer) is AppSidebar's.
import { listChats } from '@/lib/chats/data';
import { createClient } from '@/lib/supabase/server';
import { AppSidebar } from './app-sidebar';

const noChats = { chats: [], next: null };

// Mounted once by app/(shell)/layout.tsx; the list reads the current chat from the URL.
export async function Sidebar() {
  const supabase = await createClient();
  const { data } = await supabase.auth.getClaims();
  const claims = data?.claims;
  // A visitor without a session (guests are made at the first send) has no chats: nothing to ask the database.
  const list = claims?.sub
    ? // The shell must still open when the list cannot load (the page itself may work): the list offers a retry.
      await listChats().then(
        (page) => ({ page, failed: false }),
        () => ({ page: noChats, failed: true }),
      )
    : { page: noChats, failed: false };
  const account = claims?.sub
    ? { id: claims.sub, email: (claims.email as string) || null, isAnonymous: claims.is_anonymous === true }
    : null;
  return <AppSidebar initialPage={list.page} listFailed={list.failed} account={account} />;
}
