import Link from 'next/link';
import { SessionCard, type SessionView } from '@/components/auth/session-card';
import { NewChatComposer } from '@/components/chat/new-chat-composer';
import { createClient } from '@/lib/supabase/server';

async function currentSession(): Promise<SessionView | null> {
  const supabase = await createClient();
  const { data } = await supabase.auth.getClaims();
  const claims = data?.claims;
  if (!claims?.sub) return null;
  return { userId: claims.sub, email: (claims.email as string) || null, isAnonymous: claims.is_anonymous === true };
}

export default async function HomePage() {
  const session = await currentSession();
  return (
    <main className="mx-auto flex w-full max-w-2xl flex-col gap-6 px-4 py-12 max-md:pt-20">
      <header>
        <h1 className="text-3xl font-semibold tracking-tight">What are we building today?</h1>
        <p className="mt-2 text-zinc-600 dark:text-zinc-400">
          Describe a hardware idea — “ESP32 weather station” — and OHM&apos;s agents turn it into parts, wiring and
          firmware.
        </p>
      </header>
      <NewChatComposer />
      {session ? (
        <SessionCard session={session} />
      ) : (
        // No account yet: the first send makes this visitor a guest (lib/auth/guest.ts), reading makes no user.
        <p data-testid="no-session" className="text-sm text-zinc-600 dark:text-zinc-400">
          Send a message to start as a guest, or{' '}
          <Link href="/login" className="underline">
            sign in
          </Link>{' '}
          to see your chats.
        </p>
      )}
    </main>
  );
}
