// Who is signed in: an anonymous visitor (with an invitation to keep their chats by adding an email) or an account.
import Link from 'next/link';
import { signOut } from '@/app/(shell)/actions';
import { buttonPrimary, buttonSecondary } from '@/components/ui/styles';

export type SessionView = { userId: string; email: string | null; isAnonymous: boolean };

export function SessionCard({ session }: { session: SessionView }) {
  return (
    <section
      aria-labelledby="session-heading"
      data-testid="session-card"
      className="rounded-xl border border-zinc-200 p-5 dark:border-zinc-800"
    >
      <h2 id="session-heading" className="text-sm font-semibold text-zinc-500 dark:text-zinc-400">
        Your session
      </h2>
      <p className="mt-2 text-base" data-testid="session-kind">
        {session.isAnonymous ? (
          'You are using OHM as a guest.'
        ) : (
          <>
            Signed in as <strong data-testid="session-email">{session.email}</strong>.
          </>
        )}
      </p>
      <p className="mt-1 font-mono text-xs text-zinc-500 dark:text-zinc-400">
        user id <span data-testid="session-user-id">{session.userId}</span>
      </p>
      <div className="mt-4 flex flex-wrap gap-2">
        {session.isAnonymous ? (
          <Link href="/login?mode=upgrade" className={buttonPrimary}>
            Save your chats: add email and password
          </Link>
        ) : null}
        <form action={signOut}>
          <button type="submit" className={buttonSecondary}>
            Sign out
          </button>
        </form>
      </div>
    </section>
  );
}
