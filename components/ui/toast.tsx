'use client';

// Toasts: short notices at the bottom of the screen, read out by screen readers (a polite live region), with an
// optional action such as Undo. A toast stays while the pointer or focus is on it, so nobody loses the Undo.
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react';

export type ToastEnd = 'timeout' | 'action' | 'dismiss';
export type ToastOptions = {
  message: string;
  tone?: 'info' | 'error';
  action?: { label: string; onAction: () => void };
  /** Milliseconds before the toast closes by itself. */
  duration?: number;
  /** Called once, however the toast ends. */
  onEnd?: (how: ToastEnd) => void;
};
type Toast = ToastOptions & { id: number };

const ToastContext = createContext<{ show: (toast: ToastOptions) => void } | null>(null);

export function useToast() {
  const context = useContext(ToastContext);
  if (!context) throw new Error('useToast must be used inside <ToastProvider>');
  return context;
}

export function ToastProvider({ children }: { children: React.ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const nextId = useRef(1);
  const end = useCallback((toast: Toast, how: ToastEnd) => {
    setToasts((list) => list.filter((t) => t.id !== toast.id));
    toast.onEnd?.(how);
  }, []);
  const show = useCallback((toast: ToastOptions) => {
    setToasts((list) => [...list.slice(-2), { ...toast, id: nextId.current++ }]);
  }, []);
  const value = useMemo(() => ({ show }), [show]);
  return (
    <ToastContext.Provider value={value}>
      {children}
      <section
        aria-label="Notifications"
        className="pointer-events-none fixed inset-x-0 bottom-4 z-[60] flex justify-center px-4"
      >
        <div role="status" aria-live="polite" className="flex w-full max-w-md flex-col gap-2" data-testid="toasts">
          {toasts.map((toast) => (
            <ToastItem key={toast.id} toast={toast} onEnd={(how) => end(toast, how)} />
          ))}
        </div>
      </section>
    </ToastContext.Provider>
  );
}

function ToastItem({ toast, onEnd }: { toast: Toast; onEnd: (how: ToastEnd) => void }) {
  const [held, setHeld] = useState(false);
  const ended = useRef(false);
  const finish = useCallback(
    (how: ToastEnd) => {
      if (ended.current) return;
      ended.current = true;
      onEnd(how);
    },
    [onEnd],
  );
  useEffect(() => {
    if (held) return;
    const timer = window.setTimeout(() => finish('timeout'), toast.duration ?? 6000);
    return () => window.clearTimeout(timer);
  }, [held, toast.duration, finish]);
  const error = toast.tone === 'error';
  return (
    <div
      data-testid="toast"
      data-tone={toast.tone ?? 'info'}
      onPointerEnter={() => setHeld(true)}
      onPointerLeave={() => setHeld(false)}
      onFocus={() => setHeld(true)}
      onBlur={(event) => !event.currentTarget.contains(event.relatedTarget) && setHeld(false)}
      className={`pointer-events-auto flex items-center gap-3 rounded-lg px-4 py-3 text-sm shadow-lg ring-1 ${
        error
          ? 'bg-red-50 text-red-900 ring-red-200 dark:bg-red-950 dark:text-red-100 dark:ring-red-800'
          : 'bg-zinc-900 text-white ring-zinc-700 dark:bg-zinc-100 dark:text-zinc-900 dark:ring-zinc-300'
      }`}
    >
      <p className="flex-1">{toast.message}</p>
      {toast.action ? (
        <button
          type="button"
          onClick={() => {
            toast.action!.onAction();
            finish('action');
          }}
          className={`rounded-md px-2 py-1 font-semibold underline-offset-2 hover:underline ${error ? 'text-red-900 dark:text-red-100' : 'text-sky-300 dark:text-sky-800'}`}
        >
          {toast.action.label}
        </button>
      ) : null}
      <button
        type="button"
        aria-label="Dismiss"
        onClick={() => finish('dismiss')}
        className="rounded-md px-1.5 py-0.5 opacity-80 hover:opacity-100"
      >
        <span aria-hidden="true">✕</span>
      </button>
    </div>
  );
}
