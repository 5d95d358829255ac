// The project journey: a designed chat's project on /projects and its page (budget against the BOM total, the step
// it is on, parts linked to their artifact version), a chat moved into it, each export downloaded and read back,
// and a project started from a chat that says which exports it cannot make yet.
import fs from 'node:fs';
import { parse } from 'csv-parse/sync';
import { strFromU8, unzipSync } from 'fflate';
import { bomCsvHeaders } from '../../lib/exports/bom-csv';
import { designedChat } from '../support/designs';
import { expect, keepScreenshot, startGuestSession, supabaseAs, test } from './fixtures';

test('a project page a maker can build from: move a chat in, export every file', async ({ page, context }) => {
  await startGuestSession(context);
  const { supabase } = await supabaseAs(context);
  const { projectId } = await designedChat(supabase, 'Weather station');
  await supabase.from('chats').insert({ title: 'Garden notes' });

  await page.goto('/projects');
  await page.getByRole('link', { name: 'Projects', exact: true }).waitFor();
  const card = page.getByRole('list', { name: 'Projects' }).getByRole('listitem').first();
  await expect(card).toContainText('Weather station');
  await expect(card).toContainText('under budget');
  await keepScreenshot(page, 'projects');

  await card.getByRole('link', { name: 'Weather station' }).click();
  await expect(page).toHaveURL(`/projects/${projectId}`);
  await expect(page.getByTestId('project-budget')).toContainText('Target budget: $40.00');
  await expect(page.getByTestId('project-budget')).toContainText('under budget');
  await expect(page.getByRole('navigation', { name: 'Workflow' }).locator('[aria-current="step"]')).toHaveText(
    '4. Code',
  );
  const partLink = page.getByRole('table').first().getByRole('link', { name: 'Weather station BOM v1' }).first();
  await expect(partLink).toHaveAttribute('href', /\/chat\/[0-9a-f-]+\?artifact=[0-9a-f-]+&v=1$/);

  // Move the loose chat into the project.
  const move = page.getByRole('form', { name: 'Move a chat into this project' });
  await move.getByLabel('Move a chat into this project').selectOption({ label: 'Garden notes' });
  await move.getByRole('button', { name: 'Move here' }).click();
  const chats = page.getByRole('list', { name: 'Chats of the project' });
  await expect(chats.getByRole('link', { name: 'Garden notes' })).toBeVisible();
  await expect(chats.getByRole('link')).toHaveCount(2);
  await keepScreenshot(page, 'project-page');

  // Every export downloads under its versioned name and reads back.
  const read = async (kind: string) => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator(`[data-export="${kind}"]`).click(),
    ]);
    return { name: download.suggestedFilename(), bytes: fs.readFileSync((await download.path())!) };
  };
  for (const profile of ['universal', 'kicad', 'jlcpcb'] as const) {
    const csv = await read(`bom-${profile}`);
    expect(csv.name).toBe(`bom-v1-${profile}.csv`);
    const rows = parse(csv.bytes.toString('utf8'), { bom: true }) as string[][];
    expect(rows[0]).toEqual([...bomCsvHeaders[profile]]);
    expect(rows.length).toBeGreaterThan(3);
  }
  const pdf = await read('wiring-pdf');
  expect(pdf.name).toBe('wiring-v1.pdf');
  expect(pdf.bytes.subarray(0, 5).toString()).toBe('%PDF-');
  const zip = await read('firmware-zip');
  expect(zip.name).toBe('firmware-v1.zip');
  const files = Object.keys(unzipSync(zip.bytes));
  expect(files.filter((f) => f.endsWith('/platformio.ini')).length).toBeGreaterThanOrEqual(1);
  expect(files.some((f) => f.endsWith('/diagram.json'))).toBe(true);
  const wokwi = await read('wokwi-diagram');
  expect(wokwi.name).toBe('diagram-v1.json');
  expect(JSON.parse(strFromU8(wokwi.bytes)).parts.length).toBeGreaterThan(1);

  // The parts' version link opens the artifact beside its chat.
  await partLink.click();
  await expect(page.getByTestId('artifact-panel')).toBeVisible();
  await expect(page.getByTestId('artifact-version')).toContainText('1');

  // A project started from a chat without a design says what its exports need.
  await page.goto('/projects');
  const start = page.getByRole('form', { name: 'Start a project from a chat' });
  await start.getByLabel('Chat').selectOption({ label: 'Garden notes' });
  await start.getByLabel('Project name').fill('Garden sensor');
  await start.getByRole('button', { name: 'Start project' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Garden sensor');
  await expect(page.getByTestId('exports-missing')).toContainText('JLCPCB BOM need a BOM: ask OHM for a parts list');
  await expect(page.locator('[data-export]')).toHaveCount(0);
  await keepScreenshot(page, 'project-empty');
});
