'use client';

import { useEffect, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { Button, ErrorText } from '@/components/ui';
import { useToast } from '@/features/toast/toast-provider';
import { errorMessage } from '@/lib/graphql/errors';
import { formatAllowList, lineErrorOf, parseAllowList, type LineError } from './allow-list';
import { NETWORK_ALLOW_LIST, SET_NETWORK_ALLOW_LIST } from './settings.operations';
import { can, whyNot } from './settings-permissions';
import { Card, Loading, Notice, RoleHint, SectionTitle } from './settings-ui';
import { useMe } from './use-me';

/** Rows of the editor share one height, so the gutter and the messages line up with the textarea's lines. */
const ROW = 'h-6 leading-6';

/** The workspace's network allow-list, one entry per line; a refused entry's message stands beside its line. */
export function NetworkSection() {
  const { me } = useMe();
  const editable = can(me?.role, 'network.edit');
  const [{ data, error, fetching }, reload] = useQuery({ query: NETWORK_ALLOW_LIST, pause: !me?.workspaceId });
  const [saving, save] = useMutation(SET_NETWORK_ALLOW_LIST);
  const [text, setText] = useState<string>();
  const [lineError, setLineError] = useState<LineError>();
  const [listError, setListError] = useState<string>();
  const [saved, setSaved] = useState(false);
  const toast = useToast();

  useEffect(() => {
    if (data && text === undefined) setText(formatAllowList(data.networkAllowList.entries));
  }, [data, text]);

  async function submit() {
    const parsed = parseAllowList(text ?? '');
    setLineError(undefined);
    setListError(undefined);
    setSaved(false);
    const result = await save({ entries: parsed.entries });
    if (result.data) {
      setText(formatAllowList(result.data.setNetworkAllowList.entries));
      setSaved(true);
      reload({ requestPolicy: 'network-only' });
      return;
    }
    if (!result.error) return;
    toast.error(result.error);
    const first = result.error.graphQLErrors[0];
    const onLine = lineErrorOf(parsed, first?.extensions?.field, errorMessage(result.error));
    if (onLine) setLineError(onLine);
    else setListError(errorMessage(result.error));
  }

  const lines = (text ?? '').split('\n');
  const rows = Math.max(lines.length + 1, 6);
  const updatedAt = data?.networkAllowList.updatedAt;
  return (
    <>
      <SectionTitle title="Network">
        Nodes reach public addresses only. List the private hosts and ranges this workspace&apos;s nodes may reach: an IP, a CIDR or a host name, each optionally with <code>:port</code>, one per line.
      </SectionTitle>
      <Card title="Allow-list">
        {error ? (
          <ErrorText>{errorMessage(error)}</ErrorText>
        ) : text === undefined ? (
          <Loading label="Loading the allow-list" />
        ) : (
          <div className="space-y-3">
            {!editable && <RoleHint>{whyNot(me?.role, 'network.edit')}</RoleHint>}
            <label htmlFor="allow-list" className="block text-sm font-medium text-slate-700">
              Entries, one per line
            </label>
            <div className="flex rounded-md border border-slate-300 font-mono text-sm focus-within:border-indigo-500">
              <div aria-hidden className="select-none border-r border-slate-200 bg-slate-50 px-2 py-2 text-right text-slate-400">
                {Array.from({ length: rows }, (_, i) => (
                  <div key={i} className={`${ROW} ${lineError?.line === i + 1 ? 'font-bold text-red-700' : ''}`}>
                    {i + 1}
                  </div>
                ))}
              </div>
              <textarea
                id="allow-list"
                data-testid="allow-list"
                wrap="off"
                spellCheck={false}
                rows={rows}
                readOnly={!editable}
                value={text}
                onChange={(e) => {
                  setText(e.target.value);
                  setSaved(false);
                }}
                placeholder={'10.20.0.0/16\nbilling.internal:8443'}
                aria-invalid={!!lineError}
                aria-describedby={lineError ? 'allow-list-line-error' : undefined}
                className="min-w-0 flex-1 resize-none overflow-hidden bg-transparent px-3 py-2 leading-6 outline-none"
              />
              <div className="w-72 shrink-0 py-2 pr-2 font-sans text-xs">
                {Array.from({ length: rows }, (_, i) =>
                  lineError?.line === i + 1 ? (
                    <div key={i} id="allow-list-line-error" role="alert" title={lineError.message} className={`${ROW} truncate text-red-700`} data-testid="allow-list-error" data-line={lineError.line}>
                      ← line {lineError.line}: {lineError.message}
                    </div>
                  ) : (
                    <div key={i} className={ROW} />
                  ),
                )}
              </div>
            </div>
            {lineError && (
              <p className="text-sm text-red-700">
                Nothing was saved: line {lineError.line} (<code>{lineError.entry}</code>) was refused: {lineError.message}
              </p>
            )}
            {listError && <ErrorText>{listError}</ErrorText>}
            {saved && <Notice>Saved. Node attempts from now on use this list.</Notice>}
            <div className="flex items-center gap-3">
              <Button variant="primary" disabled={!editable || saving.fetching} aria-busy={saving.fetching} onClick={() => void submit()}>
                {saving.fetching ? 'Saving…' : 'Save allow-list'}
              </Button>
              <span className="text-xs text-slate-500">{updatedAt ? `Last set ${new Date(updatedAt).toLocaleString()}` : 'Never set'}{fetching ? ' · refreshing…' : ''}</span>
            </div>
            <p className="text-xs text-slate-500">Loopback, link-local and cloud-metadata addresses can only be opened by the operator. An empty list clears it.</p>
          </div>
        )}
      </Card>
    </>
  );
}
