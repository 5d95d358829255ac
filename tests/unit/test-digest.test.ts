// What `npm test` repeats at its end, read from real reporter output (Playwright's list reporter with a retry,
// Vitest's default reporter with its colours): CI shows only the tail, so the tail must name the failure and its cause.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { digestLine, digestText, newDigest } from '../../scripts/test-digest.ts';

const digestOf = (file: string) => {
  const digest = newDigest();
  for (const line of fs.readFileSync(new URL(`./fixtures/test-output/${file}`, import.meta.url), 'utf8').split('\n'))
    digestLine(digest, line);
  return digest;
};

describe('the test digest', () => {
  it('names a Playwright failure with its error, the values compared and the line it stopped at', () => {
    const digest = digestOf('playwright.txt');
    expect(digest.details[0]).toEqual({
      header: '1) [chromium] › tests/e2e/zz-tmp-digest.spec.ts:2:1 › digest sample',
      lines: [
        'Error: expect(locator).toHaveText(expected) failed',
        "Locator: getByTestId('v')",
        'Expected pattern: /^Version 1 of 3/',
        'Received string:  "Version 2 of 3"',
        'Timeout: 500ms',
      ],
      where: 'at /work/main/tests/e2e/zz-tmp-digest.spec.ts:4:39',
    });
    expect(digest.failures).toContain('✘  1 [chromium] › tests/e2e/zz-tmp-digest.spec.ts:2:1 › digest sample (1.1s)');
  });

  it('lists a test that passed only on retry as flaky, apart from the failed ones', () => {
    const digest = digestOf('playwright.txt');
    expect(digest.flaky).toEqual(['[chromium] › tests/e2e/zz-tmp-digest.spec.ts:7:1 › digest flaky sample']);
    expect(digestText(digest, 'names')).toMatch(
      /^failed tests:\n(.+\n)+flaky \(failed, then passed on retry\):\n {2}\[chromium\] › .*digest flaky sample$/,
    );
  });

  it('reads Vitest through its colours: the failed test, the assertion and where', () => {
    const digest = digestOf('vitest.txt');
    expect(digest.details).toEqual([
      {
        header: 'FAIL unit tests/unit/zz-tmp-digest.test.ts > digest > sample',
        lines: ['AssertionError: expected { a: 1 } to deeply equal { a: 2 }'],
        where: '❯ tests/unit/zz-tmp-digest.test.ts:2:66',
      },
    ]);
    expect(digestText(digest, 'details')).toBe(
      '\nFAIL unit tests/unit/zz-tmp-digest.test.ts > digest > sample' +
        '\n    AssertionError: expected { a: 1 } to deeply equal { a: 2 }' +
        '\n    ❯ tests/unit/zz-tmp-digest.test.ts:2:66',
    );
  });

  it('says nothing when nothing failed', () => {
    const digest = newDigest();
    for (const line of ['  ✓  1 [chromium] › tests/e2e/a.spec.ts:1:1 › fine (1s)', '  1 passed (2s)'])
      digestLine(digest, line);
    expect([digestText(digest, 'details'), digestText(digest, 'names')]).toEqual(['', '']);
  });
});
