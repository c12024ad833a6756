import axe from 'axe-core';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderEmail, type Lang, type NotificationKind } from '../src';
import { appointment } from './fixtures';

// Rendered in a real browser so axe can measure colour contrast, which needs layout.
let browser: Browser;

beforeAll(async () => {
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
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
      await page.addScriptTag({ content: axe.source });
      const violations = await page.evaluate(async (tags) => {
        // Runs inside the page, where the injected script put axe on the global object.
        const injected = (globalThis as unknown as { axe: typeof axe }).axe;
        const result = await injected.run({ runOnly: { type: 'tag', values: tags } });
        return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      }, ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']);
      expect(violations).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
