// The seed document's story as a maker lives it, offline: a weather station's context (v1, then v2 after "add a
// BME280"), its BOM (v1, then v2 after "replace the DHT22 with a BME280"), the wiring with its diagram and the
// firmware in three units. Each reply names its agent and shows a card per version it wrote; a card opens that
// version (an older one says so) beside the chat.
import type { Locator, Page } from '@playwright/test';
import { expect, keepScreenshot, test } from './fixtures';
import type { ChatPage } from './pages/chat';

/** The BOM lines whose part is named `name` (not lines that mention it in a reason or an alternative). */
function linesNamed(panel: Locator, name: string | RegExp) {
  return panel
    .getByTestId('bom-line')
    .filter({ has: panel.page().getByTestId('bom-line-name').filter({ hasText: name }) });
}

function card(reply: Locator, type: string, version: number) {
  return reply.locator(`[data-testid="artifact-card"][data-type="${type}"][data-version="${version}"]`);
}

async function openCard(page: Page, reply: Locator, type: string, version: number) {
  await card(reply, type, version).click();
  await expect(page).toHaveURL(new RegExp(`\\?artifact=[0-9a-f-]{36}&v=${version}$`));
  const panel = page.getByTestId('artifact-panel');
  await expect(panel.getByTestId('artifact-version')).toContainText(`Version ${version} of`);
  return panel;
}

async function turn(chat: ChatPage, text: string, agent: string) {
  const before = await chat.messages.count();
  await chat.send(text);
  // Pinned by its number (one branch: messages are numbered 1, 2, 3, …): lastReply() would follow newer replies.
  const reply = chat.message(before + 2);
  await expect(reply).toHaveAttribute('data-status', 'complete', { timeout: 20_000 });
  await expect(reply.getByTestId('agent-label')).toHaveText(agent);
  return reply;
}

test('the weather station story: context, BOM and its edit, wiring with a diagram, firmware in three units', async ({
  page,
  chat,
}) => {
  test.setTimeout(120_000);
  await chat.startChat('Build an ESP32 weather station with a DHT22 and an OLED display');
  const first = chat.message(2);
  await expect(first.getByTestId('agent-label')).toHaveText('OHM');
  await expect(card(first, 'context', 1)).toContainText('Context · v1');

  const added = await turn(chat, 'add a BME280', 'OHM');
  await expect(card(added, 'context', 2)).toBeVisible();

  const bom = await turn(chat, 'Generate the BOM', 'BOM generator');
  await expect(card(bom, 'bom', 1)).toContainText('BOM · v1');
  let panel = await openCard(page, bom, 'bom', 1);
  await expect(linesNamed(panel, 'DHT22')).toHaveCount(1);
  await expect(linesNamed(panel, 'BME280')).toHaveCount(1);
  await expect(linesNamed(panel, /SSD1306|OLED/)).toHaveCount(1);
  await expect(panel.getByTestId('bom-total')).toContainText('$');
  await keepScreenshot(page, 'agents-bom-v1');

  const edited = await turn(chat, 'replace the DHT22 with a BME280', 'BOM generator');
  await expect(card(edited, 'bom', 2)).toContainText(/BOM · v2 · .*DHT22/);
  panel = await openCard(page, edited, 'bom', 2);
  await expect(linesNamed(panel, 'DHT22')).toHaveCount(0);
  await expect(linesNamed(panel, 'BME280')).toHaveCount(1);
  await expect(panel.getByTestId('older-version')).toHaveCount(0);
  await keepScreenshot(page, 'agents-bom-v2');
  // The first card still opens the version it wrote, which now says it is an older one.
  panel = await openCard(page, bom, 'bom', 1);
  await expect(panel.getByTestId('older-version')).toContainText('Open v2, the newest');
  await expect(linesNamed(panel, 'DHT22')).toHaveCount(1);

  const wiring = await turn(chat, 'Now the wiring', 'Wiring generator');
  panel = await openCard(page, wiring, 'wiring', 1);
  await expect(panel.getByTestId('circuit-diagram')).toBeVisible();
  await expect(panel.getByTestId('circuit-diagram')).toHaveAttribute('src', /^data:image\/svg\+xml;base64,/);
  await expect(panel.getByTestId('wiring-steps').locator('li').first()).toContainText(/supply|power/i);
  await expect(panel.getByTestId('connection').filter({ hasText: 'GPIO21' }).first()).toBeVisible();
  await keepScreenshot(page, 'agents-wiring');

  const code = await turn(chat, 'Write the firmware', 'Code generator');
  panel = await openCard(page, code, 'code', 1);
  await expect(panel.getByTestId('code-unit')).toHaveCount(3);
  await expect(panel.getByTestId('code-file').filter({ hasText: 'main.cpp' }).first()).toBeVisible();
  await expect(panel.getByTestId('code-unit').first()).toContainText('Adafruit BME280');
  await expect(panel.getByTestId('copy-code').first()).toBeVisible();
  await keepScreenshot(page, 'agents-code');

  // A reload keeps every card (rendered by the server now) and the opened version (URL state).
  const cards = await page.getByTestId('artifact-card').count();
  expect(cards).toBeGreaterThanOrEqual(6);
  await page.reload();
  await expect(page.getByTestId('artifact-panel').getByTestId('code-unit')).toHaveCount(3);
  await expect(page.getByTestId('artifact-card')).toHaveCount(cards);
  await page.getByRole('link', { name: 'Close the artifact' }).click();
  await expect(page.getByTestId('artifact-panel')).toHaveCount(0);
});
