'use client';

import { useEffect, useRef, useState, type ReactNode, type SelectHTMLAttributes } from 'react';
import { Button } from '@/components/ui';

/** Building blocks of the settings pages; Tailwind only, like components/ui.tsx. */

export function SectionTitle({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="mb-4">
      <h1 className="text-xl font-semibold">{title}</h1>
      {children && <p className="mt-1 text-sm text-slate-600">{children}</p>}
    </div>
  );
}

export function Card({ title, children, testId }: { title?: string; children: ReactNode; testId?: string }) {
  return (
    <section className="mb-6 rounded-lg bg-white p-4 shadow" data-testid={testId} aria-label={title}>
      {title && <h2 className="mb-3 text-base font-semibold">{title}</h2>}
      {children}
    </section>
  );
}

/** Why a control is hidden or disabled for the current role. */
export function RoleHint({ children, id }: { children: ReactNode; id?: string }) {
  return (
    <p id={id} className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-800" data-testid="role-hint">
      {children}
    </p>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="rounded-lg border border-dashed border-slate-300 p-6 text-center text-sm text-slate-500">{children}</p>;
}

export function Loading({ label }: { label: string }) {
  return (
    <div role="status" aria-live="polite" className="h-16 animate-pulse rounded-lg bg-slate-200">
      <span className="sr-only">{label}</span>
    </div>
  );
}

export function Notice({ children }: { children: ReactNode }) {
  return (
    <p role="status" className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
      {children}
    </p>
  );
}

export function SelectInput({ label, options, ...props }: SelectHTMLAttributes<HTMLSelectElement> & { label: string; options: readonly { value: string; label: string }[] }) {
  return (
    <label className="block text-sm">
      <span className="mb-1 block font-medium text-slate-700">{label}</span>
      <select className="w-full rounded-md border border-slate-300 bg-white px-3 py-2 focus:border-indigo-500 focus:outline-none" {...props}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}

/** Copies `text`; falls back to selecting it when the clipboard is not available. */
export function CopyButton({ text, label = 'Copy', targetId }: { text: string; label?: string; targetId?: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setState('copied');
    } catch {
      const target = targetId ? document.getElementById(targetId) : null;
      if (target) window.getSelection()?.selectAllChildren(target);
      setState('failed');
    }
  }
  return (
    <Button onClick={() => void copy()} aria-live="polite">
      {state === 'copied' ? 'Copied' : state === 'failed' ? 'Selected: press Ctrl+C' : label}
    </Button>
  );
}

/**
 * A destructive action behind an inline confirmation: the first press asks, naming what
 * goes away; focus moves to the confirming button and comes back on cancel.
 */
export function ConfirmButton({ label, question, confirmLabel, onConfirm, disabled }: { label: string; question: string; confirmLabel: string; onConfirm: () => Promise<unknown>; disabled?: boolean }) {
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const box = useRef<HTMLSpanElement>(null);
  const asked = useRef(false);
  useEffect(() => {
    // First button: the confirming one while asking, the opener once answered.
    if (asking || asked.current) box.current?.querySelector('button')?.focus();
    asked.current = asking;
  }, [asking]);
  if (!asking) {
    return (
      <span ref={box}>
        <Button variant="danger" disabled={disabled} onClick={() => setAsking(true)}>
          {label}
        </Button>
      </span>
    );
  }
  return (
    <span ref={box} role="group" aria-label={question} className="inline-flex flex-wrap items-center gap-2">
      <span className="text-sm text-slate-700">{question}</span>
      <Button
        variant="danger"
        disabled={busy}
        aria-busy={busy}
        onClick={() => {
          setBusy(true);
          void onConfirm().finally(() => {
            setBusy(false);
            setAsking(false);
          });
        }}
      >
        {busy ? 'Working…' : confirmLabel}
      </Button>
      <Button
        disabled={busy}
        onClick={() => setAsking(false)}
      >
        Cancel
      </Button>
    </span>
  );
}
