// The app shell's sidebar, rendered on the server with the first page of the user's chats and who is signed in;
// the rest (more pages, menus, the phone drawer) is AppSidebar's.
import { listChats } from '@/lib/chats/data';
import { createClient } from '@/lib/supabase/server';
import { AppSidebar } from './app-sidebar';

// Mounted once by app/(shell)/layout.tsx; the list reads the current chat from the URL.
export async function Sidebar() {
  const supabase = await createClient();
  const [{ data }, list] = await Promise.all([
    supabase.auth.getClaims(),
    // The shell must still open when the list cannot load (the page itself may work): the list offers a retry.
    listChats().then(
      (page) => ({ page, failed: false }),
      () => ({ page: { chats: [], next: null }, failed: true }),
    ),
  ]);
  const claims = data?.claims;
  const account = claims?.sub
    ? { id: claims.sub, email: (claims.email as string) || null, isAnonymous: claims.is_anonymous === true }
    : null;
  return <AppSidebar initialPage={list.page} listFailed={list.failed} account={account} />;
}
