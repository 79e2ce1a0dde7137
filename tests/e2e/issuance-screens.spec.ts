// The clerk's 交付 screens in practice mode, step by step with the real core, each looked at as a screenshot.
import type { Page } from '@playwright/test';
import {
  documentsWithLicence,
  fillApproval,
  heading,
  insertApplicationCard,
  insertPreset,
  openTrainer,
  residentConfirmsCardFace,
} from './harness/counter-steps';
import { expect, test } from './harness/fixtures';
import { loginAs } from './harness/login';

/** Practice values for the resident's secrets: none breaks a rule for a resident born 1992-07-08. */
const SIGNING = 'MADO2026';
const PIN = '4826';

interface ResidentGlobal {
  counter: {
    checkPin(r: { kind: string; value: string; confirmation: string }): Promise<unknown>;
    submitPins(r: Record<string, { value: string; confirmation: string }>): Promise<unknown>;
  };
}

async function openIssuance(page: Page): Promise<void> {
  await page.getByTestId('nav-issuance').click();
  await expect(heading(page)).toHaveText('マイナンバーカードの交付');
}

async function findByNotice(page: Page, notice: string, birthDate: string): Promise<void> {
  await page.getByLabel('交付通知書番号').fill(notice);
  await page.getByTestId('find-by-notice').getByLabel('生年月日').fill(birthDate);
  await page.getByTestId('find-by-notice').getByLabel('生年月日').press('Enter');
  await expect(page.getByTestId('application')).toBeVisible();
}

