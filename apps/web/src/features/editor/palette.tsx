'use client';

import type { NodeTypeInfo } from './canvas/workflow-graph';

/** The drag payload's MIME type: the canvas accepts drops that carry a node type. */
export const NODE_TYPE_MIME = 'application/x-weft-node-type';

/** Node types by category; drag one onto the canvas, or press it to add it in view. */
export function Palette({ nodeTypes, onAdd }: { nodeTypes: NodeTypeInfo[]; onAdd: (type: string) => void }) {
  const categories = [...new Set(nodeTypes.map((t) => t.category))].sort();
  return (
    <aside className="w-56 shrink-0 overflow-y-auto border-r border-slate-200 bg-white p-3 text-slate-900 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100" aria-label="Node palette">
      {categories.map((category) => (
        <section key={category} className="mb-3">
          <h2 className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400">{category}</h2>
          {nodeTypes
            .filter((t) => t.category === category)
            .map((t) => (
              <button
                key={t.type}
                type="button"
                draggable
                data-testid={`palette-${t.type}`}
                title={t.description}
                onDragStart={(event) => {
                  event.dataTransfer.setData(NODE_TYPE_MIME, t.type);
                  event.dataTransfer.effectAllowed = 'move';
                }}
                onClick={() => onAdd(t.type)}
                className="mb-1 block w-full cursor-grab rounded-md border border-slate-200 bg-white px-2 py-1 text-left text-sm hover:border-indigo-400 hover:bg-indigo-50 dark:border-slate-700 dark:bg-slate-800 dark:hover:border-indigo-400 dark:hover:bg-indigo-950"
              >
                <span className="font-medium">{t.title}</span> <span className="font-mono text-xs text-slate-500 dark:text-slate-400">{t.type}</span>
              </button>
            ))}
        </section>
      ))}
    </aside>
  );
}
