import type { NodeState } from './run-state';

/** The canvas's two themes: the `dark` class on <html> picks one (features/theme). */
export type ThemeName = 'light' | 'dark';
export type NodeLook = NodeState | 'idle';

/** One state's colours in one theme, as `#rrggbb` so node-state-style.unit.spec.ts can check their contrast. */
export type StateColours = { fill: string; border: string; badge: string; badgeText: string; dimmed?: boolean };

/** The node's text on any fill, and its secondary line (id · type). Dimmed states (skipped, cancelled) use `muted` for both. */
export const NODE_TEXT: Record<ThemeName, { text: string; muted: string }> = {
  light: { text: '#0f172a', muted: '#475569' },
  dark: { text: '#e2e8f0', muted: '#94a3b8' },
};

/** What the nodes are drawn on (globals.css gives React Flow the same background). */
export const CANVAS_BACKGROUND: Record<ThemeName, string> = { light: '#f8fafc', dark: '#0b1120' };

/**
 * How each node state looks on the canvas, per theme: light tints with strong borders in
 * light mode; deep tints with bright borders and light badges in dark mode. Every text
 * reaches 4.5:1 on its background, every active state's border 3:1 on the canvas.
 */
export const NODE_STATE_PALETTE: Record<ThemeName, Record<NodeLook, StateColours>> = {
  light: {
    idle: { fill: '#ffffff', border: '#94a3b8', badge: '#e2e8f0', badgeText: '#334155' },
    pending: { fill: '#f8fafc', border: '#94a3b8', badge: '#e2e8f0', badgeText: '#334155' },
    scheduled: { fill: '#f0f9ff', border: '#38bdf8', badge: '#e0f2fe', badgeText: '#075985' },
    running: { fill: '#f0f9ff', border: '#0284c7', badge: '#0369a1', badgeText: '#ffffff' },
    retrying: { fill: '#fffbeb', border: '#d97706', badge: '#b45309', badgeText: '#ffffff' },
    waiting: { fill: '#f5f3ff', border: '#7c3aed', badge: '#6d28d9', badgeText: '#ffffff' },
    succeeded: { fill: '#ecfdf5', border: '#059669', badge: '#047857', badgeText: '#ffffff' },
    failed: { fill: '#fef2f2', border: '#dc2626', badge: '#b91c1c', badgeText: '#ffffff' },
    skipped: { fill: '#f1f5f9', border: '#94a3b8', badge: '#e2e8f0', badgeText: '#475569', dimmed: true },
    cancelled: { fill: '#fffbeb', border: '#d97706', badge: '#fde68a', badgeText: '#78350f', dimmed: true },
  },
  dark: {
    idle: { fill: '#1e293b', border: '#64748b', badge: '#334155', badgeText: '#e2e8f0' },
    pending: { fill: '#1e293b', border: '#64748b', badge: '#334155', badgeText: '#e2e8f0' },
    scheduled: { fill: '#082f49', border: '#0ea5e9', badge: '#0c4a6e', badgeText: '#e0f2fe' },
    running: { fill: '#082f49', border: '#38bdf8', badge: '#7dd3fc', badgeText: '#082f49' },
    retrying: { fill: '#451a03', border: '#fbbf24', badge: '#fcd34d', badgeText: '#451a03' },
    waiting: { fill: '#2e1065', border: '#a78bfa', badge: '#c4b5fd', badgeText: '#2e1065' },
    succeeded: { fill: '#022c22', border: '#34d399', badge: '#6ee7b7', badgeText: '#022c22' },
    failed: { fill: '#450a0a', border: '#f87171', badge: '#fca5a5', badgeText: '#450a0a' },
    skipped: { fill: '#0f172a', border: '#475569', badge: '#334155', badgeText: '#cbd5e1', dimmed: true },
    cancelled: { fill: '#1c1917', border: '#b45309', badge: '#78350f', badgeText: '#fde68a', dimmed: true },
  },
};

/** States drawn with a dashed border: not (yet, or ever) doing work. */
const DASHED: ReadonlySet<NodeLook> = new Set(['scheduled', 'skipped', 'cancelled']);

const LOOKS = Object.keys(NODE_STATE_PALETTE.light) as NodeLook[];
const cssVar = (look: NodeLook, part: 'fill' | 'border' | 'badge' | 'badge-text' | 'text' | 'muted') => `--weft-node-${look}-${part}`;

function themeVariables(theme: ThemeName): string {
  const { text, muted } = NODE_TEXT[theme];
  return LOOKS.map((look) => {
    const c = NODE_STATE_PALETTE[theme][look];
    return [
      `${cssVar(look, 'fill')}:${c.fill}`,
      `${cssVar(look, 'border')}:${c.border}`,
      `${cssVar(look, 'badge')}:${c.badge}`,
      `${cssVar(look, 'badge-text')}:${c.badgeText}`,
      `${cssVar(look, 'text')}:${c.dimmed ? muted : text}`,
      `${cssVar(look, 'muted')}:${muted}`,
    ].join(';');
  }).join(';');
}

/** The palette as CSS variables: light on :root, dark under the `dark` class (inlined in <head> by app/layout.tsx). */
export const NODE_STATE_CSS = `:root{${themeVariables('light')}}:root.dark{${themeVariables('dark')}}`;

/** How a state is named in the badge and the panel. */
export const NODE_STATE_LABEL: Record<NodeLook, string> = {
  idle: '',
  pending: 'pending',
  scheduled: 'scheduled',
  running: 'running',
  retrying: 'retrying',
  waiting: 'waiting',
  succeeded: 'succeeded',
  failed: 'failed',
  skipped: 'skipped',
  cancelled: 'cancelled',
};

/** A node's box in a state: fill, border and text from the theme's variables. */
export const nodeBoxStyle = (look: NodeLook) => ({
  backgroundColor: `var(${cssVar(look, 'fill')})`,
  borderColor: `var(${cssVar(look, 'border')})`,
  borderStyle: DASHED.has(look) ? 'dashed' : 'solid',
  color: `var(${cssVar(look, 'text')})`,
});

/** The secondary line (id · type) inside a node in a state. */
export const nodeMutedStyle = (look: NodeLook) => ({ color: `var(${cssVar(look, 'muted')})` });

/** The state badge, on the canvas and in the node panel. */
export const nodeBadgeStyle = (look: NodeLook) => ({ backgroundColor: `var(${cssVar(look, 'badge')})`, color: `var(${cssVar(look, 'badge-text')})` });

/** The same states on the minimap (an SVG fill: the border colour, which stands out on both themes). */
export const NODE_STATE_FILL: Record<NodeLook, string> = Object.fromEntries(LOOKS.map((look) => [look, `var(${cssVar(look, 'border')})`])) as Record<NodeLook, string>;
