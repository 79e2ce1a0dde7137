// One screen per decision: at every step of every procedure, and on the find and history screens,
// the step's main action is inside the window at 1280×800 and at 1366×768 without scrolling (its
// bounding box, checked at both sizes, with a screenshot of each). The face step's layout is
// another helper's and is passed through, not measured. Along the way: the handover shows the
// new certificates' dates from the database and the 和暦 beside each date; a card offers only
// what main accepts, and says from when the rest.
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { eraYear } from '../../preload/contract/rules/japanese-date';
import { certificateRenewalOpensOn } from '../../preload/contract/rules/validity';
import {
  insertApplicationCard,
  insertPreset,
  residentConfirmsCardFace,
} from './harness/counter-steps';
import { expect, test } from './harness/fixtures';
import {
  approveAsSupervisor,
  choiceReady,
  counterWithResident,
  faceMatches,
  openHistory,
  SERIAL,
  start,
  turnTo,
} from './harness/lifecycle-steps';
import { loginAs } from './harness/login';
import { PICTURES_WANTED, SCREENS_DIR } from './harness/paths';
import { residentEntersForIssuance } from './harness/resident-input';

const SIZES = [
  { width: 1280, height: 800 },
  { width: 1366, height: 768 },
] as const;

/**
 * The step's main action is in the window at both sizes with nothing scrolled: every scrolled
 * box back at its top first, as the clerk finds a new step (or, after a search, where the app
 * itself brought the result). A screenshot of the window at each.
 */
async function mainActionInView(
  page: Page,
  name: string,
  action: Locator,
  where: 'top' | 'as-the-app-left-it' = 'top',
): Promise<void> {
  await expect(action).toBeVisible();
  for (const size of SIZES) {
    await page.setViewportSize(size);
    if (where === 'top')
      await page.evaluate(() => {
        // The page's own types: this file is checked without the DOM library.
        type Box = { scrollTop: number };
        const doc = (globalThis as unknown as { document: PageDocument }).document;
        for (const el of [doc.scrollingElement, ...doc.querySelectorAll('*')])
          if (el && el.scrollTop > 0) el.scrollTop = 0;
        type PageDocument = { scrollingElement: Box | null; querySelectorAll(s: string): Box[] };
      });
    if (PICTURES_WANTED)
      await page.screenshot({
        path: join(SCREENS_DIR, `one-screen-${name}-${size.width}x${size.height}.png`),
      });
    const box = await action.boundingBox();
    const at = `${name} at ${size.width}×${size.height}`;
    expect(box, at).not.toBeNull();
    expect(box!.y, at).toBeGreaterThanOrEqual(0);
    expect(box!.x, at).toBeGreaterThanOrEqual(0);
    expect(box!.y + box!.height, at).toBeLessThanOrEqual(size.height);
    expect(box!.x + box!.width, at).toBeLessThanOrEqual(size.width);
  }
  await page.setViewportSize(SIZES[0]);
}

/** A licence shown; the documents step's button measured first. */
async function documentsStep(page: Page, name: string): Promise<void> {
  await expect(page.getByTestId('step-documents')).toBeVisible();
  await page.getByTestId('resident-list-A').getByLabel('運転免許証').check();
  await mainActionInView(page, `${name}-documents`, page.getByTestId('documents-next'));
  await page.getByTestId('documents-next').click();
}

/** The card step, measured before the trainer puts the card in. */
async function cardStep(page: Page, name: string): Promise<void> {
  await expect(page.getByTestId('step-card')).toBeVisible();
  await mainActionInView(page, `${name}-card`, page.getByTestId('check-card'));
}

/** The choice of secrets, measured, then on to the PINs step, measured. */
async function chooseAndPins(page: Page, name: string): Promise<void> {
  await choiceReady(page);
  await mainActionInView(page, `${name}-choose`, page.getByTestId('choose-next'));
  await page.getByTestId('choose-next').click();
  await expect(page.getByTestId('step-pins')).toBeVisible();
  await mainActionInView(page, `${name}-pins`, page.getByTestId('open-pin-entry'));
}

