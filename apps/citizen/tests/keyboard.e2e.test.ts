import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { focusIndicator, phone, screenshotFolder, tabTo, usePortal } from './portal';

const portal = usePortal();
const shots = screenshotFolder('citizen-keyboard');

describe('booking with the keyboard only', () => {
  it('books from the office list to the confirmation with Tab, Shift+Tab, Enter, Space and the arrow keys, the focus always visible', async ({ annotate }) => {
    const page = await portal.open('/', { ...phone, locale: 'de-DE' });
    let step = 0;
    const shoot = async (name: string) => {
      const path = `${shots}${String(++step).padStart(2, '0')}-${name}.png`;
      await page.screenshot({ path, fullPage: true });
      await annotate(`screenshot of ${name}: ${path}`);
    };
    /** Tabs to the link named `name` and follows it with Enter. */
    const follow = async (link: ReturnType<Page['getByRole']>, url: RegExp) => {
      await tabTo(page, `a[href="${await link.getAttribute('href')}"]`);
      await page.keyboard.press('Enter');
      await page.waitForURL(url);
    };

    await shoot('offices');
    await follow(page.getByRole('link', { name: /Bürgeramt Mitte/ }), /\/book\/[^/]+$/);
    await shoot('services');
    await follow(page.getByRole('link', { name: 'Personalausweis beantragen' }), /\/book\/[^/]+\/[^/?]+$/);
    await shoot('day');
    // Not today: today's first time sits at the lead-time boundary and could pass meanwhile.
    await follow(page.locator('ul.days a').nth(1), /\?date=\d{4}-\d{2}-\d{2}$/);

    // The times are one radio group: Tab lands on the chosen one, an arrow key chooses the next.
    const times = await page.locator('input[name="startsAt"]').evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value));
    expect(times.length).toBeGreaterThan(1);
    await tabTo(page, 'input[name="startsAt"]:checked');
    await page.keyboard.press('ArrowDown');
    expect(await page.locator('input[name="startsAt"]:checked').inputValue()).toBe(times[1]);
    expect((await focusIndicator(page)).indicator).not.toBeNull();
    await shoot('time');
    await tabTo(page, 'main form button[type="submit"]');
    await page.keyboard.press('Space');
    await page.waitForURL(/\/details\?startsAt=/);
    expect(new URL(page.url()).searchParams.get('startsAt')).toBe(times[1]);

    await tabTo(page, '#name');
    await page.keyboard.type('Karla Tastatur');
    await tabTo(page, '#email');
    await page.keyboard.type('karla.tastatur@example.org');
    await tabTo(page, '#consent');
    await page.keyboard.press('Space');
    expect(await page.locator('#consent').isChecked()).toBe(true);
    // One step back lands on the SMS box, left unticked; forward again to the form's button.
    await page.keyboard.press('Shift+Tab');
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement).name)).toBe('smsOptIn');
    expect((await focusIndicator(page)).indicator).not.toBeNull();
    expect(await page.locator('input[name="smsOptIn"]').isChecked()).toBe(false);
    await shoot('details');
    await tabTo(page, 'main form button[type="submit"]');
    await page.keyboard.press('Enter');

    await page.waitForURL(/\/booked\//);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Ihr Termin ist gebucht');
    await shoot('confirmation');
    const code = (await page.locator('dd.code').textContent())!;
    const booking = await portal.stack.db.appointment.findUniqueOrThrow({ where: { bookingCode: code } });
    expect({ name: booking.citizenName, startsAt: booking.startsAt.toISOString(), sms: booking.smsOptIn }).toEqual({
      name: 'Karla Tastatur',
      startsAt: new Date(times[1]!).toISOString(),
      sms: false,
    });
  }, 90_000);
});
