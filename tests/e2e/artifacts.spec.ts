// The artifacts workspace as a maker uses it: a reply's card opens the version it made (v1 while v3 exists);
// compare v1 with v3 of the BOM by line; restore v1 (v4 appears, v2 and v3 stay, the wiring goes stale); a second
// tab hears each new version live; an edit of a BOM line in two tabs gives the second save the conflict screen,
// keeping its edit, and a draft survives a reload; a share shows the snapshot's artifacts only, and a fork gets
// exactly them.
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { seedDesignChat } from './artifact-seed';
import { expect, keepScreenshot, test } from './fixtures';
import { supabaseAs } from './fixtures';

const panelOf = (page: Page) => page.getByTestId('artifact-panel');
const head = (panel: Locator, type: string) => panel.locator(`[data-testid="artifact-head"][data-type="${type}"]`);
async function versionsListed(panel: Locator) {
  await expect(panel.getByTestId('timeline-entry').first()).toBeVisible();
  return panel
    .getByTestId('timeline-entry')
    .evaluateAll((items) => items.map((i) => Number(i.getAttribute('data-version'))));
}

/** axe (WCAG 2.x A and AA, best practices) on the panel alone. */
async function panelViolations(page: Page) {
  const result = await new AxeBuilder({ page })
    .include('[data-testid="artifact-panel"]')
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .analyze();
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

async function editQuantity(page: Page, ref: string, quantity: number) {
  const panel = panelOf(page);
  await panel.getByTestId('artifact-tab-edit').click();
  const line = panel.locator(`[data-testid="bom-edit-line"][data-ref="${ref}"]`);
  await line.getByRole('spinbutton', { name: /Quantity of/ }).fill(String(quantity));
  await expect(line).toHaveAttribute('data-changed', 'true');
}

test('timeline, compare, restore, live tabs, conflicts and drafts in the artifact panel', async ({ page, context }) => {
  test.setTimeout(90_000);
  const { chatId } = await seedDesignChat(context);
  await page.goto(`/chat/${chatId}`);
  const firstReply = page.locator('#m-2');
  await firstReply.locator('[data-testid="artifact-card"][data-type="bom"][data-version="1"]').click();
  const panel = panelOf(page);
  await expect(panel.getByTestId('artifact-version')).toHaveText(/^Version 1 of 3/);
  await expect(panel.getByTestId('older-version')).toContainText('Open v3, the newest');
  await expect(head(panel, 'bom')).toHaveAttribute('data-version', '3');
  await expect(head(panel, 'wiring').getByTestId('stale-badge')).toBeVisible();
  await keepScreenshot(page, 'artifacts-card-v1');

  await panel.getByTestId('artifact-tab-compare').click();
  await panel.getByTestId('compare-from').selectOption('1');
  await panel.getByTestId('compare-to').selectOption('3');
  await panel.getByTestId('compare-submit').click();
  const compare = panel.getByTestId('artifact-compare');
  await expect(compare).toHaveAttribute('data-from', '1');
  await expect(compare).toHaveAttribute('data-to', '3');
  await expect(compare.locator('[data-testid="bom-removed"][data-ref="dht22"]')).toBeVisible();
  await expect(compare.locator('[data-testid="bom-added"][data-ref="bme280"]')).toBeVisible();
  await expect(compare.locator('[data-testid="bom-changed"][data-ref="ssd1306"]')).toContainText('quantity +1');
  await expect(compare.getByTestId('bom-diff-total')).toContainText(/Total \$\d+\.\d\d → \$\d+\.\d\d \([+−]\$/);
  await keepScreenshot(page, 'artifacts-compare-bom');
  expect(await panelViolations(page)).toEqual([]);

  // A second tab of the same maker, on the same artifact's history: it hears every new version.
  const other = await context.newPage();
  await other.goto(page.url().replace(/&tab=compare.*$/, '&tab=history'));
  const otherPanel = panelOf(other);
  await expect(otherPanel.getByTestId('timeline-entry')).toHaveCount(3);

  await panel.getByTestId('artifact-tab-history').click();
  await panel.locator('[data-testid="timeline-entry"][data-version="1"]').getByTestId('restore-version').click();
  await expect(panel.getByTestId('artifact-version')).toHaveText(/^Version 4 of 4 · Restored v1/);
  expect(await versionsListed(panel)).toEqual([4, 3, 2, 1]);
  await expect(
    panel.locator('[data-testid="timeline-entry"][data-version="4"]').getByTestId('timeline-author'),
  ).toHaveText('You');
  await expect(
    panel.locator('[data-testid="timeline-entry"][data-version="3"]').getByTestId('timeline-author'),
  ).toHaveText('bomGenerator · ohm/offline-1');
  await expect(head(panel, 'wiring').getByTestId('stale-badge')).toHaveAttribute('title', 'BOM v4 restored v1');
  await keepScreenshot(page, 'artifacts-restored');
  // Live in the other tab: v4 on top of its timeline, the head and a banner, without a reload.
  await expect(otherPanel.locator('[data-testid="timeline-entry"][data-version="4"]')).toContainText('Restored v1');
  await expect(head(otherPanel, 'bom')).toHaveAttribute('data-version', '4');
  await expect(otherPanel.getByTestId('newer-version')).toContainText('Open v4');

  // Both tabs start an edit of v4; the first saves v5, the second gets the conflict screen with its edit kept.
  await other.goto(`/chat/${chatId}?artifact=${new URL(page.url()).searchParams.get('artifact')}`);
  await editQuantity(other, 'dht22', 3);
  await editQuantity(page, 'esp32-devkitc', 2);
  await panel.getByTestId('save-version').click();
  await expect(panel.getByTestId('artifact-version')).toHaveText(/^Version 5 of 5 · Changed ESP32/);
  await otherPanel.getByTestId('save-version').click();
  const conflict = otherPanel.getByTestId('conflict-screen');
  await expect(conflict).toContainText('v5 was saved while you edited v4');
  await expect(conflict.locator('[data-testid="bom-changed"][data-ref="esp32-devkitc"]')).toBeVisible();
  await expect(conflict.getByTestId('conflict-mine')).toContainText('Changed DHT22');
  await keepScreenshot(other, 'artifacts-conflict');
  expect(await panelViolations(other)).toEqual([]);
  await conflict.getByTestId('apply-mine').click();
  await expect(otherPanel.getByTestId('artifact-version')).toHaveText(/^Version 6 of 6 · Changed DHT22/);
  await expect(head(panel, 'bom')).toHaveAttribute('data-version', '6');

  // A draft survives a reload mid-edit, and the panel is a sheet on a phone.
  await editQuantity(page, 'ssd1306', 4);
  expect(await panelViolations(page)).toEqual([]);
  await page.reload();
  await expect(panel.getByTestId('draft-restored')).toContainText('v6');
  await expect(
    panel.locator('[data-testid="bom-edit-line"][data-ref="ssd1306"]').getByRole('spinbutton', { name: /Quantity of/ }),
  ).toHaveValue('4');
  await page.setViewportSize({ width: 390, height: 844 });
  await page.keyboard.press('Escape');
  await expect(panel).toHaveCount(0);
  await page.goBack();
  await expect(panel).toBeVisible();
  await keepScreenshot(page, 'artifacts-phone-sheet');
});

test('a share shows the artifacts as of its snapshot, read-only, and a fork copies exactly them', async ({
  page,
  context,
  browser,
}) => {
  const { chatId, bomId } = await seedDesignChat(context);
  const { supabase } = await supabaseAs(context);
  const { data: share, error } = await supabase.rpc('create_share', { p_chat_id: chatId });
  if (error) throw new Error(error.message);
  // The owner's later work: a restore makes BOM v4, after the snapshot.
  const restored = await supabase.rpc('restore_artifact_version', {
    p_artifact_id: bomId,
    p_version_number: 1,
    p_expected_version: 3,
  });
  if (restored.error) throw new Error(restored.error.message);

  const visitor = await browser.newContext();
  const guest = await visitor.newPage();
  await guest.goto(`/share/${share.share_token}`);
  const shared = guest.getByTestId('shared-artifacts');
  await expect(shared.locator('[data-type="bom"]')).toHaveAttribute('data-version', '3');
  await shared.locator('[data-type="bom"]').click();
  const panel = panelOf(guest);
  await expect(panel.getByTestId('artifact-version')).toHaveText(/^Version 3 of 3/);
  await expect(panel.getByTestId('artifact-tab-edit')).toHaveCount(0);
  await panel.getByTestId('artifact-tab-history').click();
  await expect(panel.getByTestId('timeline-entry')).toHaveCount(3);
  await expect(panel.getByTestId('restore-version')).toHaveCount(0);
  await keepScreenshot(guest, 'artifacts-share');
  const missing = await guest.goto(`/share/${share.share_token}?artifact=${bomId}&v=4`);
  expect(missing?.status()).toBe(200);
  await expect(panel).toContainText('has no version 4 here');

  await guest.goto(`/share/${share.share_token}`);
  await guest.getByRole('button', { name: 'Continue this conversation' }).click();
  await guest.waitForURL(/\/chat\/[0-9a-f-]{36}$/);
  await guest.locator('#m-8 [data-testid="artifact-card"][data-type="bom"]').click();
  const forked = panelOf(guest);
  await expect(forked.getByTestId('artifact-version')).toHaveText(/^Version 3 of 3 · Two OLED displays/);
  await forked.getByTestId('artifact-tab-history').click();
  expect(await versionsListed(forked)).toEqual([3, 2, 1]);
  await expect(head(forked, 'wiring').getByTestId('stale-badge')).toBeVisible();
  await keepScreenshot(guest, 'artifacts-fork');
  await visitor.close();
  await page.close();
});
