// 交付 as the counter lives it: the clerk's window and the resident's window side by side, the
// simulated card (with real-card timing from the PIN entry on) and the fake camera; the card is
// pulled while the certificates are written, put back, and the issuance completes. Afterwards nothing the resident
// typed, and no 12-digit number, is found in the database files, the audit rows or the logs.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { residentConfirmsCardFace } from './harness/counter-steps';
import { expect, test } from './harness/fixtures';
import { loginAs } from './harness/login';
import { openTrainer } from './harness/counter-steps';
import { pageMemory, residentEntersForIssuance } from './harness/resident-input';

const SIGNING_TYPED = 'mado2026key'; // upper-cased as typed: MADO2026KEY
const SIGNING = 'MADO2026KEY';
const PIN = '7395';

/** Everything the core wrote to the console during the test. */
function captureLogs(): { lines: string[]; restore(): void } {
  const lines: string[] = [];
  const originals = { log: console.log, warn: console.warn, error: console.error };
  for (const level of ['log', 'warn', 'error'] as const) {
    console[level] = (...args: unknown[]) => {
      lines.push(args.map(String).join(' '));
      originals[level](...args);
    };
  }
  return { lines, restore: () => Object.assign(console, originals) };
}

/** The resident enters the password and the PINs this spec chose. */
const residentEntersEverything = (resident: Page) =>
  residentEntersForIssuance(resident, SIGNING_TYPED, PIN);

