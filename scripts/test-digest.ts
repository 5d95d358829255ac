// What `npm test` repeats at its end from the suites' output: CI keeps only the tail, and that must say what failed
// and why. It reads Vitest's and Playwright's own reporters line by line: the lines naming a failed test (Vitest's
// "FAIL file > test", Playwright's "✘ … › file › test"), the tests Playwright calls flaky (failed, then passed on
// retry), and for each failure its first error lines and the line of the test where it stopped.
const failureLine = /^\s*(FAIL\s+(\S+\s+)?\S+\.test\.ts\s+>|✘\s+\d+\s)/;
const failureHeader = /^\s*(\d+\) \[\w+\] › |FAIL\s+(\S+\s+)?\S+\.test\.ts\s+>|⎯+ Unhandled \w+ ⎯+$)/;
const failureDetail = /^\s*(\w*Error\b.*|Locator:.*|Expected.*|Received.*|Timeout:.*|>\s*\d+\s*\|.*)$/;
const failureWhere = /^\s*(at \S+\.(spec|test)\.ts:\d+.*|❯ \S+\.ts:\d+.*)$/;
const boxTail = /\s*─+$/;
const flakyCount = /^\s*\d+ flaky$/;
const flakyName = /^\s*\[\w+\] › /;
const ansi = /\x1b\[[0-9;]*m/g;
const detailsPerFailure = 5;
const detailWidth = 200;

export type Digest = {
  failures: string[];
  flaky: string[];
  details: Array<{ header: string; lines: string[]; where?: string }>;
  inFlakyList: boolean;
};

export const newDigest = (): Digest => ({ failures: [], flaky: [], details: [], inFlakyList: false });

export function digestLine(digest: Digest, raw: string) {
  const line = raw.replace(ansi, '').replace(boxTail, '').trimEnd();
  if (failureLine.test(line) && !digest.failures.includes(line.trim())) digest.failures.push(line.trim());
  if (flakyCount.test(line)) return void (digest.inFlakyList = true);
  if (digest.inFlakyList && flakyName.test(line)) return void digest.flaky.push(line.trim());
  digest.inFlakyList = false;
  if (failureHeader.test(line))
    return void digest.details.push({ header: line.trim().replace(/\s+/g, ' '), lines: [] });
  const open = digest.details.at(-1);
  if (!open) return;
  if (failureWhere.test(line)) open.where ??= line.trim();
  else if (open.lines.length < detailsPerFailure && failureDetail.test(line))
    open.lines.push(line.trim().slice(0, detailWidth));
}

/** `details` goes above the summary (at most four failures), `names` under it. */
export function digestText(digest: Digest, part: 'details' | 'names'): string {
  if (part === 'details')
    return digest.details
      .slice(0, 4)
      .map(({ header, lines, where }) => [`\n${header}`, ...lines, ...(where ? [where] : [])].join('\n    '))
      .join('');
  const list = (title: string, items: string[]) =>
    items.length ? `${title}:\n${items.map((i) => `  ${i}`).join('\n')}` : '';
  return [list('failed tests', digest.failures), list('flaky (failed, then passed on retry)', digest.flaky)]
    .filter(Boolean)
    .join('\n');
}

export function printDigest(digest: Digest, part: 'details' | 'names') {
  const text = digestText(digest, part);
  if (text) console.log(text);
}
