import { describe, expect, it } from 'vitest';
import { dashboardWindow, successRateText } from './success-rate';

describe('success rate and dashboard windows', () => {
  it('shows the rate as a whole percentage, and a dash when nothing finished', () => {
    expect(successRateText(1)).toBe('100 %');
    expect(successRateText(1 / 3)).toBe('33 %');
    expect(successRateText(0)).toBe('0 %');
    expect(successRateText(null)).toBe('—');
  });

  it('reads the window from the query string, 24 hours by default', () => {
    expect(dashboardWindow('7d').hours).toBe(168);
    expect(dashboardWindow('24h').hours).toBe(24);
    expect(dashboardWindow(null).hours).toBe(24);
    expect(dashboardWindow('1y').hours).toBe(24);
  });
});
