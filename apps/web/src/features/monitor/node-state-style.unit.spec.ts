import { describe, expect, it } from 'vitest';
import { contrastRatio, relativeLuminance } from '../theme/contrast';
import { CANVAS_BACKGROUND, NODE_STATE_CSS, NODE_STATE_FILL, NODE_STATE_PALETTE, NODE_TEXT, nodeBadgeStyle, nodeBoxStyle, type NodeLook, type ThemeName } from './node-state-style';

const THEMES: ThemeName[] = ['light', 'dark'];
const LOOKS = Object.keys(NODE_STATE_PALETTE.light) as NodeLook[];
/** States that report work (or its end): their outline must stand out on the canvas (WCAG 1.4.11, 3:1). */
const ACTIVE: NodeLook[] = ['running', 'retrying', 'waiting', 'succeeded', 'failed'];

describe('contrast', () => {
  it('follows WCAG 2', () => {
    expect(relativeLuminance('#ffffff')).toBeCloseTo(1);
    expect(relativeLuminance('#000')).toBe(0);
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21);
    expect(contrastRatio('#ffffff', '#000000')).toBeCloseTo(21);
    expect(contrastRatio('#777777', '#777777')).toBe(1);
    // A pair known from the WCAG examples: #767676 on white is the lightest grey passing 4.5:1.
    expect(contrastRatio('#767676', '#ffffff')).toBeCloseTo(4.54, 2);
    expect(() => relativeLuminance('teal')).toThrow(/not a #rgb/);
  });
});

describe('node state palette', () => {
  it('has the same states in both themes, and every state looks different in dark mode', () => {
    expect(Object.keys(NODE_STATE_PALETTE.dark).sort()).toEqual([...LOOKS].sort());
    for (const look of LOOKS) expect(NODE_STATE_PALETTE.dark[look].fill, look).not.toBe(NODE_STATE_PALETTE.light[look].fill);
  });

  it.each(THEMES)('keeps every text readable in the %s theme (4.5:1)', (theme) => {
    const { text, muted } = NODE_TEXT[theme];
    for (const look of LOOKS) {
      const c = NODE_STATE_PALETTE[theme][look];
      expect(contrastRatio(c.dimmed ? muted : text, c.fill), `${look} text`).toBeGreaterThanOrEqual(4.5);
      expect(contrastRatio(muted, c.fill), `${look} secondary text`).toBeGreaterThanOrEqual(4.5);
      expect(contrastRatio(c.badgeText, c.badge), `${look} badge`).toBeGreaterThanOrEqual(4.5);
    }
  });

  it.each(THEMES)('outlines active states clearly on the %s canvas (3:1)', (theme) => {
    for (const look of ACTIVE) expect(contrastRatio(NODE_STATE_PALETTE[theme][look].border, CANVAS_BACKGROUND[theme]), look).toBeGreaterThanOrEqual(3);
  });

  it('tells the outcomes apart: succeeded, failed, waiting and running have different borders in each theme', () => {
    for (const theme of THEMES) {
      const borders = (['running', 'waiting', 'succeeded', 'failed'] as NodeLook[]).map((look) => NODE_STATE_PALETTE[theme][look].border);
      expect(new Set(borders).size).toBe(4);
    }
  });

  it('becomes CSS variables, light on :root and dark under the dark class', () => {
    expect(NODE_STATE_CSS).toMatch(/^:root\{[^}]*--weft-node-failed-fill:#fef2f2[^}]*\}:root\.dark\{[^}]*--weft-node-failed-fill:#450a0a[^}]*\}$/);
    // Dimmed states draw their title in the muted colour.
    expect(NODE_STATE_CSS).toContain(`--weft-node-skipped-text:${NODE_TEXT.light.muted}`);
    expect(NODE_STATE_CSS).toContain(`--weft-node-succeeded-text:${NODE_TEXT.dark.text}`);
    expect(nodeBoxStyle('scheduled')).toEqual({ backgroundColor: 'var(--weft-node-scheduled-fill)', borderColor: 'var(--weft-node-scheduled-border)', borderStyle: 'dashed', color: 'var(--weft-node-scheduled-text)' });
    expect(nodeBadgeStyle('failed')).toEqual({ backgroundColor: 'var(--weft-node-failed-badge)', color: 'var(--weft-node-failed-badge-text)' });
    expect(NODE_STATE_FILL.succeeded).toBe('var(--weft-node-succeeded-border)');
    for (const look of LOOKS) for (const part of ['fill', 'border', 'badge', 'badge-text', 'text', 'muted']) expect(NODE_STATE_CSS.split(`--weft-node-${look}-${part}:`).length, `${look}-${part}`).toBe(3);
  });
});
