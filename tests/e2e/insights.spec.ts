// /insights in a real browser: a guest's seeded agent replies (several days, agents and models, a project with a
// budget, an artifact version, an unpriced model, a formula-like chat title) show as KPI cards, charts with their
// table equivalents, top chats and projects and the cost per version; filters live in the URL; the CSV download is
// formula-safe; no axe violations and a screenshot in the light and the dark theme.
import AxeBuilder from '@axe-core/playwright';
import { createClient } from '@supabase/supabase-js';
import type { BrowserContext, Page } from '@playwright/test';
import type { Database } from '../../lib/supabase/database.types.ts';
import { apiUrl, secretKey } from '../../supabase/local/config.ts';
import { expect, keepScreenshot, startGuestSession, supabaseAs, test } from './fixtures';

const service = createClient<Database>(apiUrl, secretKey, { auth: { persistSession: false, autoRefreshToken: false } });

async function must<T>(result: PromiseLike<{ data: T | null; error: { message: string } | null }>): Promise<T> {
  const { data, error } = await result;
  if (error || data === null) throw new Error(error?.message ?? 'no data');
  return data;
}

/** Two chats (one in a project with a $40 budget), replies over three days, one BOM version. */
async function seedUsage(context: BrowserContext) {
  const { supabase, userId } = await supabaseAs(context);
  const [project] = await must(
    supabase.from('projects').insert({ name: 'Solar weather station', target_budget: 40 }).select('id'),
  );
  const chats = await must(
    supabase
      .from('chats')
      .insert([{ title: 'Weather station BOM', project_id: project.id }, { title: '=HYPERLINK("http://evil")' }])
      .select('id, title'),
  );
  const [bomChat, oddChat] = chats;
  const replies: {
    chat: string;
    agent: string;
    model: string;
    input: number;
    read: number;
    output: number;
    daysAgo: number;
  }[] = [
    {
      chat: bomChat.id,
      agent: 'orchestrator',
      model: 'openai/gpt-4o-mini',
      input: 1200,
      read: 800,
      output: 90,
      daysAgo: 2,
    },
    {
      chat: bomChat.id,
      agent: 'bomGenerator',
      model: 'anthropic/claude-sonnet-5-5',
      input: 6000,
      read: 4000,
      output: 2400,
      daysAgo: 0,
    },
    {
      chat: bomChat.id,
      agent: 'wiringGenerator',
      model: 'anthropic/claude-sonnet-5-5',
      input: 5000,
      read: 0,
      output: 1800,
      daysAgo: 0,
    },
    {
      chat: oddChat.id,
      agent: 'conversational',
      model: 'openai/gpt-4o',
      input: 3000,
      read: 0,
      output: 700,
      daysAgo: 1,
    },
    { chat: oddChat.id, agent: 'conversational', model: 'acme/no-price', input: 100, read: 0, output: 100, daysAgo: 0 },
  ];
  const ids: string[] = [];
  for (const r of replies) {
    const [row] = await must(
      service
        .from('messages')
        .insert({
          chat_id: r.chat,
          role: 'assistant',
          content: `${r.agent} reply`,
          agent_name: r.agent,
          agent_model: r.model,
          input_tokens: r.input,
          input_cache_read_tokens: r.read,
          output_tokens: r.output,
        })
        .select('id'),
    );
    ids.push(row.id);
    if (r.daysAgo > 0) {
      const at = new Date(Date.now() - r.daysAgo * 86_400_000).toISOString();
      await must(service.from('messages').update({ created_at: at }).eq('id', row.id).select('id'));
    }
  }
  await must(
    service.rpc('create_artifact_with_version', {
      p_chat_id: bomChat.id,
      p_project_id: project.id,
      p_type: 'bom',
      p_title: 'Weather Station BOM',
      p_content: '',
      p_content_json: { components: ['ESP32', 'BME280'] },
      p_message_id: ids[1],
    }),
  );
  return { userId, projectId: project.id, bomChatId: bomChat.id };
}

