// The scale report people read: a markdown summary with the ratios to the baselines and three SVG charts (open a
// chat by chat length, search by how many hits a term has, append by concurrency), written beside the JSON.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DatasetInfo } from './dataset.ts';
import type { Result } from './reads.ts';

const ms = (n: number | undefined) => (n === undefined ? '—' : n < 10 ? n.toFixed(2) : n.toFixed(1));
const ratio = (r: Result) => (r.baseline ? (r.ours.p50 / r.baseline.timing.p50).toFixed(2) + '×' : '—');
const gb = (bytes: number) => (bytes / 1024 ** 3).toFixed(1) + ' GB';

type Series = { name: string; color: string; values: number[] };

/** A grouped bar chart on a log scale (latencies span three orders of magnitude), as a standalone SVG. */
function barChart(title: string, labels: string[], series: Series[], unit = 'ms p50'): string {
  const width = 760;
  const height = 340;
  const left = 60;
  const bottom = 70;
  const top = 40;
  const all = series.flatMap((s) => s.values).filter((v) => v > 0);
  const lo = Math.pow(10, Math.floor(Math.log10(Math.min(...all))));
  const hi = Math.pow(10, Math.ceil(Math.log10(Math.max(...all))));
  const y = (v: number) => top + (height - top - bottom) * (1 - Math.log10(v / lo) / Math.log10(hi / lo));
  const groupWidth = (width - left - 20) / labels.length;
  const barWidth = (groupWidth * 0.8) / series.length;
  const parts: string[] = [];
  for (let d = lo; d <= hi; d *= 10) {
    parts.push(`<line x1="${left}" x2="${width - 20}" y1="${y(d)}" y2="${y(d)}" stroke="#ddd"/>`);
    parts.push(
      `<text x="${left - 6}" y="${y(d) + 4}" text-anchor="end" font-size="11">${d >= 1 ? d : d.toFixed(2)}</text>`,
    );
  }
  labels.forEach((label, i) => {
    const x0 = left + i * groupWidth + groupWidth * 0.1;
    series.forEach((s, j) => {
      const v = s.values[i];
      if (!(v > 0)) return;
      parts.push(
        `<rect x="${x0 + j * barWidth}" y="${y(v)}" width="${barWidth - 2}" height="${height - bottom - y(v)}" fill="${s.color}"><title>${s.name}: ${ms(v)} ms</title></rect>`,
      );
    });
    parts.push(
      `<text x="${x0 + groupWidth * 0.4}" y="${height - bottom + 16}" text-anchor="middle" font-size="11">${escape(label)}</text>`,
    );
  });
  series.forEach((s, j) => {
    parts.push(`<rect x="${left + j * 190}" y="${height - 24}" width="12" height="12" fill="${s.color}"/>`);
    parts.push(`<text x="${left + j * 190 + 18}" y="${height - 14}" font-size="12">${escape(s.name)}</text>`);
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif">
<text x="${left}" y="22" font-size="15" font-weight="bold">${escape(title)}</text>
<text x="14" y="${top - 8}" font-size="11">${unit}</text>
${parts.join('\n')}
</svg>
`;
}

const escape = (s: string) => s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('"', '&quot;');

export function writeReport(dir: string, info: DatasetInfo, results: Result[], load: number[]) {
  fs.mkdirSync(dir, { recursive: true });
  const at = new Date().toISOString();
  fs.writeFileSync(path.join(dir, 'scale.json'), JSON.stringify({ at, load, dataset: info, results }, null, 2));
  const by = (group: string) => results.filter((r) => r.group === group);
  const open = by('open a chat').filter((r) => r.name.endsWith('/rest/v1'));
  fs.writeFileSync(
    path.join(dir, 'open-a-chat.svg'),
    barChart(
      'Open a chat (newest 50 of the active branch) by chat length',
      open.map((r) => r.name.replace(', /rest/v1', '')),
      [
        { name: 'get_chat_page', color: '#2563eb', values: open.map((r) => r.ours.p50) },
        { name: 'plain keyset page', color: '#9ca3af', values: open.map((r) => r.baseline!.timing.p50) },
        { name: 'limit 50 offset n', color: '#f59e0b', values: open.map((r) => r.others!['limit 50 offset n'].p50) },
      ],
    ),
  );
  const heavy = by('search, heavy user').filter((r) => r.baseline);
  fs.writeFileSync(
    path.join(dir, 'search.svg'),
    barChart(
      'Search for the heavy user by how many messages match',
      heavy.map((r) => r.name.replace(/ \(.*/, '') + ` (${r.hits})`),
      [
        { name: 'search_messages p95', color: '#2563eb', values: heavy.map((r) => r.ours.p95) },
        { name: 'every hit ranked p95', color: '#9ca3af', values: heavy.map((r) => r.baseline!.timing.p95) },
      ],
      'ms p95',
    ),
  );
  const writes = by('append').filter((r) => r.baseline);
  fs.writeFileSync(
    path.join(dir, 'append.svg'),
    barChart(
      'Append by concurrent writers',
      writes.map((r) => r.name.replace(', SQL', '')),
      [
        { name: 'append_message (SQL)', color: '#2563eb', values: writes.map((r) => r.ours.p50) },
        { name: 'counter + insert (SQL)', color: '#9ca3af', values: writes.map((r) => r.baseline!.timing.p50) },
        {
          name: 'append_message via /rest/v1',
          color: '#f59e0b',
          values: writes.map((r) => r.others!['append_message via /rest/v1'].p50),
        },
      ],
    ),
  );
  const rows = results.map((r) => {
    const others = Object.entries(r.others ?? {})
      .map(([name, t]) => `${name} ${ms(t.p50)} (${(r.ours.p50 / t.p50).toFixed(2)}×)`)
      .concat(r.note ? [r.note] : [])
      .join('; ');
    return `| ${r.group} | ${r.name} | ${ms(r.ours.p50)} | ${ms(r.ours.p95)} | ${r.baseline ? `${r.baseline.name} ${ms(r.baseline.timing.p50)} / ${ms(r.baseline.timing.p95)}` : '—'} | ${ratio(r)} | ${others} |`;
  });
  const md = `# Scale benchmark: ${info.messages.toLocaleString('en')} messages

\`npm run bench -- scale --messages ${info.messages}\` at ${at} on ${os.cpus().length} cores, load average ${load.map((l) => l.toFixed(2)).join(' / ')} (1 / 5 / 15 min; the machine was shared).

Dataset: ${info.messages.toLocaleString('en')} messages in ${info.chats.toLocaleString('en')} chats of ${info.users.toLocaleString('en')} users; the heavy user has ${info.heavyUserMessages.toLocaleString('en')} messages in 2,000 chats; ${info.artifacts.toLocaleString('en')} artifacts with ${info.artifactVersions.toLocaleString('en')} versions; ${info.shares.toLocaleString('en')} shares. ${gb(info.databaseBytes)} on disk (messages with their indexes ${gb(info.messagesBytes)}), built in ${(info.buildSeconds / 60).toFixed(1)} min.

Every figure is milliseconds through \`/rest/v1\` as the user (RLS on), unless the row says otherwise; × is p50 over the baseline's p50.

| workload | case | p50 | p95 | baseline p50 / p95 | × | also measured (p50, ×) |
|---|---|---|---|---|---|---|
${rows.join('\n')}

![Open a chat](open-a-chat.svg)

![Search](search.svg)

![Append](append.svg)
`;
  fs.writeFileSync(path.join(dir, 'README.md'), md);
}