test.describe('issuance screens', () => {
  test('a standard issuance: find, documents, wrong card, face mismatch overridden, PINs, handover', async ({
    page,
    harness,
  }) => {
    test.setTimeout(120_000);
    await harness.open();
    await loginAs(page, 'renshu01');
    await openIssuance(page);
    await expect(page.getByLabel('交付通知書番号')).toBeFocused();
    await harness.screenshot('issuance-find');

    // A birth date the app cannot read says how to type it; no call is made.
    await page.getByLabel('交付通知書番号').fill('MD-2026-0001');
    await page.getByTestId('find-by-notice').getByLabel('生年月日').fill('7月8日');
    await page.getByTestId('find-by-notice').getByLabel('生年月日').press('Enter');
    await expect(page.getByTestId('find-missing')).toContainText('19920708');
    expect(harness.calls).not.toContain('lookup:by-notice');

    await findByNotice(page, 'MD-2026-0001', '19920708');
    await expect(page.getByTestId('resident-name')).toHaveText('窓口　花子');
    await expect(page.getByTestId('under15')).toHaveCount(0);
    await expect(page.getByTestId('start-issuance')).toBeFocused();
    await harness.screenshot('issuance-application');

    await page.keyboard.press('Enter');
    await expect(page.getByTestId('step-documents')).toBeVisible();
    await expect(page.getByTestId('header-notice')).toContainText('MD-2026-0001');
    await page.getByTestId('resident-list-B').getByLabel('学生証（写真付き）').check();
    await expect(page.getByTestId('documents-why')).toHaveText(/B欄の書類はあと1点必要です/);
    await expect(page.getByTestId('documents-next')).toHaveAttribute('aria-disabled', 'true');
    await harness.screenshot('issuance-documents');
    await documentsWithLicence(page);

    await expect(page.getByTestId('step-card')).toBeVisible();
    await expect(page.getByTestId('step-card')).toContainText(
      'この申請のカードをカードリーダーに差し込んでください',
    );
    await harness.screenshot('issuance-card');
    // Another resident's card: checked on insertion and refused.
    await insertPreset(page, 'issued');
    await expect(page.getByTestId('call-error')).toHaveAttribute('data-error-code', 'wrong-card');
    await harness.screenshot('issuance-card-wrong');

    await insertApplicationCard(page, 'MD-2026-0001');
    await expect(page.getByTestId('step-face')).toBeVisible();
    await expect(page.getByTestId('face-chip').locator('img')).toBeVisible();
    await expect(page.getByTestId('face-live').locator('video')).toBeVisible();
    await page.keyboard.press('Space');
    await expect(page.getByTestId('face-still').locator('canvas')).toBeVisible();
    await harness.screenshot('issuance-face');

    await page.getByTestId('face-mismatch').click();
    await expect(page.getByTestId('step-face-mismatch')).toBeVisible();
    await expect(page.getByTestId('step-header')).toHaveAttribute('data-step', 'face-mismatch');
    await harness.screenshot('issuance-face-mismatch');
    await page.getByTestId('face-override').click();
    await expect(page.getByTestId('approval-dialog')).toContainText(
      '顔照合で一致しなかったときの、目視確認による続行',
    );
    await fillApproval(page, '責任者が面談し、本人と確認した。');

    const resident = await harness.openResident();
    await page.bringToFront();
    await residentConfirmsCardFace(page, resident);
    await expect(page.getByTestId('step-pins')).toBeVisible();
    await harness.screenshot('issuance-pins');
    await page.getByTestId('open-pin-entry').click();
    await expect(page.getByTestId('pin-progress')).toBeVisible();
    // One refused entry, then the signing password accepted: the clerk sees counts, never digits.
    await resident.evaluate((r) => (globalThis as unknown as ResidentGlobal).counter.checkPin(r), {
      kind: 'signing',
      value: 'ABCDEF',
      confirmation: 'ABCDEF',
    });
    await resident.evaluate((r) => (globalThis as unknown as ResidentGlobal).counter.checkPin(r), {
      kind: 'signing',
      value: SIGNING,
      confirmation: SIGNING,
    });
    const signingRow = page.getByTestId('pin-progress').locator('[data-pin="signing"]');
    await expect(signingRow).toHaveAttribute('data-state', 'accepted');
    await expect(signingRow).toContainText('やり直し 1回');
    await expect(page.getByTestId('pin-progress').locator('[data-pin="auth"]')).toHaveAttribute(
      'data-state',
      'current',
    );
    await expect(page.getByTestId('step-pins')).not.toContainText(PIN);
    await harness.screenshot('issuance-pins-progress');

    const pin = { value: PIN, confirmation: PIN };
    await resident.evaluate(
      (r) => (globalThis as unknown as ResidentGlobal).counter.submitPins(r),
      { signing: { value: SIGNING, confirmation: SIGNING }, auth: pin, juki: pin, text: pin },
    );
    await expect(page.getByTestId('step-handover')).toBeVisible({ timeout: 30_000 });
    await page.getByTestId('collected-notification').check();
    await harness.screenshot('issuance-handover');

    await page.getByTestId('complete-issuance').click();
    await expect(page.getByTestId('step-completed')).toBeVisible();
    await expect(page.getByTestId('step-completed')).toContainText('通知カード：回収済み');
    await page.getByTestId('print-receipt').click();
    await expect(page.getByTestId('receipt')).toContainText('.pdf');
    await harness.screenshot('issuance-completed');
  });

  test('an under-15 resident found by name: the legal representative is checked too', async ({
    page,
    harness,
  }) => {
    await harness.open();
    await loginAs(page, 'renshu01');
    await openIssuance(page);
    await page.getByLabel('氏名（カナまたは漢字）').fill('カワベ');
    await page.getByTestId('find-by-name').getByLabel('生年月日').fill('２０１２／１２／０１');
    await page.getByTestId('find-by-name').getByLabel('生年月日').press('Enter');
    await expect(page.getByTestId('application')).toBeVisible();
    await expect(page.getByTestId('under15')).toHaveText('15歳未満：法定代理人の同行が必要です');
    await harness.screenshot('issuance-application-under15');

    await page.getByTestId('start-issuance').click();
    await page
      .getByTestId('resident-list-B')
      .getByLabel('健康保険の資格確認書・被保険者証')
      .check();
    await page.getByTestId('resident-list-B').getByLabel('学生証（写真付き）').check();
    const why = page.getByTestId('documents-why');
    await expect(why).toHaveText(/法定代理人の続柄/);
    await page.getByLabel('親権者').check();
    await expect(why).toHaveText(/法定代理人の方の書類/);
    await page
      .getByTestId('representative-list-B')
      .getByLabel('年金手帳・基礎年金番号通知書')
      .check();
    await expect(why).toHaveText(/法定代理人の方のB欄の書類が、あと1点必要です/);
    await harness.screenshot('issuance-documents-under15');
    // The same step in English, every line of it.
    await page.getByRole('button', { name: 'English' }).click();
    await expect(why).toHaveText(/One more list B document of the representative is needed/);
    await expect(page.getByTestId('step-header')).toContainText('Under 15');
    await harness.screenshot('issuance-documents-under15-en');
    await page.getByRole('button', { name: '日本語' }).click();
    await page.getByTestId('representative-list-A').getByLabel('旅券（パスポート）').check();
    await expect(page.getByTestId('documents-next')).toHaveAttribute('aria-disabled', 'false');
    await page.getByTestId('documents-next').click();
    await expect(page.getByTestId('step-card')).toBeVisible();

    // 中止 asks for a reason; Esc goes back without a call.
    await page.getByTestId('cancel-procedure').click();
    const dialog = page.getByTestId('cancel-dialog');
    await expect(dialog.getByLabel('中止の理由')).toBeFocused();
    await harness.screenshot('issuance-cancel');
    await page.keyboard.press('Escape');
    await expect(dialog).toHaveCount(0);
    expect(harness.calls).not.toContain('procedure:cancel');
    await page.getByTestId('cancel-procedure').click();
    await dialog.getByLabel('中止の理由').fill('法定代理人の都合により後日来庁');
    await dialog.getByLabel('中止の理由').press('Enter');
    await expect(page.getByTestId('step-cancelled')).toBeVisible();
    await harness.screenshot('issuance-cancelled');
  });

  test('後日交付: the authority fails, the slip is printed, and the issuance is resumed from home', async ({
    page,
    harness,
  }) => {
    test.setTimeout(120_000);
    await harness.open();
    await loginAs(page, 'renshu01');
    await openTrainer(page);
    await page.getByTestId('authority-offline').check();
    await expect(page.getByTestId('authority-offline')).toBeChecked();
    await openIssuance(page);
    await findByNotice(page, 'MD-2026-0001', '1992-07-08');
    await page.getByTestId('start-issuance').click();
    await documentsWithLicence(page);
    await insertApplicationCard(page, 'MD-2026-0001');
    await page.getByTestId('face-match').click();
    const resident = await harness.openResident();
    await page.bringToFront();
    await residentConfirmsCardFace(page, resident);
    await page.getByTestId('open-pin-entry').click();
    // The resident's screen asks only once the entry is open.
    await expect(page.getByTestId('pin-progress')).toBeVisible();
    const pin = { value: PIN, confirmation: PIN };
    await resident.evaluate(
      (r) => (globalThis as unknown as ResidentGlobal).counter.submitPins(r),
      { signing: { value: SIGNING, confirmation: SIGNING }, auth: pin, juki: pin, text: pin },
    );
    await expect(page.getByTestId('step-parked')).toBeVisible({ timeout: 30_000 });
    await page.getByTestId('print-deferral-slip').click();
    await expect(page.getByTestId('deferral-slip')).toContainText('.pdf');
    await harness.screenshot('issuance-parked');
    // The address of the 交付 screen before there was one procedure screen still leads there.
    const procedureId = /#\/procedure\/([A-Za-z0-9-]+)$/.exec(page.url())?.[1] ?? '';
    expect(procedureId).not.toBe('');
    await page.evaluate(`location.hash = '#/issuance/${procedureId}'`);
    await expect(page).toHaveURL(new RegExp(`#/procedure/${procedureId}$`));
    await expect(page.getByTestId('step-parked')).toBeVisible();

    // Another day: home lists the unfinished procedure; resuming asks for the card, then the PINs.
    await page.getByTestId('authority-offline').uncheck();
    await page.getByRole('link', { name: 'ホームに戻る' }).click();
    const open = page.getByTestId('open-procedures');
    await expect(open).toContainText('窓口　花子');
    await expect(open).toContainText('後日交付');
    await harness.screenshot('issuance-home-open');
    await open.getByRole('button', { name: '窓口　花子 さんの交付を再開する' }).click();
    await expect(page.getByTestId('step-parked')).toBeVisible();
    await page.getByTestId('resume-parked').click();
    await expect(page.getByTestId('step-needs-card')).toBeVisible();
    await harness.screenshot('issuance-needs-card');
    await page.getByTestId('check-card').click();
    await expect(page.getByTestId('step-pins')).toBeVisible();
    await expect(page.getByTestId('open-pin-entry')).toBeVisible();
  });
});
