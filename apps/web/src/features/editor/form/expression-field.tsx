'use client';

import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent, type SyntheticEvent } from 'react';
import { useCompletionSources } from '../expressions/completion-context';
import { applyCompletion, completionsAt } from '../expressions/completions';

type Props = { id: string; multiline: boolean; className: string; value: string; invalid: boolean; inputMode?: 'decimal'; onText: (text: string) => void };

/**
 * A text input (or text area) that completes `{{ … }}` expressions: a listbox of `$trigger`,
 * `$nodes.<id>` and `$run` paths opens inside an unclosed `{{`. Arrow keys move, Enter or
 * Tab picks, Escape closes; the field keeps the focus throughout.
 */
export function ExpressionField({ id, multiline, className, value, invalid, inputMode, onText }: Props) {
  const sources = useCompletionSources();
  const field = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  const list = useRef<HTMLUListElement>(null);
  const [cursor, setCursor] = useState<number>();
  const [active, setActive] = useState(0);
  const [dismissed, setDismissed] = useState(false);
  const result = sources && cursor !== undefined && !dismissed ? completionsAt(value, cursor, sources) : undefined;
  const activeIndex = result ? Math.min(active, result.items.length - 1) : 0;
  const listId = `${id}-completions`;
  const optionId = (index: number) => `${listId}-${index}`;

  // A block body: the minified optional chain could return `true`, which React would call as a cleanup.
  useEffect(() => {
    list.current?.querySelector('[aria-selected="true"]')?.scrollIntoView({ block: 'nearest' });
  }, [activeIndex, result?.items.length]);

  const track = (event: SyntheticEvent<HTMLInputElement | HTMLTextAreaElement>) => setCursor(event.currentTarget.selectionStart ?? undefined);

  // The caret after a completion is placed in the commit that shows the completed text, before
  // the browser handles another key: a later frame could land after the next typed character.
  const pendingCaret = useRef<number | undefined>(undefined);
  useLayoutEffect(() => {
    const caret = pendingCaret.current;
    if (caret === undefined || !field.current || field.current.value.length < caret) return;
    pendingCaret.current = undefined;
    field.current.setSelectionRange(caret, caret);
  });

  const choose = (label: string) => {
    if (!result) return;
    const next = applyCompletion(value, result, label);
    pendingCaret.current = next.cursor;
    onText(next.text);
    setDismissed(true);
    setCursor(next.cursor);
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (!result) return;
    const count = result.items.length;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') setActive((activeIndex + (event.key === 'ArrowDown' ? 1 : count - 1)) % count);
    else if (event.key === 'Enter' || event.key === 'Tab') choose(result.items[activeIndex]!.label);
    else if (event.key === 'Escape') setDismissed(true);
    else return;
    event.preventDefault();
    event.stopPropagation();
  };

  const common = {
    id,
    ref: field,
    className,
    value,
    'aria-invalid': invalid,
    'aria-autocomplete': 'list' as const,
    'aria-controls': result ? listId : undefined,
    'aria-activedescendant': result ? optionId(activeIndex) : undefined,
    onChange: (event: SyntheticEvent<HTMLInputElement | HTMLTextAreaElement>) => {
      onText(event.currentTarget.value);
      setDismissed(false);
      setActive(0);
      track(event);
    },
    onSelect: track,
    onFocus: track,
    onBlur: () => setCursor(undefined),
    onKeyDown,
  };
  return (
    <div className="relative">
      {multiline ? <textarea rows={4} {...common} /> : <input role="combobox" aria-expanded={!!result} inputMode={inputMode} {...common} />}
      {result && (
        <ul ref={list} id={listId} role="listbox" aria-label="Expression completions" className="absolute left-0 right-0 z-30 mt-0.5 max-h-48 overflow-y-auto rounded-md border border-slate-200 bg-white py-1 text-xs text-slate-900 shadow-lg dark:border-slate-700 dark:bg-slate-800 dark:text-slate-100 dark:shadow-black/50">
          {result.items.map((item, index) => (
            <li
              key={item.label}
              id={optionId(index)}
              role="option"
              aria-selected={index === activeIndex}
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => choose(item.label)}
              onMouseEnter={() => setActive(index)}
              className={`flex cursor-pointer justify-between gap-2 px-2 py-0.5 ${index === activeIndex ? 'bg-indigo-100 dark:bg-indigo-900' : ''}`}
            >
              <span className="font-mono">{item.label}</span>
              <span className="truncate text-slate-500 dark:text-slate-400">{item.detail}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
