'use client';

import type { KeyboardEvent } from 'react';
import { Button } from '@/components/ui';
import { formatClock } from './format-time';
import { describeEvent } from './run-history';
import { useRunMonitorContext } from './run-monitor-context';

/**
 * The scrubber over the run's event history: the canvas shows the run as it stood after
 * the chosen event. Arrow keys, Home and End move it (the range input's own keys); the
 * buttons step one event; Live (or Escape) follows the run again.
 */
export function TimeTravel() {
  const monitor = useRunMonitorContext();
  if (!monitor || monitor.events.length === 0) return null;
  const { events, cursor, setCursor } = monitor;
  const total = events.length;
  const position = cursor ?? total;
  const go = (next: number) => setCursor(next >= total ? undefined : Math.max(1, next));
  const event = events[position - 1];
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') setCursor(undefined);
  };
  return (
    <div className="flex items-center gap-2 text-xs" role="group" aria-label="Time travel" onKeyDown={onKeyDown} data-testid="time-travel">
      <Button className="px-2! py-0.5!" aria-label="Previous event" disabled={position <= 1} onClick={() => go(position - 1)}>
        ◀
      </Button>
      <input
        type="range"
        min={1}
        max={total}
        step={1}
        value={position}
        aria-label="Event shown on the canvas"
        aria-valuetext={`Event ${position} of ${total}${event ? `: ${describeEvent(event)}` : ''}`}
        className="w-64 accent-indigo-600 dark:accent-indigo-400"
        data-testid="time-travel-range"
        onChange={(e) => go(Number(e.target.value))}
      />
      <Button className="px-2! py-0.5!" aria-label="Next event" disabled={cursor === undefined} onClick={() => go(position + 1)}>
        ▶
      </Button>
      <Button className="px-2! py-0.5!" variant={cursor === undefined ? 'primary' : 'secondary'} aria-pressed={cursor === undefined} onClick={() => setCursor(undefined)}>
        Live
      </Button>
      <span className="min-w-0 truncate text-slate-600 dark:text-slate-400" aria-live="polite" data-testid="time-travel-position">
        {cursor === undefined ? `Live · ${total} events` : `Event ${position} of ${total}`}
        {event && cursor !== undefined && (
          <>
            {' · '}
            <span className="font-mono">{describeEvent(event)}</span>
            {event.at ? ` · ${formatClock(new Date(event.at).getTime())}` : ''}
          </>
        )}
      </span>
    </div>
  );
}
