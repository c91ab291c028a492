'use client';

import { useEffect, useRef } from 'react';
import { Button } from '@/components/ui';
import { useToast } from '@/features/toast/toast-provider';
import type { WebhookSecret } from './triggers.operations';

function Copyable({ label, value, testId }: { label: string; value: string; testId: string }) {
  const toast = useToast();
  const copy = () =>
    navigator.clipboard.writeText(value).then(
      () => toast.show(`${label} copied`),
      () => toast.error(`Could not copy the ${label.toLowerCase()}: select it and copy it by hand`),
    );
  return (
    <div className="mb-2">
      <span className="mb-1 block text-xs font-medium">{label}</span>
      <div className="flex gap-2">
        <input readOnly value={value} data-testid={testId} onFocus={(e) => e.target.select()} className="min-w-0 flex-1 rounded-md border border-amber-300 bg-white px-2 py-1 font-mono text-xs dark:bg-slate-900" />
        <Button onClick={() => void copy()}>Copy</Button>
      </div>
    </div>
  );
}

/** The secrets of webhooks just made: shown once, since Weft keeps only a hash of the URL and the signing secret sealed. */
export function WebhookSecrets({ secrets, onDismiss }: { secrets: WebhookSecret[]; onDismiss: () => void }) {
  const box = useRef<HTMLElement>(null);
  // New secrets (a save, a rotation) may appear above a scrolled list: bring them into view.
  useEffect(() => {
    box.current?.scrollIntoView({ block: 'nearest' });
  }, [secrets]);
  return (
    <section ref={box} className="mb-4 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm dark:border-amber-700 dark:bg-amber-950" data-testid="webhook-secrets">
      <p className="mb-2 font-medium">Copy these now: they won&apos;t be shown again.</p>
      {secrets.map((secret) => (
        <div key={secret.triggerId} className="mb-2">
          <p className="mb-1 font-mono text-xs">{secret.triggerId}</p>
          {secret.url && <Copyable label="URL" value={secret.url} testId={`webhook-url-${secret.triggerId}`} />}
          {secret.signingSecret && <Copyable label="Signing secret" value={secret.signingSecret} testId={`webhook-signing-secret-${secret.triggerId}`} />}
        </div>
      ))}
      <Button onClick={onDismiss}>I have copied them</Button>
    </section>
  );
}
