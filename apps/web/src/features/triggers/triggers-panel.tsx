'use client';

import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { Button, ErrorText } from '@/components/ui';
import { useErrorToast, useToast } from '@/features/toast/toast-provider';
import { errorMessage } from '@/lib/graphql/errors';
import { browserTimeZone, INPUT } from './form-controls';
import { TriggerEditor } from './trigger-editor';
import { asApiTriggers, formToTrigger, newTriggerForm, parseTriggerField, rotationWarning, TRIGGER_KINDS, triggerSummary, triggerToForm, type ApiTrigger, type TriggerForm, type TriggerKind } from './trigger-form';
import { WebhookSecrets } from './webhook-secrets';
import { ROTATE_WEBHOOK_SECRET, SET_TRIGGER_PAUSED, SET_TRIGGERS, WORKFLOW_TRIGGERS, type WebhookSecret } from './triggers.operations';

/** Which trigger is open: its place in the list (`undefined` for a new one) and its form. */
type Editing = { index: number | undefined; form: TriggerForm };

/** The workflow's triggers: list, add, edit, remove, pause and resume; new webhook secrets shown once. */
export function TriggersPanel({ workflowId, onClose }: { workflowId: string; onClose: () => void }) {
  const toast = useToast();
  const [{ data, error, fetching }] = useQuery({ query: WORKFLOW_TRIGGERS, variables: { id: workflowId }, requestPolicy: 'network-only' });
  useErrorToast(error);
  const [saved, setSaved] = useState<ApiTrigger[]>();
  const triggers = saved ?? asApiTriggers(data?.workflow?.triggers);
  const [editing, setEditing] = useState<Editing>();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [secrets, setSecrets] = useState<WebhookSecret[]>([]);
  const [kind, setKind] = useState<TriggerKind>('schedule');
  const [setting, setTriggers] = useMutation(SET_TRIGGERS);
  const [pausing, setPaused] = useMutation(SET_TRIGGER_PAUSED);
  const [rotating, rotateSecret] = useMutation(ROTATE_WEBHOOK_SECRET);
  /** The webhook whose rotation is being confirmed. */
  const [confirmingRotation, setConfirmingRotation] = useState<string>();

  const open = (next: Editing | undefined) => {
    setEditing(next);
    setErrors({});
  };

  /** Sends the whole list; an error naming the trigger being edited lands next to its field, any error also in a toast. */
  async function replace(list: ApiTrigger[], editedIndex: number | undefined): Promise<boolean> {
    const result = await setTriggers({ workflowId, triggers: list });
    if (result.error) {
      const field = result.error.graphQLErrors[0]?.extensions?.field as string | undefined;
      const where = parseTriggerField(field);
      if (where && where.index === editedIndex) setErrors({ [where.field ?? '']: errorMessage(result.error) });
      toast.error(result.error);
      return false;
    }
    setSaved(asApiTriggers(result.data!.setWorkflowTriggers.triggers));
    const fresh = result.data!.setWorkflowTriggers.newWebhookSecrets ?? [];
    if (fresh.length) setSecrets(fresh);
    return true;
  }

  async function save() {
    if (!editing) return;
    const built = formToTrigger(editing.form);
    if ('error' in built) return setErrors({ [built.error.field]: built.error.message });
    const index = editing.index ?? triggers.length;
    const list = editing.index === undefined ? [...triggers, built.trigger] : triggers.map((t, i) => (i === editing.index ? built.trigger : t));
    if (await replace(list, index)) {
      open(undefined);
      toast.show(`Trigger ${built.trigger.id} saved`);
    }
  }

  async function remove(index: number) {
    const id = triggers[index]?.id;
    if (await replace(triggers.filter((_, i) => i !== index), undefined)) toast.show(`Trigger ${id} removed`);
  }

  async function togglePaused(trigger: ApiTrigger) {
    const result = await setPaused({ workflowId, triggerId: trigger.id, paused: trigger.paused !== true });
    if (result.error) return toast.error(result.error);
    setSaved(asApiTriggers(result.data!.setTriggerPaused.triggers));
  }

  /** New URL (and signing secret) for a saved webhook, shown once; the old ones are dead from here on. */
  async function rotate(trigger: ApiTrigger) {
    const result = await rotateSecret({ workflowId, triggerId: trigger.id });
    if (result.error) return toast.error(result.error);
    setConfirmingRotation(undefined);
    setSecrets([result.data!.rotateWebhookSecret]);
    toast.show(`New secret for ${trigger.id}: copy it now`);
  }

  const workflow = data?.workflow;
  return (
    <>
      <div className="mb-3 flex items-center justify-between">
        <h2 className="text-base font-semibold">Triggers</h2>
        <Button onClick={onClose}>Close</Button>
      </div>
      {error && <ErrorText>{errorMessage(error)}</ErrorText>}
      {fetching && !data && <p className="text-slate-500">Loading…</p>}
      {workflow && !workflow.latestVersion && <p className="mb-3 rounded-md bg-amber-50 px-3 py-2 text-amber-900 dark:bg-amber-950 dark:text-amber-200">Publish the workflow first: triggers start its latest published version.</p>}
      {secrets.length > 0 && <WebhookSecrets secrets={secrets} onDismiss={() => setSecrets([])} />}
      {workflow && (
        <ul className="mb-3 divide-y divide-slate-200 rounded-md border border-slate-200 dark:divide-slate-700 dark:border-slate-700" data-testid="trigger-list">
          {triggers.length === 0 && <li className="px-3 py-2 text-slate-500">No triggers: the workflow runs only when started.</li>}
          {triggers.map((trigger, index) => (
            <li key={trigger.id} className="px-3 py-2" data-testid={`trigger-${trigger.id}`}>
              <div className="flex items-center gap-2">
                <span className="rounded bg-slate-100 px-1.5 text-xs dark:bg-slate-800">{TRIGGER_KINDS[trigger.kind as TriggerKind] ?? trigger.kind}</span>
                <span className="font-mono text-xs">{trigger.id}</span>
                <span className="ml-auto flex gap-1">
                  {trigger.kind === 'schedule' && (
                    <Button onClick={() => void togglePaused(trigger)} disabled={pausing.fetching}>
                      {trigger.paused === true ? 'Resume' : 'Pause'}
                    </Button>
                  )}
                  {trigger.kind === 'webhook' && (
                    <Button className="whitespace-nowrap" onClick={() => setConfirmingRotation(trigger.id)} disabled={confirmingRotation === trigger.id} aria-expanded={confirmingRotation === trigger.id}>
                      Rotate secret
                    </Button>
                  )}
                  <Button
                    onClick={() => {
                      const form = triggerToForm(trigger, browserTimeZone());
                      if (form) open({ index, form });
                    }}
                  >
                    Edit
                  </Button>
                  <Button variant="danger" onClick={() => void remove(index)} disabled={setting.fetching}>
                    Remove
                  </Button>
                </span>
              </div>
              <p className="mt-1 text-xs text-slate-600 dark:text-slate-400">{triggerSummary(trigger)}</p>
              {confirmingRotation === trigger.id && (
                <div role="group" aria-label={`Rotate the secret of ${trigger.id}`} className="mt-2 rounded-md border border-amber-300 bg-amber-50 p-2 text-xs text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100" data-testid={`rotate-confirm-${trigger.id}`}>
                  <p className="mb-2">
                    Rotate the secret of <span className="font-mono">{trigger.id}</span>? {rotationWarning(trigger)}
                  </p>
                  <div className="flex gap-2">
                    <Button variant="danger" autoFocus disabled={rotating.fetching} onClick={() => void rotate(trigger)}>
                      {rotating.fetching ? 'Rotating…' : 'Rotate now'}
                    </Button>
                    <Button disabled={rotating.fetching} onClick={() => setConfirmingRotation(undefined)}>
                      Cancel
                    </Button>
                  </div>
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
      {editing ? (
        <TriggerEditor form={editing.form} errors={errors} busy={setting.fetching} onChange={(form) => setEditing({ ...editing, form })} onSave={() => void save()} onCancel={() => open(undefined)} />
      ) : (
        workflow && (
          <div className="flex gap-2">
            <select className={`${INPUT} w-auto`} value={kind} onChange={(e) => setKind(e.target.value as TriggerKind)} aria-label="Kind of trigger">
              {(Object.keys(TRIGGER_KINDS) as TriggerKind[]).map((k) => (
                <option key={k} value={k}>
                  {TRIGGER_KINDS[k]}
                </option>
              ))}
            </select>
            <Button variant="primary" onClick={() => open({ index: undefined, form: newTriggerForm(kind, triggers.map((t) => t.id), browserTimeZone()) })}>
              Add trigger
            </Button>
          </div>
        )
      )}
    </>
  );
}
