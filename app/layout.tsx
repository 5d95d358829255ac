import type { Metadata, Viewport } from 'next';
import { headers } from 'next/headers';
import { ToastProvider } from '@/components/ui/toast';
import { themeScript } from '@/components/ui/theme';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'OHM', template: '%s · OHM' },
  description: 'From idea to bill of materials, wiring and firmware, with a team of AI agents.',
  icons: { icon: '/icon.svg' },
};

export const viewport: Viewport = { width: 'device-width', initialScale: 1 };

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // The CSP nonce of this request (proxy.ts). Reading it renders every page per request, as nonces require; the one
  // page that opts out (a share page, force-static) gets no headers, and its theme script runs by its hash instead.
  const nonce = (await headers()).get('x-nonce') ?? undefined;
  return (
    // The theme script sets a class on <html> before React hydrates: that difference is expected.
    <html lang="en" suppressHydrationWarning>
      <head>
        <script nonce={nonce} dangerouslySetInnerHTML={{ __html: themeScript }} />
      </head>
      <body className="min-h-dvh">
        <ToastProvider>{children}</ToastProvider>
      </body>
    </html>
  );
}
