// The clerk's screens of the card's later life against the real core (practice seed, simulated
// reader), each screen looked at as a screenshot: finding a card and the resident's page, each
// procedure's steps with what they say, a procedure resumed from home. lifecycle.spec.ts goes
// through the stories end to end; this one stops at each screen.
import type { Page } from '@playwright/test';
import type { CounterApi } from '../../preload/api';
import type { ProcedureDto } from '../../preload/contract/procedure';
import { heading, insertPreset, openTrainer } from './harness/counter-steps';
import { expect, test, type Harness } from './harness/fixtures';
import {
  approveAsSupervisor,
  choiceReady,
  counterWithResident,
  documentsAndCard,
  enterCurrent,
  enterNew,
  faceMatches,
  openHistory,
  PRESET,
  residentDone,
  SERIAL,
  start,
  submitReview,
  turnTo,
} from './harness/lifecycle-steps';
import { loginAs } from './harness/login';
import { japanDate } from '../../preload/contract/rules/validity';

/** window.counter as a page script sees it. */
type PageGlobal = { counter: CounterApi };

async function shot(harness: Harness, name: string, of?: Page): Promise<void> {
  await harness.screenshot(`lifecycle-${name}`, of);
}

/** Yesterday in Japan, as the date fields take it and as the screens write it. */
function yesterdayInJapan(): { iso: string; words: string } {
  const iso = new Date(Date.now() + 9 * 3_600_000 - 86_400_000).toISOString().slice(0, 10);
  const [y, m, d] = iso.split('-').map(Number);
  return { iso, words: `${y}年${m}月${d}日` };
}

/** The open procedures, as the clerk's window reads them from main. */
async function openProcedures(page: Page): Promise<readonly ProcedureDto[]> {
  const r = await page.evaluate(() =>
    (globalThis as unknown as PageGlobal).counter.procedure.listOpen({}),
  );
  if (!r.ok) throw new Error(`procedure:list-open: ${r.error.code}`);
  return r.value;
}

// Every request these screens send is one the contract allows (its channel's schema).
test.afterEach(({ harness }) => {
  expect(harness.invalidRequests, 'requests refused by the contract').toEqual([]);
});

