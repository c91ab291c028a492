'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import type { ReactNode } from 'react';
import { AppHeader } from '@/components/app-header';

const SECTIONS = [
  { href: '/settings', label: 'Workspace' },
  { href: '/settings/members', label: 'Members' },
  { href: '/settings/api-keys', label: 'API keys' },
  { href: '/settings/credentials', label: 'Credentials' },
  { href: '/settings/network', label: 'Network' },
] as const;

/** The settings pages: the app header, a section menu, and the section. */
export function SettingsShell({ children }: { children: ReactNode }) {
  const pathname = usePathname();
  return (
    <div className="min-h-full">
      <AppHeader />
      <div className="mx-auto flex max-w-5xl gap-6 p-6">
        <nav aria-label="Settings" className="w-44 shrink-0">
          <ul className="space-y-1">
            {SECTIONS.map((section) => {
              const current = pathname === section.href;
              return (
                <li key={section.href}>
                  <Link
                    href={section.href}
                    aria-current={current ? 'page' : undefined}
                    className={`block rounded-md px-3 py-1.5 text-sm ${current ? 'bg-indigo-50 font-medium text-indigo-700' : 'text-slate-700 hover:bg-slate-100'}`}
                  >
                    {section.label}
                  </Link>
                </li>
              );
            })}
          </ul>
        </nav>
        <main className="min-w-0 flex-1">{children}</main>
      </div>
    </div>
  );
}
