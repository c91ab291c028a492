'use client';

import { Button } from '@/components/ui';
import { SHORTCUT_HELP } from './graph-edits/shortcuts';

/** The "Shortcuts" toolbar button and its popover listing the editor's keys. */
export function ShortcutsHelp({ open, onOpenChange }: { open: boolean; onOpenChange: (open: boolean) => void }) {
  return (
    <div className="relative">
      <Button aria-expanded={open} aria-controls="shortcuts-help" onClick={() => onOpenChange(!open)}>
        Shortcuts
      </Button>
      {open && (
        <div
          id="shortcuts-help"
          role="dialog"
          aria-label="Keyboard shortcuts"
          className="absolute right-0 top-10 z-30 w-80 rounded-lg border border-slate-200 bg-white p-3 text-sm text-slate-900 shadow-lg dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100 dark:shadow-black/50"
          onKeyDown={(event) => event.key === 'Escape' && onOpenChange(false)}
        >
          <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1">
            {SHORTCUT_HELP.map(({ keys, does }) => (
              <div key={keys} className="contents">
                <dt className="font-mono text-xs text-slate-700 dark:text-slate-300">{keys}</dt>
                <dd className="text-slate-600 dark:text-slate-400">{does}</dd>
              </div>
            ))}
          </dl>
          <Button className="mt-2 w-full" onClick={() => onOpenChange(false)}>
            Close
          </Button>
        </div>
      )}
    </div>
  );
}
