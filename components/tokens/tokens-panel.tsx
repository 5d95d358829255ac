'use client';

// Create a personal access token (name, scope, expiry), copy its secret while it is shown (this once only), and see
// or revoke the tokens made before. The secret lives only in this component's state until the page is left.
import { useState, useTransition } from 'react';
import { createToken, revokeToken } from '@/app/(shell)/settings/tokens/actions';
import { buttonPrimary, buttonSecondary, inputClass } from '@/components/ui/styles';
import { expiryVerb, tokenExpiryDays, tokenState, type TokenScope, type TokenSummary } from '@/lib/tokens/schemas';

const scopeLabel: Record<TokenScope, string> = { read: 'Read', read_write: 'Read and write' };
const day = (iso: string) => new Date(iso).toISOString().slice(0, 10);

export function TokensPanel({ initialTokens }: { initialTokens: TokenSummary[] }) {
  const [tokens, setTokens] = useState(initialTokens);
  const [secret, setSecret] = useState<{ name: string; value: string } | null>(null);
  const [copied, setCopied] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  const create = (form: FormData) =>
    startTransition(async () => {
      setError(null);
      const name = String(form.get('name') ?? '');
      const result = await createToken({
        name,
        scope: String(form.get('scope')) as TokenScope,
        expiresInDays: Number(form.get('expiresInDays')),
      });
      if (!result.ok) return setError(result.error.message);
      setTokens(result.tokens);
      setSecret({ name: name.trim(), value: result.created.secret });
      setCopied(false);
    });

  const revoke = (token: TokenSummary) =>
    startTransition(async () => {
      setError(null);
      const result = await revokeToken({ tokenId: token.id });
      if (!result.ok) return setError(result.error.message);
      setTokens(result.tokens);
    });

  return (
    <div className="flex flex-col gap-6">
      <form action={create} className="flex flex-wrap items-end gap-3" data-testid="token-form">
        <label className="flex min-w-48 flex-1 flex-col gap-1 text-sm">
          <span>Name</span>
          <input name="name" required maxLength={80} placeholder="Claude Desktop" className={inputClass} />
        </label>
        <label className="flex flex-col gap-1 text-sm">
          <span>Access</span>
          <select name="scope" defaultValue="read" className={inputClass}>
            <option value="read">Read only</option>
            <option value="read_write">Read and write</option>
          </select>
        </label>
        <label className="flex flex-col gap-1 text-sm">
          <span>Expires in</span>
          <select name="expiresInDays" defaultValue="30" className={inputClass}>
            {tokenExpiryDays.map((d) => (
              <option key={d} value={d}>
                {d} days
              </option>
            ))}
          </select>
        </label>
        <button type="submit" disabled={pending} className={buttonPrimary}>
          Create token
        </button>
      </form>
      {error ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {error}
        </p>
      ) : null}
      {secret ? (
        <section
          aria-labelledby="token-secret-title"
          className="rounded-lg border border-amber-400 bg-amber-50 p-4 dark:border-amber-600 dark:bg-amber-950"
          data-testid="token-secret-box"
        >
          <h2 id="token-secret-title" className="font-semibold">
            Copy the token for {secret.name} now
          </h2>
          <p className="mt-1 text-sm">It is shown only this once: OHM keeps only a hash of it.</p>
          <div className="mt-3 flex gap-2">
            <input
              readOnly
              aria-label="New token"
              value={secret.value}
              className={`${inputClass} font-mono`}
              data-testid="token-secret"
              onFocus={(event) => event.currentTarget.select()}
            />
            <button
              type="button"
              className={buttonSecondary}
              onClick={async () => {
                await navigator.clipboard.writeText(secret.value).catch(() => {});
                setCopied(true);
              }}
            >
              {copied ? 'Copied' : 'Copy'}
            </button>
          </div>
          <button type="button" className="mt-3 text-sm underline" onClick={() => setSecret(null)}>
            I have copied it
          </button>
        </section>
      ) : null}
      <section aria-labelledby="tokens-title">
        <h2 id="tokens-title" className="text-lg font-semibold">
          Your tokens
        </h2>
        {tokens.length === 0 ? (
          <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">No tokens yet.</p>
        ) : (
          <ul className="mt-2 divide-y divide-zinc-200 dark:divide-zinc-800" data-testid="token-list">
            {tokens.map((token) => {
              const state = tokenState(token);
              return (
                <li key={token.id} className="flex flex-wrap items-center gap-x-4 gap-y-1 py-3" data-testid="token-row">
                  <div className="min-w-0 flex-1">
                    <p className="font-medium">{token.name}</p>
                    <p className="text-xs text-zinc-600 dark:text-zinc-400">
                      <code className="font-mono">{token.prefix}…</code> · {scopeLabel[token.scope]} · created{' '}
                      {day(token.createdAt)} · {expiryVerb(token)} {day(token.expiresAt)} ·{' '}
                      {token.lastUsedAt ? `last used ${day(token.lastUsedAt)}` : 'never used'}
                    </p>
                  </div>
                  <span className="text-sm" data-testid="token-state">
                    {state === 'active' ? 'Active' : state === 'revoked' ? 'Revoked' : 'Expired'}
                  </span>
                  {state === 'active' ? (
                    <button
                      type="button"
                      disabled={pending}
                      className={buttonSecondary}
                      aria-label={`Revoke ${token.name}`}
                      onClick={() => revoke(token)}
                    >
                      Revoke
                    </button>
                  ) : null}
                </li>
              );
            })}
          </ul>
        )}
      </section>
    </div>
  );
}
