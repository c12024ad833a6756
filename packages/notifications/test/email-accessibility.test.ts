import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkA11y, launchBrowser } from '@termin/testkit/browser';
import { renderEmail, type Lang, type NotificationKind } from '../src';
import { appointment } from './fixtures';

// Rendered in a real browser so axe can measure colour contrast, which needs layout.
let browser: Awaited<ReturnType<typeof launchBrowser>>;

beforeAll(async () => {
  browser = await launchBrowser();
}, 60_000);

afterAll(async () => {
  await browser?.close();
});

const cases = (['confirmation', 'cancellation', 'reschedule', 'reminder'] as NotificationKind[]).flatMap((kind) =>
  (['de', 'en'] as Lang[]).map((lang) => [kind, lang] as const),
);

describe('e-mail accessibility', () => {
  it.each(cases)('%s in %s passes axe WCAG 2.1 AA checks', async (kind, lang) => {
    const page = await browser.newPage();
    try {
      // Blocks the cid: image request; alt text is what axe judges.
      await page.setContent(renderEmail(kind, lang, appointment()).html);
      const violations = (await checkA11y(page, { bestPractice: true })).map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      expect(violations).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
