'use client';

import { useState } from 'react';
import type { GraphIssue } from '@/lib/graphql/errors';
import { ExpressionField } from './expression-field';
import { fieldsFromSchema, formatFieldValue, parseFieldText, withConfigValue, type Field } from './schema-fields';

const inputClass = 'w-full rounded-md border border-slate-300 bg-white px-2 py-1 text-sm focus:border-indigo-500 focus:outline-none aria-[invalid=true]:border-red-500 dark:border-slate-600 dark:bg-slate-950 dark:focus:border-indigo-400 dark:aria-[invalid=true]:border-red-400';

/** A form generated from the node type's config schema; without usable properties, the whole config as JSON. */
export function ConfigForm({ nodeId, schema, config, issues, onChange }: { nodeId: string; schema: unknown; config: Record<string, unknown>; issues: GraphIssue[]; onChange: (config: Record<string, unknown>) => void }) {
  const fields = fieldsFromSchema(schema);
  if (fields.length === 0) {
    const whole: Field = { key: 'config', kind: 'json', required: true };
    return <FieldInput key={`${nodeId}:*`} id={`${nodeId}-config`} field={whole} value={config} issue={issues[0]?.message} onValue={(value) => onChange((value ?? {}) as Record<string, unknown>)} />;
  }
  return (
    <div className="space-y-3">
      {fields.map((field) => (
        <FieldInput
          key={`${nodeId}:${field.key}`}
          id={`${nodeId}-${field.key}`}
          field={field}
          value={config[field.key]}
          issue={issues.find((i) => i.field === `config.${field.key}` || i.field?.startsWith(`config.${field.key}.`))?.message}
          onValue={(value) => onChange(withConfigValue(config, field.key, value))}
        />
      ))}
    </div>
  );
}

/** One input; it keeps its own text so half-typed JSON is not lost, and reports only values that parse. */
function FieldInput({ id, field, value, issue, onValue }: { id: string; field: Field; value: unknown; issue?: string; onValue: (value: unknown) => void }) {
  const [text, setText] = useState(() => formatFieldValue(field, value));
  const [error, setError] = useState<string>();
  const update = (next: string) => {
    setText(next);
    const parsed = parseFieldText(field, next);
    setError(parsed.ok ? undefined : parsed.error);
    if (parsed.ok) onValue(parsed.value);
  };
  const problem = error ?? issue;
  return (
    <div>
      <label htmlFor={id} className="mb-0.5 block text-xs font-medium text-slate-700 dark:text-slate-300">
        {field.key}
        {field.required && <span className="text-red-600 dark:text-red-400"> *</span>}
        <span className="ml-1 font-normal text-slate-500 dark:text-slate-400">{field.kind}</span>
      </label>
      {field.kind === 'json' ? (
        <ExpressionField id={id} multiline className={`${inputClass} font-mono text-xs`} value={text} onText={update} invalid={!!problem} />
      ) : field.kind === 'boolean' || field.kind === 'enum' ? (
        <select id={id} className={inputClass} value={text} onChange={(e) => update(e.target.value)} aria-invalid={!!problem}>
          <option value="">{field.default === undefined ? '—' : `default (${typeof field.default === 'string' ? field.default : JSON.stringify(field.default)})`}</option>
          {(field.kind === 'boolean' ? ['true', 'false'] : (field.options ?? [])).map((option) => (
            <option key={option} value={option}>
              {option}
            </option>
          ))}
        </select>
      ) : (
        <ExpressionField id={id} multiline={false} className={inputClass} value={text} {...(field.kind === 'string' ? {} : { inputMode: 'decimal' as const })} onText={update} invalid={!!problem} />
      )}
      {field.description && <p className="mt-0.5 text-xs text-slate-500 dark:text-slate-400">{field.description}</p>}
      {problem && <p className="mt-0.5 text-xs text-red-700 dark:text-red-400">{problem}</p>}
    </div>
  );
}
