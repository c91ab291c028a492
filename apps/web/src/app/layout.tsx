import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { GeistMono } from 'geist/font/mono';
import { GeistSans } from 'geist/font/sans';
import '@xyflow/react/dist/style.css';
import './globals.css';
import { NODE_STATE_CSS } from '@/features/monitor/node-state-style';
import { THEME_INIT_SCRIPT } from '@/features/theme/theme';
import { Providers } from './providers';

export const metadata: Metadata = { title: 'Weft', description: 'Draw workflows, run them durably, watch them live.' };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en" className={`${GeistSans.variable} ${GeistMono.variable}`} suppressHydrationWarning>
      <head>
        {/* Sets the theme class before the first paint (see features/theme). */}
        <script dangerouslySetInnerHTML={{ __html: THEME_INIT_SCRIPT }} />
        {/* The canvas's node state colours for both themes, from one checked palette (features/monitor/node-state-style). */}
        <style dangerouslySetInnerHTML={{ __html: NODE_STATE_CSS }} />
      </head>
      <body className="bg-slate-50 font-sans text-slate-900 antialiased dark:bg-slate-950 dark:text-slate-100">
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
