'use client';

import { useLayoutEffect, useState } from 'react';
import { TriggersPanel } from '@/features/triggers/triggers-panel';
import { VersionHistoryPanel } from '@/features/versions/version-history-panel';

type Panel = 'history' | 'triggers';

const TAB = 'rounded-md px-3 py-1 text-sm font-medium shadow-sm ring-1';
const tabLook = (active: boolean) => (active ? 'bg-indigo-600 text-white ring-indigo-600' : 'bg-white text-slate-800 ring-slate-300 hover:bg-slate-100 dark:bg-slate-900 dark:text-slate-200 dark:ring-slate-600 dark:hover:bg-slate-800');

/** Tracks an element's box (it moves when the header wraps or the run bar appears). */
function useBox(selector: string, active = true): DOMRect | undefined {
  const [box, setBox] = useState<DOMRect>();
  const [tries, setTries] = useState(0);
  useLayoutEffect(() => {
    if (!active) return;
    const element = document.querySelector(selector);
    if (!element) {
      // Not drawn yet: look again on the next frames, for a while.
      if (tries >= 60) return;
      const frame = requestAnimationFrame(() => setTries((n) => n + 1));
      return () => cancelAnimationFrame(frame);
    }
    const update = () => setBox(element.getBoundingClientRect());
    update();
    const observer = new ResizeObserver(update);
    observer.observe(element);
    window.addEventListener('resize', update);
    return () => {
      observer.disconnect();
      window.removeEventListener('resize', update);
    };
  }, [selector, active, tries]);
  return box;
}

/** Buttons over the editor's canvas that open the version history or the triggers in a drawer on the right. */
export function WorkflowPanels({ workflowId }: { workflowId: string }) {
  const [panel, setPanel] = useState<Panel>();
  // The buttons sit in the canvas's top-left corner, clear of the header, run bar, palette, controls and timeline.
  const canvas = useBox('[data-testid="canvas"]');
  const header = useBox('header', panel !== undefined);
  const toggle = (next: Panel) => setPanel((current) => (current === next ? undefined : next));
  return (
    <>
      <div className="fixed z-20 flex gap-2" style={{ top: (canvas?.top ?? 56) + 12, left: (canvas?.left ?? 240) + 12 }} role="toolbar" aria-label="Workflow panels">
        <button type="button" className={`${TAB} ${tabLook(panel === 'history')}`} onClick={() => toggle('history')} aria-pressed={panel === 'history'}>
          History
        </button>
        <button type="button" className={`${TAB} ${tabLook(panel === 'triggers')}`} onClick={() => toggle('triggers')} aria-pressed={panel === 'triggers'}>
          Triggers
        </button>
      </div>
      {panel && (
        <aside
          style={{ top: header?.bottom ?? 56 }}
          className="fixed right-0 bottom-0 z-30 w-[28rem] max-w-full overflow-y-auto border-l border-slate-200 bg-white p-4 text-sm shadow-xl dark:border-slate-700 dark:bg-slate-900"
          aria-label={panel === 'history' ? 'Version history' : 'Triggers'}
          data-testid={`${panel}-panel`}
        >
          {panel === 'history' ? <VersionHistoryPanel workflowId={workflowId} onClose={() => setPanel(undefined)} /> : <TriggersPanel workflowId={workflowId} onClose={() => setPanel(undefined)} />}
        </aside>
      )}
    </>
  );
}
