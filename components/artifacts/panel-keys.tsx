'use client';

// The panel from the keyboard: focus moves to its title when it opens, and Escape closes it (outside a field,
// where Escape belongs to the field; a draft is kept on this device anyway).
import { useRouter } from 'next/navigation';
import { useEffect } from 'react';

export function PanelKeys({ closeHref }: { closeHref: string }) {
  const router = useRouter();
  useEffect(() => {
    document.getElementById('artifact-panel-title')?.focus({ preventScroll: true });
  }, []);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || event.defaultPrevented) return;
      const target = event.target as HTMLElement | null;
      if (target?.closest('input, textarea, select, [role="dialog"]')) return;
      router.push(closeHref, { scroll: false });
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [closeHref, router]);
  return null;
}
