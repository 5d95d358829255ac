// Personal access tokens in a real browser, used by the official MCP SDK client against the running app: a guest
// creates a read-and-write token, sees its secret once, an MCP client lists their chats and tools with it, the
// secret is gone after a reload (the row says when it was last used), and after Revoke the same client is refused
// with the 401 that points at the protected-resource metadata. No axe violations on the page.
import AxeBuilder from '@axe-core/playwright';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { expect, keepScreenshot, seedChats, test } from './fixtures';

test('a token is created, shown once, used by an MCP client and revoked', async ({ page, context, baseURL }) => {
  await seedChats(context, [{ title: 'Greenhouse monitor', hoursAgo: 1 }]);
  await page.goto('/settings/tokens');
  await expect(page.getByRole('heading', { name: 'Access tokens' })).toBeVisible();
  await expect(page.getByText('No tokens yet.')).toBeVisible();

  await page.getByLabel('Name').fill('Claude Desktop');
  await page.getByLabel('Access').selectOption('read_write');
  await page.getByRole('button', { name: 'Create token' }).click();
  const secret = await page.getByTestId('token-secret').inputValue();
  expect(secret).toMatch(/^ohm_pat_[0-9a-f]{64}$/);
  await expect(page.getByTestId('token-row')).toHaveCount(1);
  await expect(page.getByTestId('token-state')).toHaveText('Active');
  await keepScreenshot(page, 'tokens-created');
  const axe = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .analyze();
  expect(axe.violations.map((v) => v.id)).toEqual([]);

  const endpoint = new URL('/api/mcp', baseURL);
  const client = new Client({ name: 'e2e', version: '1.0.0' });
  await client.connect(
    new StreamableHTTPClientTransport(endpoint, { requestInit: { headers: { Authorization: `Bearer ${secret}` } } }),
  );
  const { tools } = await client.listTools();
  expect(tools.map((t) => t.name)).toEqual(expect.arrayContaining(['list_chats', 'send_message', 'export_bom']));
  const listed = await client.callTool({ name: 'list_chats', arguments: {} });
  expect((listed.structuredContent as { chats: { title: string }[] }).chats.map((c) => c.title)).toEqual([
    'Greenhouse monitor',
  ]);
  await client.close();

  await page.reload();
  await expect(page.getByTestId('token-row')).toContainText('last used');
  await expect(page.getByTestId('token-secret-box')).toHaveCount(0);
  expect(await page.content()).not.toContain(secret.slice(14));

  await page.getByRole('button', { name: 'Revoke Claude Desktop' }).click();
  await expect(page.getByTestId('token-state')).toHaveText('Revoked');
  await expect(page.getByTestId('token-row')).toContainText('expires');
  await expect(page.getByRole('button', { name: 'Revoke Claude Desktop' })).toHaveCount(0);
  await keepScreenshot(page, 'tokens-revoked');

  const refused = await fetch(endpoint, {
    method: 'POST',
    headers: { Authorization: `Bearer ${secret}`, 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
  });
  expect(refused.status).toBe(401);
  expect(refused.headers.get('www-authenticate')).toContain(
    `resource_metadata="${new URL('/.well-known/oauth-protected-resource/api/mcp', baseURL)}"`,
  );
  expect((await refused.json()).message).toMatch(/revoked/);
  const metadata = await (await fetch(new URL('/.well-known/oauth-protected-resource/api/mcp', baseURL))).json();
  expect(metadata.resource).toBe(endpoint.toString());
});
