'use client';

import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { Button, ErrorText, TextInput } from '@/components/ui';
import { useToast } from '@/features/toast/toast-provider';
import { errorMessage } from '@/lib/graphql/errors';
import { API_KEYS, CREATE_API_KEY, REVOKE_API_KEY, type ApiKeyRole } from './settings.operations';
import { can, whyNot } from './settings-permissions';
import { Card, ConfirmButton, CopyButton, Empty, Loading, RoleHint, SectionTitle, SelectInput } from './settings-ui';
import { useMe } from './use-me';

const ROLES: { value: ApiKeyRole; label: string }[] = [
  { value: 'member', label: 'member (read and run)' },
  { value: 'admin', label: 'admin (also edit and publish)' },
];

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : 'never');

/** Keys for machines: created with a name and role, the secret shown once; revoked with a confirmation. */
export function ApiKeysSection() {
  const { me } = useMe();
  const allowed = can(me?.role, 'apiKeys.manage');
  const [{ data, error, fetching }, reload] = useQuery({ query: API_KEYS, pause: !allowed });
  const [creating, create] = useMutation(CREATE_API_KEY);
  const [revoking, revoke] = useMutation(REVOKE_API_KEY);
  const [secret, setSecret] = useState<{ name: string; value: string }>();
  const toast = useToast();
  const secretBox = useRef<HTMLDivElement>(null);
  const refresh = () => reload({ requestPolicy: 'network-only' });

  useEffect(() => {
    if (secret) secretBox.current?.focus();
  }, [secret]);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const values = new FormData(form);
    const text = (key: string) => {
      const entry = values.get(key);
      return typeof entry === 'string' ? entry : '';
    };
    const name = text('name').trim();
    const result = await create({ input: { name, role: text('role') as ApiKeyRole } });
    if (result.data) {
      setSecret({ name, value: result.data.createApiKey.secret });
      form.reset();
      refresh();
    } else if (result.error) toast.error(result.error);
  }

  const hintId = 'api-keys-role-hint';
  return (
    <>
      <SectionTitle title="API keys">Machines call the API with a key: send it as <code>Authorization: Bearer weft_…</code>. A key acts in this workspace only.</SectionTitle>
      <Card title="Create an API key">
        {!allowed && me && <RoleHint id={hintId}>{whyNot(me.role, 'apiKeys.manage')} Ask an admin or owner for a key.</RoleHint>}
        <form onSubmit={(e) => void submit(e)} className="mt-2 grid grid-cols-[1fr_16rem_auto] items-end gap-2" aria-describedby={allowed ? undefined : hintId}>
          <TextInput label="Key name" name="name" required maxLength={100} disabled={!allowed} />
          <SelectInput label="Key role" name="role" defaultValue="member" options={ROLES} disabled={!allowed} />
          <Button type="submit" variant="primary" disabled={!allowed || creating.fetching} aria-busy={creating.fetching}>
            {creating.fetching ? 'Creating…' : 'Create key'}
          </Button>
        </form>
        {creating.error && <ErrorText>{errorMessage(creating.error)}</ErrorText>}
        {secret && (
          <div ref={secretBox} tabIndex={-1} className="mt-3 space-y-2 rounded-md bg-amber-50 p-3 outline-none ring-amber-300 focus:ring-2" data-testid="new-api-key">
            <p className="text-sm font-medium text-amber-900">Copy the secret of “{secret.name}” now: it is shown only this once.</p>
            <div className="flex items-center gap-2">
              <code id="api-key-secret" className="flex-1 break-all rounded bg-white px-2 py-1 font-mono text-xs" data-testid="api-key-secret">
                {secret.value}
              </code>
              <CopyButton text={secret.value} targetId="api-key-secret" />
              <Button onClick={() => setSecret(undefined)}>Done</Button>
            </div>
          </div>
        )}
      </Card>
      <Card title="Keys">
        {!allowed ? (
          <Empty>Only admins and owners can see this workspace&apos;s keys.</Empty>
        ) : error ? (
          <ErrorText>{errorMessage(error)}</ErrorText>
        ) : fetching && !data ? (
          <Loading label="Loading API keys" />
        ) : !data || data.apiKeys.length === 0 ? (
          <Empty>No API keys yet.</Empty>
        ) : (
          <table className="w-full text-sm" data-testid="api-key-list">
            <thead className="text-left text-slate-500">
              <tr>
                <th className="py-1 font-medium">Name</th>
                <th className="py-1 font-medium">Starts with</th>
                <th className="py-1 font-medium">Role</th>
                <th className="py-1 font-medium">Created</th>
                <th className="py-1 font-medium">Last used</th>
                <th className="py-1" />
              </tr>
            </thead>
            <tbody>
              {data.apiKeys.map((key) => (
                <tr key={key.id} className="border-t border-slate-100" data-testid={`api-key-${key.name ?? key.id}`}>
                  <td className="py-2 font-medium">{key.name ?? '—'}</td>
                  <td className="py-2 font-mono text-xs">{key.start ? `${key.start}…` : '—'}</td>
                  <td className="py-2">{key.role}</td>
                  <td className="py-2">{when(key.createdAt)}</td>
                  <td className="py-2">{when(key.lastUsedAt)}</td>
                  <td className="py-2 text-right">
                    <ConfirmButton
                      label="Revoke"
                      question={`Revoke “${key.name ?? key.id}”? Requests with it stop working.`}
                      confirmLabel="Revoke key"
                      onConfirm={async () => {
                        const result = await revoke({ id: key.id });
                        if (result.error) toast.error(result.error);
                        else refresh();
                      }}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {revoking.error && <ErrorText>{errorMessage(revoking.error)}</ErrorText>}
      </Card>
    </>
  );
}
