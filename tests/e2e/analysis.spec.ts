import { buildWokwiDiagram } from '../../lib/exports/wokwi';
import { makeDatasheetPdf } from '../unit/fixtures/datasheet-pdf';
import { weatherStationBom } from '../unit/fixtures/weather-station-bom';
import { weatherStationWiring } from '../unit/fixtures/weather-station-wiring';
import { dropFiles } from './drop-files';
import { expect, keepScreenshot, seedChats, test } from './fixtures';

test('a maker drops a datasheet and a Wokwi diagram on the composer, sends them, and sees each analysis on its card and in the chat', async ({
  page,
  context,
  chat,
}) => {
  const [chatId] = await seedChats(context, [{ title: 'Sensor datasheet', hoursAgo: 0 }]);
  await page.goto(`/chat/${chatId}`);
  const diagram = buildWokwiDiagram({ bom: weatherStationBom, wiring: weatherStationWiring }).diagram;
  await dropFiles(page, [
    { name: 'bme280-datasheet.pdf', mimeType: 'application/pdf', buffer: Buffer.from(await makeDatasheetPdf()) },
    { name: 'diagram.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(diagram)) },
  ]);
  await expect(page.locator('[data-testid="pending-upload"][data-state="ready"]')).toHaveCount(2);
  await chat.composer.fill('Here is the BME280 datasheet and my Wokwi diagram');
  await page.getByRole('button', { name: 'Send' }).click();

  const sent = chat.userMessages.last();
  const pdf = sent.getByTestId('message-attachment').filter({ hasText: 'bme280-datasheet.pdf' });
  await expect(pdf.getByTestId('attachment-status')).toHaveAttribute('data-status', 'done', { timeout: 30_000 });
  await expect(pdf.getByTestId('attachment-analysis')).toContainText(
    'I read the BME280 datasheet (40 of 40 pages): supply 1.71–3.6 V (p. 3), logic 1.2–3.6 V (p. 3), I2C 0x76 / 0x77',
  );
  const circuit = sent.getByTestId('message-attachment').filter({ hasText: 'diagram.json' });
  await expect(circuit.getByTestId('attachment-status')).toHaveAttribute('data-status', 'done', { timeout: 30_000 });
  // The analyses run once the message's reply has ended: this one built wiring v1, which the diagram is checked against.
  await expect(circuit.getByTestId('attachment-analysis')).toContainText('diagram.json differs from wiring v1');

  // The analysts' messages arrive in the chat, the datasheet's with its artifact.
  const analyst = chat.replies.filter({ hasText: 'I read the BME280 datasheet' });
  await expect(analyst).toHaveCount(1);
  await expect(analyst.getByTestId('artifact-card')).toContainText('Datasheet · v1');
  await expect(chat.replies.filter({ hasText: 'diagram.json differs from wiring v1' })).toHaveCount(1);
  await sent.scrollIntoViewIfNeeded();
  await keepScreenshot(page, 'datasheet-analysis');

  // The analysis is saved: a reload shows it on the card, and the artifact opens beside the chat.
  await page.reload();
  await expect(
    chat.userMessages.last().getByTestId('attachment-analysis').filter({ hasText: 'BME280 datasheet' }),
  ).toBeVisible();
  await chat.replies.filter({ hasText: 'I read the BME280 datasheet' }).getByTestId('artifact-card').click();
  await expect(page.getByText('Supply voltage').first()).toBeVisible();
  await keepScreenshot(page, 'datasheet-analysis-artifact');
});