/** 2035-02-17 as the screens write a card's or a resident's date: 2035年2月17日（令和17年）. */
function withEra(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日（${eraYear(iso)}）`;
}

test.describe('one screen per decision', () => {
  test('交付: find, documents, card, PINs, handover, completed', async ({ page, harness }) => {
    test.setTimeout(180_000);
    const resident = await counterWithResident(page, harness);
    await page.getByTestId('nav-issuance').click();
    const byNotice = page.getByTestId('find-by-notice');
    await page.getByLabel('交付通知書番号').fill('MD-2026-0001');
    await byNotice.getByLabel('生年月日').fill('平成4年7月8日');
    await mainActionInView(page, 'find', byNotice.getByRole('button'));
    await byNotice.getByLabel('生年月日').press('Enter');
    await expect(page.getByTestId('resident-name')).toHaveText('窓口　花子');
    // The birth date with its era, as the 交付通知書 writes it.
    await expect(page.getByTestId('match')).toContainText('1992年7月8日（平成4年）');
    // One found: the app gives the start button the focus, which brings it into the window.
    await expect(page.getByTestId('start-issuance')).toBeFocused();
    await mainActionInView(
      page,
      'find-match',
      page.getByTestId('start-issuance'),
      'as-the-app-left-it',
    );
    await page.getByTestId('start-issuance').click();

    await documentsStep(page, 'issuance');
    await cardStep(page, 'issuance');
    await insertApplicationCard(page, 'MD-2026-0001');
    await faceMatches(page);
    await expect(page.getByTestId('step-card-face')).toBeVisible();
    await mainActionInView(page, 'issuance-card-face', page.getByTestId('show-card-face'));
    await residentConfirmsCardFace(page, resident);
    await expect(page.getByTestId('step-pins')).toBeVisible();
    await mainActionInView(page, 'issuance-pins', page.getByTestId('open-pin-entry'));
    await page.getByTestId('open-pin-entry').click();
    await turnTo(resident);
    await residentEntersForIssuance(resident, 'mado2026key', '7395');
    await expect(resident.getByTestId('resident-done')).toBeVisible({ timeout: 60_000 });
    await turnTo(page);

    const handover = page.getByTestId('step-handover');
    await expect(handover).toBeVisible({ timeout: 30_000 });
    await expect(page.getByTestId('handover-health')).toContainText('990000000000001', {
      timeout: 30_000,
    });
    // What the database recorded of the certificates just issued: the signing one's dates too.
    const recorded = await harness.core.db()!.all<{ kind: string; notAfter: string }>(
      `SELECT c.kind AS kind, c.not_after AS notAfter FROM certificates c
         JOIN cards k ON k.id = c.card_id WHERE k.serial = '990000000000001'`,
    );
    expect(recorded.map((c) => c.kind).sort()).toEqual(['auth', 'signing']);
    for (const cert of recorded) {
      const day = new Date(Date.parse(cert.notAfter) + 9 * 3_600_000).toISOString().slice(0, 10);
      await expect(page.getByTestId(`handover-cert-${cert.kind}`)).toContainText(
        `${withEra(day)}まで`,
      );
    }
    await expect(handover).not.toContainText('表示できません');
    const expiry = await harness.core
      .db()!
      .get<{ expiry: string }>("SELECT expiry FROM cards WHERE serial = '990000000000001'");
    await expect(page.getByTestId('handover-expiry')).toHaveText(withEra(expiry!.expiry));
    // The decision where the eye is: the collected cards and 交付を完了する, all in the window.
    for (const size of SIZES) {
      await page.setViewportSize(size);
      for (const id of ['collected-juki', 'collected-notification']) {
        const box = await page.getByTestId(id).boundingBox();
        expect(box!.y + box!.height, `${id} at ${size.width}×${size.height}`).toBeLessThanOrEqual(
          size.height,
        );
      }
    }
    await mainActionInView(page, 'issuance-handover', page.getByTestId('complete-issuance'));
    await page.getByTestId('collected-notification').check();
    await page.getByTestId('complete-issuance').click();
    await expect(page.getByTestId('step-completed')).toBeVisible();
    await mainActionInView(page, 'issuance-completed', page.getByTestId('print-receipt'));
  });

  test('一時停止 and 解除: the resident’s page, the report, documents, card, choice, PINs', async ({
    page,
    harness,
  }) => {
    test.setTimeout(120_000);
    await counterWithResident(page, harness);
    const card = await openHistory(page, SERIAL.issued, '見本　太郎');
    await mainActionInView(page, 'history', card.locator('[data-start="suspension"]'));
    await start(card, 'suspension');
    await expect(page.getByTestId('step-report')).toBeVisible();
    await page.getByLabel('コールセンター（24時間受付）').check();
    await page.getByLabel('電話').check();
    await mainActionInView(page, 'suspension-report', page.getByTestId('register-suspension'));
    await page.getByTestId('register-suspension').click();
    await expect(page.getByTestId('step-completed')).toContainText('一時停止を登録しました');

    await page.getByTestId('to-history').click();
    const suspended = page.locator(`[data-card="${SERIAL.issued}"]`);
    await expect(suspended.getByTestId('card-state')).toHaveText('一時停止中');
    await start(suspended, 'release');
    await documentsStep(page, 'release');
    await cardStep(page, 'release');
    await insertPreset(page, 'issued');
    await faceMatches(page);
    await chooseAndPins(page, 'release');
  });

  test('暗証番号の初期化・再設定: documents, card, choice, PINs', async ({ page, harness }) => {
    test.setTimeout(120_000);
    await counterWithResident(page, harness);
    const card = await openHistory(page, SERIAL.signingLocked, '試験　次郎');
    await start(card, 'pin-reset');
    await documentsStep(page, 'pin-reset');
    await cardStep(page, 'pin-reset');
    await insertPreset(page, 'signing-locked');
    await chooseAndPins(page, 'pin-reset');
  });

  test('電子証明書の更新 of expired certificates: documents, card, choice, PINs', async ({
    page,
    harness,
  }) => {
    test.setTimeout(120_000);
    await counterWithResident(page, harness);
    const card = await openHistory(page, SERIAL.certExpired, '模擬　五月');
    await mainActionInView(page, 'renewal-history', card.locator('[data-start="renewal"]'));
    await start(card, 'renewal');
    await documentsStep(page, 'renewal');
    await cardStep(page, 'renewal');
    await insertPreset(page, 'cert-expired');
    await chooseAndPins(page, 'renewal');
  });

  test('電子証明書の更新 before its window is not offered: the page says from when, main refuses too', async ({
    page,
    harness,
  }) => {
    await harness.open();
    await loginAs(page, 'renshu01');
    const card = await openHistory(page, SERIAL.issued, '見本　太郎');
    const first = await harness.core.db()!.get<{ notAfter: string }>(
      `SELECT min(c.not_after) AS notAfter FROM certificates c JOIN cards k ON k.id = c.card_id
        WHERE k.serial = ? AND c.status = 'issued'`,
      [SERIAL.issued],
    );
    const opens = certificateRenewalOpensOn(new Date(first!.notAfter));
    await expect(card.locator('[data-start="renewal"]')).toHaveCount(0);
    await expect(card.locator('[data-refused="renewal"]')).toContainText(
      `電子証明書の更新は${withEra(opens)}からです。`,
    );
    await expect(card.locator('[data-start="renewal-facts-changed"]')).toBeVisible();
    await mainActionInView(page, 'renewal-not-yet', card.locator('[data-refused="renewal"]'));
  });

  test('廃止: reason, approval, card, 穴あけ', async ({ page, harness }) => {
    test.setTimeout(120_000);
    await harness.open();
    await loginAs(page, 'renshu01');
    const card = await openHistory(page, SERIAL.issued, '見本　太郎');
    await start(card, 'revocation');
    await expect(page.getByTestId('step-reason')).toBeVisible();
    await page.getByLabel(/^返納/).check();
    await page.getByLabel('カードがある（返納された）').check();
    await mainActionInView(page, 'revocation-reason', page.getByTestId('reason-next'));
    await page.getByTestId('reason-next').click();
    await expect(page.getByTestId('step-approval')).toBeVisible();
    await mainActionInView(page, 'revocation-approval', page.getByTestId('open-approval'));
    await approveAsSupervisor(page, '返納届とカードを確認した。');
    await cardStep(page, 'revocation');
    await insertPreset(page, 'issued');
    await expect(page.getByTestId('step-destroy')).toBeVisible({ timeout: 20_000 });
    await page.getByTestId('punched').check();
    await mainActionInView(page, 'revocation-destroy', page.getByTestId('record-destroyed'));
  });

  test('再交付: reason, approval, fee; then the old card offers no second 再交付 and says why', async ({
    page,
    harness,
  }) => {
    test.setTimeout(120_000);
    await harness.open();
    await loginAs(page, 'renshu01');
    const card = await openHistory(page, SERIAL.suspended, '仮名　幸子');
    await start(card, 'reissue');
    await page.getByLabel('紛失', { exact: true }).check();
    await mainActionInView(page, 'reissue-reason', page.getByTestId('reason-next'));
    await page.getByTestId('reason-next').click();
    await expect(page.getByTestId('step-approval')).toBeVisible();
    await mainActionInView(page, 'reissue-approval', page.getByTestId('open-approval'));
    await approveAsSupervisor(page, '紛失による再交付を確認した。');
    await expect(page.getByTestId('step-fee')).toBeVisible();
    await page.getByLabel('受領した').check();
    await mainActionInView(page, 'reissue-fee', page.getByTestId('record-fee'));
    await page.getByTestId('record-fee').click();
    await expect(page.getByTestId('step-completed')).toContainText('再交付の申請を記録しました');

    const old = await openHistory(page, SERIAL.suspended, '仮名　幸子');
    await expect(old.locator('[data-start="reissue"]')).toHaveCount(0);
    await expect(old.locator('[data-refused="reissue"]')).toHaveText(
      '再交付は記録済みです。新しいカードの交付へ進んでください。',
    );
    await mainActionInView(page, 'reissue-recorded', old.locator('[data-refused="reissue"]'));
  });
});
