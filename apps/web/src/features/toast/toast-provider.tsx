'use client';

import type { CombinedError } from '@urql/core';
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { errorMessage } from '@/lib/graphql/errors';

export type ToastKind = 'error' | 'info';
type Toast = { id: number; kind: ToastKind; text: string };

export type ToastApi = {
  /** Shows a message for a few seconds (errors stay twice as long). */
  show(text: string, kind?: ToastKind): void;
  /** Shows the API's own message of a failed operation. */
  error(error: CombinedError | Error | string): void;
};

const ToastContext = createContext<ToastApi>({ show: () => undefined, error: () => undefined });

/** Toasts for the whole app: `useToast().error(result.error)` after a failed mutation. */
export const useToast = () => useContext(ToastContext);

/** Toasts each new error of a query a person's click started (a panel opened, a comparison asked for), besides its inline message. */
export function useErrorToast(error: CombinedError | undefined): void {
  const toast = useToast();
  useEffect(() => {
    if (error) toast.error(error);
  }, [error, toast]);
}

const LIFETIME_MS = 5_000;

export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const nextId = useRef(1);
  const dismiss = useCallback((id: number) => setToasts((current) => current.filter((t) => t.id !== id)), []);
  const show = useCallback(
    (text: string, kind: ToastKind = 'info') => {
      const id = nextId.current++;
      setToasts((current) => [...current.slice(-3), { id, kind, text }]);
      setTimeout(() => dismiss(id), kind === 'error' ? LIFETIME_MS * 2 : LIFETIME_MS);
    },
    [dismiss],
  );
  const api = useMemo<ToastApi>(() => ({ show, error: (error) => show(typeof error === 'string' ? error : errorMessage(error), 'error') }), [show]);

  return (
    <ToastContext.Provider value={api}>
      {children}
      <div aria-live="polite" className="pointer-events-none fixed right-4 bottom-4 z-50 flex w-96 max-w-[calc(100vw-2rem)] flex-col gap-2">
        {toasts.map((toast) => (
          <div
            key={toast.id}
            role={toast.kind === 'error' ? 'alert' : 'status'}
            data-testid={`toast-${toast.kind}`}
            className={`pointer-events-auto flex items-start gap-3 rounded-md px-4 py-2 text-sm shadow-lg ${toast.kind === 'error' ? 'bg-red-600 text-white' : 'bg-slate-800 text-white dark:bg-slate-200 dark:text-slate-900'}`}
          >
            <span className="flex-1 break-words">{toast.text}</span>
            <button type="button" aria-label="Dismiss" className="opacity-80 hover:opacity-100" onClick={() => dismiss(toast.id)}>
              ✕
            </button>
          </div>
        ))}
      </div>
    </ToastContext.Provider>
  );
}