test.describe('later-life screens', () => {
  test('一時停止の登録: who, how, when (now unless corrected), note; the card need not be here', async ({
    page,
    harness,
  }) => {
    await harness.open();
    await loginAs(page, 'renshu01');
    const card = await openHistory(page, SERIAL.issued, '見本　太郎');
    await start(card, 'suspension');
    await expect(page.getByTestId('step-report')).toBeVisible();
    await expect(page.getByTestId('report-why')).toHaveText('届け出た人を選んでください。');
    await page.getByLabel('コールセンター（24時間受付）').check();
    await page.getByLabel('電話').check();
    await page.getByLabel('メモ（任意）').fill('駅で紛失。警察に遺失届を提出済み。');
    // A report taken last night, written down now.
    const yesterday = yesterdayInJapan();
    await page.getByLabel('届出を受けた日時').fill(`${yesterday.iso}T21:15`);
    await expect(page.getByTestId('reported-at-words')).toHaveText(
      `入力した日時：${yesterday.words} 21時15分`,
    );
    await expect(page.getByTestId('report-why')).toContainText('一時停止を登録する');
    await shot(harness, 'suspension-form');
    await page.getByTestId('register-suspension').click();
    await expect(page.getByTestId('step-completed')).toContainText('一時停止を登録しました');
    await expect(page.getByTestId('completed-summary')).toContainText(
      'コールセンター（24時間受付）',
    );
    expect(harness.calls).toContain('procedure:start');
    await shot(harness, 'suspension-done');
  });

  test('廃止 with the card handed back: reason, approval, card, 穴あけ', async ({
    page,
    harness,
  }) => {
    await harness.open();
    await loginAs(page, 'renshu01');
    const card = await openHistory(page, SERIAL.issued, '見本　太郎');
    await start(card, 'revocation');
    await expect(page.getByTestId('step-reason')).toBeVisible();
    await page.getByLabel(/^返納/).check();
    await page.getByLabel('カードがある（返納された）').check();
    await expect(page.getByTestId('step-reason')).toContainText(
      '失効理由：利用の終了 cessationOfOperation',
    );
    await shot(harness, 'revocation-reason');
    await page.getByTestId('reason-next').click();
    await expect(page.getByTestId('step-approval')).toBeVisible();
    await expect(page.getByTestId('approval-summary')).toContainText('返納');
    await page.getByTestId('open-approval').click();
    await expect(page.getByTestId('approval-dialog')).toContainText(
      'カードの廃止（電子証明書の失効）',
    );
    await page.getByTestId('approval-dialog').getByRole('button', { name: 'キャンセル' }).click();
    await shot(harness, 'revocation-approval');
    await approveAsSupervisor(page, '返納届とカードを確認した。');
    await expect(page.getByTestId('step-card')).toBeVisible();
    await insertPreset(page, 'issued');
    await expect(page.getByTestId('step-destroy')).toBeVisible({ timeout: 20_000 });
    await page.getByTestId('punched').check();
    await shot(harness, 'revocation-destroy');
    await page.getByTestId('record-destroyed').click();
    await expect(page.getByTestId('step-completed')).toContainText('カードを廃止しました');
    await expect(page.getByTestId('destroyed')).toContainText('に記録しました');
    await shot(harness, 'revocation-done');
  });

  test('再交付 of a lost card: express, fee ¥2,000 paid, receipt, new notice; then 入庫 in practice', async ({
    page,
    harness,
  }) => {
    await harness.open();
    await loginAs(page, 'renshu01');
    const card = await openHistory(page, SERIAL.suspended, '仮名　幸子');
    await start(card, 'reissue');
    await expect(page.getByTestId('express')).toBeDisabled();
    await page.getByLabel('紛失', { exact: true }).check();
    await expect(page.getByTestId('fee-total')).toHaveText('1,000円');
    await page.getByTestId('express').check();
    // 特急 for a lost card: the loss three days ago (within the 30 days of the rule).
    await page
      .getByLabel('できごとの日（紛失した日・転入した日）')
      .fill(japanDate(new Date(harness.clock.now().getTime() - 3 * 86_400_000)));
    await expect(page.getByTestId('fee-total')).toHaveText('2,000円');
    await expect(page.getByTestId('old-card-revoked')).toContainText('紛失（発見されず）');
    await shot(harness, 'reissue-reason');
    await page.getByTestId('reason-next').click();
    await approveAsSupervisor(page, '紛失による再交付を確認した。');
    await expect(page.getByTestId('step-fee')).toBeVisible();
    await page.getByLabel('免除する').check();
    await expect(page.getByLabel('免除の理由')).toBeVisible();
    await page.getByLabel('受領した').check();
    await shot(harness, 'reissue-fee');
    await page.getByTestId('record-fee').click();
    await expect(page.getByTestId('step-completed')).toContainText('再交付の申請を記録しました');
    const notice = (await page.getByTestId('new-notice').textContent())?.trim() ?? '';
    expect(notice).toMatch(/^MD-\d{4}-R?\d{4}$/);
    await expect(page.getByTestId('fee-status')).toHaveText('2,000円を受領しました');
    await page.getByTestId('print-receipt').click();
    await expect(page.getByTestId('receipt')).toContainText('.pdf');
    await shot(harness, 'reissue-done');

    await openTrainer(page);
    const receive = page.getByTestId('trainer-receive');
    await receive.getByLabel('再交付の申請の番号（交付通知書の番号）').fill(notice);
    await receive.getByTestId('receive-card').click();
    await expect(page.getByTestId('received-card')).toContainText(notice);
    expect(harness.calls).toContain('sim:receive-card');
  });

  test('暗証番号の初期化・再設定 with list B documents: the face first; the locked password reset, the PIN changed with its value in use', async ({
    page,
    harness,
  }) => {
    const resident = await counterWithResident(page, harness);
    const card = await openHistory(page, SERIAL.signingLocked, '試験　次郎');
    await start(card, 'pin-reset');
    await expect(page.getByTestId('step-documents')).toBeVisible();
    await page
      .getByTestId('resident-list-B')
      .getByLabel('健康保険の資格確認書・被保険者証')
      .check();
    await page.getByTestId('resident-list-B').getByLabel('年金手帳・基礎年金番号通知書').check();
    await page.getByTestId('documents-next').click();
    await expect(page.getByTestId('step-card')).toContainText(SERIAL.signingLocked);
    await insertPreset(page, 'signing-locked');
    // List B documents: the face check comes first.
    await faceMatches(page);
    await choiceReady(page);
    await expect(page.getByTestId('include-signing')).toBeChecked();
    await expect(page.getByTestId('mode-signing-change')).toBeDisabled();
    await page.getByTestId('include-auth').check();
    await page.getByTestId('mode-auth-change').check();
    await expect(page.getByTestId('choose-why')).toContainText('選び終わりました');
    await shot(harness, 'pin-reset-choose');
    await page.getByTestId('choose-next').click();
    await expect(page.getByTestId('step-pins')).toBeVisible();
    await page.getByTestId('open-pin-entry').click();
    await expect(page.getByTestId('pin-progress')).toContainText('今の値を使って変更');
    await shot(harness, 'pin-reset-pins');
    // Hers, not the practice data's 代理人交付 waiting for its 照会書.
    const open = (await openProcedures(page)).find((p) => p.kind === 'pin-reset');
    expect(open?.plan).toEqual([
      { kind: 'signing', mode: 'new' },
      { kind: 'auth', mode: 'change' },
    ]);

    await turnTo(resident);
    await resident.getByTestId('intro-start').click();
    await enterNew(resident, 'signing', 'shokika2026');
    await enterCurrent(resident, 'auth', PRESET.auth);
    await enterNew(resident, 'auth', '5831');
    await submitReview(resident);
    await residentDone(page, resident);
    await expect(page.getByTestId('step-completed')).toContainText(
      '暗証番号の初期化・再設定が終わりました',
      { timeout: 30_000 },
    );
    await shot(harness, 'pin-reset-done');
  });

  // Real-card timing (harness.realCardTiming) from the PIN entry until the certificates are pictured.
  test.describe('with real-card timing (the certificate steps last long enough to look at)', () => {
    test('find by serial: the resident’s page; a release left open, resumed from home, to its end: documents, card, face, PINs, new certificates', async ({
      page,
      harness,
    }) => {
      test.setTimeout(120_000);
      const resident = await counterWithResident(page, harness);
      const serialField = page.getByLabel('カード製造番号（15桁）');
      await page.getByTestId('nav-life').click();
      await expect(serialField).toBeFocused();
      await serialField.fill('99000000000005');
      await serialField.press('Enter');
      await expect(page.getByTestId('find-missing')).toContainText('15桁');
      expect(harness.calls).not.toContain('lookup:by-serial');
      await shot(harness, 'find');

      // Full-width digits, as a Japanese input method types them.
      await serialField.fill('９９００００００００００００５');
      await serialField.press('Enter');
      const card = page.locator(`[data-card="${SERIAL.suspended}"]`);
      await expect(card.getByTestId('card-state')).toHaveText('一時停止中');
      await expect(card.locator('[data-next="release-suspension"]')).toBeVisible();
      await expect(card.locator('[data-start="release"]')).toHaveText('一時停止を解除する');
      await expect(page.getByTestId('timeline')).toContainText(
        '紛失・盗難の届出を受け、一時停止を登録しました',
      );
      await expect(page.getByTestId('timeline')).toContainText('署名用電子証明書');
      await shot(harness, 'history');
      // The same page in English, every line of it.
      await page.getByRole('button', { name: 'English' }).click();
      await expect(heading(page)).toHaveText('Resident’s page');
      await expect(card.locator('[data-start="release"]')).toHaveText('Release the suspension');
      await shot(harness, 'history-en');
      await page.getByRole('button', { name: '日本語' }).click();

      await start(card, 'release');
      await expect(page.getByTestId('step-documents')).toBeVisible();
      await expect(page.getByTestId('step-header')).toContainText('一時停止の解除');
      await shot(harness, 'release-documents');

      // Home lists it; the clerk resumes it from there.
      await page.getByRole('link', { name: 'カードの状態確認' }).click();
      const open = page.getByTestId('open-procedures');
      await expect(open).toContainText('一時停止の解除');
      await expect(open).toContainText(SERIAL.suspended);
      await shot(harness, 'home-open');
      await open.getByRole('button', { name: '仮名　幸子 さんの一時停止の解除を再開する' }).click();
      expect(harness.calls).toContain('procedure:list-open');

      await documentsAndCard(page, 'suspended', 'face');
      await page.getByTestId('mode-auth-new').check();
      await shot(harness, 'release-choose');
      await page.getByTestId('choose-next').click();
      await expect(page.getByTestId('step-pins')).toBeVisible();
      const cardTiming = harness.realCardTiming();
      await page.getByTestId('open-pin-entry').click();
      await expect(
        page.getByTestId('pin-progress').locator('[data-pin="signing"]'),
      ).toHaveAttribute('data-state', 'current');
      await shot(harness, 'release-pins');

      await turnTo(resident);
      await resident.getByTestId('intro-start').click();
      await enterCurrent(resident, 'signing', PRESET.signing);
      await enterNew(resident, 'auth', '6184');
      await submitReview(resident);
      await turnTo(page);
      await expect(page.getByTestId('step-certificates')).toHaveAttribute('data-phase', 'writing', {
        timeout: 60_000,
      });
      await shot(harness, 'release-certificates');
      cardTiming.off();
      await expect(page.getByTestId('step-completed')).toContainText('一時停止を解除しました', {
        timeout: 60_000,
      });
      await expect(page.getByTestId('step-header')).toContainText('交付済');
      await shot(harness, 'release-done');
      await expect(resident.getByTestId('resident-done')).toBeVisible();
    });

    test('電子証明書の更新: the signing certificate alone after a change of the four facts, the password in use kept', async ({
      page,
      harness,
    }) => {
      test.setTimeout(90_000);
      const resident = await counterWithResident(page, harness);
      const card = await openHistory(page, SERIAL.moved, '転居　健');
      // Its certificates are years from their window: renewal says from when, and the signing
      // certificate alone is offered for the changed facts.
      await expect(card.locator('[data-start="renewal"]')).toHaveCount(0);
      await expect(card.locator('[data-refused="renewal"]')).toContainText(
        /電子証明書の更新は\d{4}年\d{1,2}月\d{1,2}日（令和\d+年）からです。/,
      );
      await start(card, 'renewal-facts-changed');
      await expect(page.getByTestId('step-documents')).toBeVisible();
      await expect(page.getByTestId('face-if-b')).toBeVisible();
      await documentsAndCard(page, 'moved', 'no-face');
      await page.getByLabel('署名用のみ（基本4情報の変更）').check();
      await expect(page.locator('[data-secret]')).toHaveCount(1);
      await expect(page.getByTestId('mode-signing-current')).toBeChecked();
      await shot(harness, 'renewal-choose');
      await page.getByTestId('choose-next').click();
      await expect(page.getByTestId('step-pins')).toBeVisible();
      const cardTiming = harness.realCardTiming();
      await page.getByTestId('open-pin-entry').click();
      await expect(page.getByTestId('pin-progress')).toContainText('今のまま');

      await turnTo(resident);
      await resident.getByTestId('intro-start').click();
      await enterCurrent(resident, 'signing', PRESET.signing);
      await submitReview(resident);
      await turnTo(page);
      await expect(page.getByTestId('step-certificates')).toContainText(
        '署名用電子証明書だけを発行します',
        { timeout: 30_000 },
      );
      await shot(harness, 'renewal-certificates');
      cardTiming.off();
      await residentDone(page, resident);
      await expect(page.getByTestId('step-completed')).toContainText('電子証明書を更新しました', {
        timeout: 60_000,
      });
      await shot(harness, 'renewal-done');
    });
  });
});
