'use client';

import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { Button, ErrorText } from '@/components/ui';
import { useToast } from '@/features/toast/toast-provider';
import { errorMessage } from '@/lib/graphql/errors';
import { isCredentialType } from './credential-fields';
import { CredentialForm } from './credential-form';
import { CREATE_CREDENTIAL, CREDENTIALS, DELETE_CREDENTIAL, REPLACE_CREDENTIAL_VALUES } from './settings.operations';
import { can, whyNot } from './settings-permissions';
import { Card, ConfirmButton, Empty, Loading, Notice, RoleHint, SectionTitle } from './settings-ui';
import { useMe } from './use-me';

/** The workspace's credentials: names, types and field names only; values go in and never come back. */
export function CredentialsSection() {
  const { me } = useMe();
  const manage = can(me?.role, 'credentials.manage');
  const [{ data, error, fetching }, reload] = useQuery({ query: CREDENTIALS, pause: !me?.workspaceId });
  const [, create] = useMutation(CREATE_CREDENTIAL);
  const [, replace] = useMutation(REPLACE_CREDENTIAL_VALUES);
  const [removing, remove] = useMutation(DELETE_CREDENTIAL);
  const [replacingId, setReplacingId] = useState<string>();
  const [notice, setNotice] = useState<string>();
  const toast = useToast();
  const refresh = () => reload({ requestPolicy: 'network-only' });

  return (
    <>
      <SectionTitle title="Credentials">Tokens and passwords nodes use. Values are encrypted at once and never shown again, to anyone.</SectionTitle>
      {notice && <Notice>{notice}</Notice>}
      <Card title="Credentials">
        {error ? (
          <ErrorText>{errorMessage(error)}</ErrorText>
        ) : fetching && !data ? (
          <Loading label="Loading credentials" />
        ) : !data || data.credentials.length === 0 ? (
          <Empty>No credentials yet.</Empty>
        ) : (
          <ul className="divide-y divide-slate-100" data-testid="credential-list">
            {data.credentials.map((c) => (
              <li key={c.id} className="py-3 text-sm" data-testid={`credential-${c.name}`}>
                <div className="flex flex-wrap items-center gap-2">
                  <span className="flex-1">
                    <span className="font-medium">{c.name}</span> <span className="rounded-full bg-slate-100 px-2 py-0.5 text-xs">{c.type}</span>
                    <span className="block text-xs text-slate-500">
                      fields: {c.fields.join(', ')} · updated {new Date(c.updatedAt).toLocaleString()} · id <span className="font-mono">{c.id}</span>
                    </span>
                  </span>
                  {manage && (
                    <>
                      <Button onClick={() => setReplacingId(replacingId === c.id ? undefined : c.id)} aria-expanded={replacingId === c.id}>
                        Replace values
                      </Button>
                      <ConfirmButton
                        label="Delete"
                        question={`Delete “${c.name}”? Nodes that name it fail from their next attempt.`}
                        confirmLabel="Delete credential"
                        onConfirm={async () => {
                          const result = await remove({ id: c.id });
                          if (result.error) toast.error(result.error);
                          else {
                            setNotice(`Deleted ${c.name}.`);
                            refresh();
                          }
                        }}
                      />
                    </>
                  )}
                </div>
                {replacingId === c.id && isCredentialType(c.type) && (
                  <div className="mt-3 rounded-md border border-slate-200 p-3">
                    <CredentialForm
                      replacing={{ name: c.name, type: c.type }}
                      onCancel={() => setReplacingId(undefined)}
                      onSubmit={async ({ values }) => {
                        const result = await replace({ input: { id: c.id, values } });
                        if (result.error) toast.error(result.error);
                        else {
                          setReplacingId(undefined);
                          setNotice(`Replaced the values of ${c.name}.`);
                          refresh();
                        }
                        return result.error;
                      }}
                    />
                  </div>
                )}
              </li>
            ))}
          </ul>
        )}
        {removing.error && <ErrorText>{errorMessage(removing.error)}</ErrorText>}
      </Card>
      <Card title="New credential">
        {manage ? (
          <CredentialForm
            onSubmit={async (input) => {
              const result = await create({ input });
              if (result.error) toast.error(result.error);
              else {
                setNotice(`Created ${input.name}. Its values are stored encrypted and will not be shown again.`);
                refresh();
              }
              return result.error;
            }}
          />
        ) : (
          <RoleHint>{whyNot(me?.role, 'credentials.manage')}</RoleHint>
        )}
      </Card>
    </>
  );
}
