/** "92 %", or "—" when no run finished (the API's successRate is null then). */
export const successRateText = (rate: number | null): string => (rate === null ? '—' : `${Math.round(rate * 100)} %`);

/** The dashboard's windows, in hours (the API takes 1 to 168). */
export const DASHBOARD_WINDOWS = [
  { value: '24h', label: '24 hours', hours: 24 },
  { value: '7d', label: '7 days', hours: 168 },
] as const;
export type DashboardWindow = (typeof DASHBOARD_WINDOWS)[number]['value'];

export const dashboardWindow = (value: string | null): (typeof DASHBOARD_WINDOWS)[number] => DASHBOARD_WINDOWS.find((w) => w.value === value) ?? DASHBOARD_WINDOWS[0];