async function violations(page: Page) {
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .analyze();
  return result.violations.map((v) => ({
    id: v.id,
    nodes: v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary}`),
  }));
}

for (const scheme of ['light', 'dark'] as const) {
  test(`insights shows the user's usage and cost, accessibly (${scheme})`, async ({ page, context, shell }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await startGuestSession(context);
    await page.goto('/');
    await expect(page.getByRole('textbox', { name: 'Message' })).toBeVisible();
    const { projectId } = await seedUsage(context);

    await shell.openAccount();
    await page.getByRole('link', { name: 'Usage and cost' }).click();
    await page.waitForURL(/\/insights$/);
    const kpis = page.getByTestId('insights-kpis');
    await expect(kpis).toContainText('Agent replies5');
    await expect(kpis).toContainText('Unpriced calls1');
    await expect(kpis).toContainText('Input tokens15,300');
    await expect(kpis).toContainText('4,800 read from cache');
    // gpt-4o-mini 400 uncached + 800 cached in + 90 out; sonnet-5-5 2000 + 4000 cached + 2400 out, 5000 + 1800 out;
    // gpt-4o 3000 + 700 out. The unpriced reply adds nothing.
    const cost =
      (400 * 0.00015 + 800 * 0.000075 + 90 * 0.0006) / 1000 +
      (2000 * 0.002 + 4000 * 0.0002 + 2400 * 0.01) / 1000 +
      (5000 * 0.002 + 1800 * 0.01) / 1000 +
      (3000 * 0.0025 + 700 * 0.01) / 1000;
    await expect(kpis).toContainText(`Cost$${cost.toFixed(4)}`);

    await expect(page.getByTestId('daily-chart').locator('.recharts-bar-rectangle').first()).toBeVisible();
    const daily = page.getByTestId('daily-usage');
    await daily.getByText('Show as a table').click();
    await expect(daily.getByRole('table').getByRole('row')).toHaveCount(4);
    await expect(page.getByTestId('top-projects')).toContainText('Solar weather station');
    await expect(page.getByTestId('top-projects')).toContainText('$40.00');
    await expect(page.getByTestId('top-chats').getByRole('row').nth(1)).toContainText('Weather station BOM');
    await expect(page.getByTestId('version-costs').getByRole('link', { name: 'Weather Station BOM v1' })).toBeVisible();

    expect(await violations(page)).toEqual([]);
    await keepScreenshot(page, `insights-${scheme}`);

    // The chart surface takes keyboard focus, and the arrow keys walk its days in the tooltip.
    const surface = page.getByTestId('daily-chart').locator('svg[tabindex="0"]');
    await surface.focus();
    await expect(surface).toBeFocused();
    await page.keyboard.press('ArrowRight');
    await expect(page.getByTestId('daily-chart').locator('.recharts-tooltip-wrapper')).toContainText(
      /\d{4}-\d{2}-\d{2}/,
    );

    // A filter is a URL: one project, stacked by agent.
    await page.getByRole('combobox', { name: 'Project', exact: true }).selectOption(projectId);
    await page.getByRole('combobox', { name: 'Stack by' }).selectOption('agent');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.waitForURL(/project=.*by=agent/);
    await expect(kpis).toContainText('Agent replies3');
    await expect(kpis).toContainText('Unpriced calls0');
    await expect(page.getByTestId('daily-usage')).toContainText('stacked by agent');

    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Download CSV' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^ohm-usage-\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}\.csv$/);
    const all = await page.request.get('/insights/export');
    const csv = await all.text();
    expect(all.headers()['content-type']).toContain('text/csv');
    expect(csv).toContain(`"'=HYPERLINK(""http://evil"")"`);
    expect(csv.trim().split('\n')).toHaveLength(6);
    const bad = await page.request.get('/insights/export?range=custom&from=2026-02-30&to=2026-03-01');
    expect(bad.status()).toBe(400);
    expect((await bad.json()).error.message).toContain('does not exist');
  });
}

test('a bad filter in the URL shows a clear message and the default range', async ({ page, context }) => {
  await startGuestSession(context);
  await page.goto('/');
  await expect(page.getByRole('textbox', { name: 'Message' })).toBeVisible();
  await page.goto('/insights?range=custom&from=2026-11-10&to=2026-11-01');
  await expect(page.getByRole('alert').filter({ hasText: 'start date' })).toContainText(
    'The start date must not be after the end date',
  );
  await expect(page.getByTestId('insights-kpis')).toContainText('Agent replies0');
});
