// Files dropped on the composer as a person dragging them from their desktop would (uploads and analysis journeys).
import type { Page } from '@playwright/test';

/** Drops files on the composer as a person dragging them from their desktop would. */
export async function dropFiles(page: Page, files: { name: string; mimeType: string; buffer: Buffer }[]) {
  const transfer = await page.evaluateHandle(
    (list) => {
      const data = new DataTransfer();
      for (const f of list) data.items.add(new File([new Uint8Array(f.bytes)], f.name, { type: f.mimeType }));
      return data;
    },
    files.map((f) => ({ name: f.name, mimeType: f.mimeType, bytes: [...f.buffer] })),
  );
  const composer = page.locator('form', { has: page.getByTestId('composer') });
  await composer.dispatchEvent('dragover', { dataTransfer: transfer });
  await composer.dispatchEvent('drop', { dataTransfer: transfer });
}
