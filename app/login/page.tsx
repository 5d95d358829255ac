import type { Metadata } from 'next';
import Link from 'next/link';
import { CredentialsForm } from '@/components/auth/credentials-form';
import { safeNextPath } from '@/lib/auth/redirect';
import { createClient } from '@/lib/supabase/server';

export const metadata: Metadata = { title: 'Sign in' };

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ next?: string; mode?: string }> }) {
  const params = await searchParams;
  const next = safeNextPath(params.next);
  const supabase = await createClient();
  const { data } = await supabase.auth.getClaims();
  const isGuest = data?.claims?.is_anonymous === true;
  return (
    <main className="mx-auto flex max-w-3xl flex-col gap-8 px-4 py-12">
      <header>
        <h1 className="text-3xl font-semibold tracking-tight">{isGuest ? 'Keep your chats' : 'Sign in to OHM'}</h1>
        <p className="mt-2 text-zinc-600 dark:text-zinc-400">
          {isGuest
            ? 'Add an email and password to your guest account: every chat you started stays yours.'
            : 'Use your email and password, or create an account.'}
        </p>
      </header>
      <div className="grid gap-8 md:grid-cols-2">
        <section
          aria-labelledby="sign-up-heading"
          className="rounded-xl border border-zinc-200 p-5 dark:border-zinc-800"
        >
          <h2 id="sign-up-heading" className="mb-4 text-lg font-semibold">
            {isGuest ? 'Save this account' : 'Create an account'}
          </h2>
          <CredentialsForm mode="sign-up" next={next} />
        </section>
        <section
          aria-labelledby="sign-in-heading"
          className="rounded-xl border border-zinc-200 p-5 dark:border-zinc-800"
        >
          <h2 id="sign-in-heading" className="mb-4 text-lg font-semibold">
            Sign in
          </h2>
          <CredentialsForm mode="sign-in" next={next} />
        </section>
      </div>
      <p className="text-sm">
        <Link href="/" prefetch={false} className="underline underline-offset-2">
          Continue as a guest
        </Link>
      </p>
    </main>
  );
}
