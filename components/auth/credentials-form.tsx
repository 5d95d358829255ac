'use client';

import { useActionState } from 'react';
import { signIn, signUp, type CredentialsState } from '@/app/login/actions';
import { buttonPrimary, inputClass } from '@/components/ui/styles';

export function CredentialsForm({ mode, next }: { mode: 'sign-in' | 'sign-up'; next?: string }) {
  const [state, action, pending] = useActionState<CredentialsState, FormData>(
    mode === 'sign-in' ? signIn : signUp,
    null,
  );
  const id = (name: string) => `${mode}-${name}`;
  return (
    <form
      action={action}
      className="flex flex-col gap-3"
      aria-describedby={state && !state.ok ? id('error') : undefined}
      data-testid={`${mode}-form`}
    >
      {next ? <input type="hidden" name="next" value={next} /> : null}
      <div className="flex flex-col gap-1">
        <label htmlFor={id('email')} className="text-sm font-medium">
          Email
        </label>
        <input
          key={state?.email ?? ''}
          id={id('email')}
          name="email"
          type="email"
          autoComplete="email"
          required
          defaultValue={state?.email}
          className={inputClass}
        />
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor={id('password')} className="text-sm font-medium">
          Password
        </label>
        <input
          id={id('password')}
          name="password"
          type="password"
          autoComplete={mode === 'sign-in' ? 'current-password' : 'new-password'}
          required
          minLength={8}
          maxLength={72}
          className={inputClass}
        />
      </div>
      {state && !state.ok ? (
        <p id={id('error')} role="alert" className="text-sm text-red-700 dark:text-red-400">
          {state.error.message}
        </p>
      ) : null}
      <button type="submit" className={buttonPrimary} disabled={pending}>
        {mode === 'sign-in' ? 'Sign in' : 'Create account'}
      </button>
    </form>
  );
}