test('交付 with both windows: the card pulled while certificates are written, put back, issued once', async ({
  page,
  harness,
}) => {
  test.setTimeout(240_000);
  const logs = captureLogs();
  try {
    await harness.open();
    await loginAs(page, 'renshu01');
    const resident = await harness.openResident();
    await expect(resident.getByTestId('resident-waiting')).toBeVisible();

    await page.getByTestId('nav-issuance').click();
    await page.getByLabel('交付通知書番号').fill('MD-2026-0001');
    // The birth date as written on the form, in 和暦.
    await page.getByTestId('find-by-notice').getByLabel('生年月日').fill('平成4年7月8日');
    await page.getByTestId('find-by-notice').getByLabel('生年月日').press('Enter');
    await expect(page.getByTestId('resident-name')).toHaveText('窓口　花子');
    await page.getByTestId('start-issuance').click();
    await page.getByTestId('resident-list-A').getByLabel('運転免許証').check();
    await page.getByTestId('documents-next').click();

    await openTrainer(page);
    const trainer = page.getByTestId('trainer-issuance');
    await trainer.getByLabel('申請', { exact: true }).selectOption('MD-2026-0001');
    await trainer.getByTestId('insert-application-card').click();

    // The face check: the chip photo (JPEG 2000 read from the card), the application photo, and
    // the fake camera playing a practice portrait; Space takes a still.
    await expect(page.getByTestId('step-face')).toBeVisible({ timeout: 30_000 });
    await expect(page.getByTestId('face-chip').locator('img')).toBeVisible({ timeout: 30_000 });
    await expect(page.getByTestId('face-application').locator('img')).toBeVisible();
    const video = page.getByTestId('face-live').locator('video');
    await expect(video).toBeVisible();
    await expect
      .poll(() => video.evaluate((v) => (v as unknown as { videoWidth: number }).videoWidth))
      .toBe(640);
    await page.keyboard.press('Space');
    await expect(page.getByTestId('face-still').locator('canvas')).toBeVisible();
    await harness.screenshot('issuance-live-face');
    await page.getByTestId('face-match').click();
    await residentConfirmsCardFace(page, resident);

    // Real-card timing for the card work that follows: the certificates take long enough to pull
    // the card while they are written.
    const cardTiming = harness.realCardTiming();
    await page.getByTestId('open-pin-entry').click();
    await residentEntersEverything(resident);

    // While the certificates go onto the card, the trainer pulls it out.
    const certificates = page.getByTestId('step-certificates');
    await expect(certificates).toHaveAttribute('data-phase', 'writing', { timeout: 60_000 });
    await harness.screenshot('issuance-certificates-writing');
    await page
      .getByTestId('trainer-panel')
      .getByRole('button', { name: 'カードを取り出す' })
      .click();

    await expect(page.getByTestId('step-needs-card')).toBeVisible({ timeout: 30_000 });
    await expect(page.getByTestId('procedure-notice')).toBeVisible();
    await harness.screenshot('issuance-card-pulled');
    await expect(resident.getByTestId('resident-failed')).toBeVisible();
    // Pulled mid-write is what the slow card was for: the rest runs at the simulator's speed.
    cardTiming.off();

    // The same card goes back in; the clerk reopens the entry and the resident types again.
    await page.getByTestId('reinsert-card').click();
    await expect(page.getByTestId('open-pin-entry')).toBeVisible({ timeout: 30_000 });
    await page.getByTestId('open-pin-entry').click();
    await residentEntersEverything(resident);
    await expect(resident.getByTestId('resident-done')).toBeVisible({ timeout: 120_000 });
    await expect(page.getByTestId('step-handover')).toBeVisible({ timeout: 30_000 });
    // The card-health summary read again at the counter: both certificates are on the card now.
    await expect(page.getByTestId('handover-health')).toContainText('990000000000001', {
      timeout: 30_000,
    });
    await harness.screenshot('issuance-handover-health');
    await page.getByTestId('complete-issuance').click();
    await expect(page.getByTestId('step-completed')).toBeVisible();
    await page.getByTestId('print-receipt').click();
    await expect(page.getByTestId('receipt')).toContainText('.pdf');

    // One key pair and one certificate of each kind, though the writing was interrupted.
    const db = harness.core.db()!;
    const certs = await db.all<{ kind: string; n: number }>(
      `SELECT c.kind AS kind, count(*) AS n FROM certificates c JOIN cards k ON k.id = c.card_id
        WHERE k.serial = '990000000000001' GROUP BY c.kind ORDER BY c.kind`,
    );
    expect(certs).toEqual([
      { kind: 'auth', n: 1 },
      { kind: 'signing', n: 1 },
    ]);

    // Nothing typed stays in either window.
    for (const p of [page, resident]) {
      expect(await pageMemory(p)).not.toMatch(new RegExp(`${SIGNING}|${SIGNING_TYPED}|${PIN}`));
    }

    // The scan: database file and its WAL, every audit row, every log line.
    const audit = await db.all<Record<string, unknown>>(
      'SELECT seq, at, operator_id, action, resident_id, card_id, details FROM audit_log',
    );
    expect(audit.length).toBeGreaterThan(10);
    // corePaths(dataDir).database (core.ts is not imported here: the harness runs it bundled).
    const database = join(harness.dataDir, 'issuance.sqlite3');
    const files = [database, `${database}-wal`].map((f) => {
      try {
        return readFileSync(f).toString('latin1');
      } catch {
        return '';
      }
    });
    const texts = {
      files: files.join('\n'),
      audit: JSON.stringify(audit),
      logs: logs.lines.join('\n'),
    };
    for (const [where, text] of Object.entries(texts)) {
      for (const secret of [SIGNING, SIGNING_TYPED]) {
        expect(text.includes(secret), `${secret} in ${where}`).toBe(false);
      }
      expect(new RegExp(`(?<![0-9])${PIN}(?![0-9])`).test(text), `the PIN in ${where}`).toBe(false);
      // 窓口花子's 個人番号, and any 12-digit run at all outside the binary pages.
      expect(text.includes('123456789018'), `個人番号 in ${where}`).toBe(false);
      if (where !== 'files') expect(/(?<![0-9])[0-9]{12}(?![0-9])/.test(text), where).toBe(false);
    }
  } finally {
    logs.restore();
  }
});
