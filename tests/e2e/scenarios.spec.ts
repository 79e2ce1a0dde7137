// Practice scenarios as the trainer and a trainee live them: the trainer makes the trainee's
// account and assigns two scenarios; the trainee passes one (a family member's card lay in the
// reader) and fails the other (the 交付 cancelled when the authority was down, instead of 後日交付);
// the trainer's table, chart, report (PDF) and CSV show exactly that.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from './harness/fixtures';
import {
  documentsWithLicence,
  insertApplicationCard,
  residentConfirmsCardFace,
} from './harness/counter-steps';
import { loginAs, logout, submitLogin } from './harness/login';
import { PICTURES_WANTED, SCREENS_DIR } from './harness/paths';
import { residentEntersForIssuance } from './harness/resident-input';
import { pdfText } from '../unit/documents/pdf-text';

const TRAINEE = { loginId: 'kenshusei01', name: '研修生\u3000一郎', password: 'kenshusei-2026' };

test('a trainer assigns two scenarios; the trainee passes one and fails one; the report agrees', async ({
  page,
  harness,
}) => {
  test.setTimeout(240_000);
  await harness.open();

  // The trainer: a trainee's account and two scenarios.
  await loginAs(page, 'kenshu');
  await page.getByTestId('nav-scenarios').click();
  const trainee = page.getByTestId('trainee-form');
  await trainee.getByLabel('ログインID').fill(TRAINEE.loginId);
  await trainee.getByLabel('氏名').fill(TRAINEE.name);
  await trainee.getByLabel('パスワード（8文字以上）').fill(TRAINEE.password);
  await trainee.getByRole('button', { name: '作成' }).click();
  await expect(page.getByTestId('scenario-notice')).toHaveText(
    `${TRAINEE.name} さんのアカウントを作りました。`,
  );
  const assign = page.getByTestId('assign-form');
  await assign
    .getByLabel('研修生')
    .selectOption({ label: `${TRAINEE.name}（${TRAINEE.loginId}）` });
  await assign.getByLabel('同じ世帯のカードの取り違え').check();
  await assign.getByLabel('認証局が止まっている日の交付（後日交付）').check();
  await assign.getByRole('button', { name: '割り当てる' }).click();
  await expect(page.getByTestId('scenario-notice')).toHaveText('割り当てました。');
  const row = page.getByTestId('scenario-table').locator(`tr[data-trainee="${TRAINEE.loginId}"]`);
  await expect(row.locator('td[data-scenario="wrong-card-household"]')).toHaveText('未実施');
  await expect(row.locator('td[data-scenario="under-fifteen"]')).toHaveText('—');
  await harness.screenshot('scenarios-trainer-assigned');
  await logout(page);

  // The trainee: the two scenarios on the home screen.
  await submitLogin(page, TRAINEE.loginId, TRAINEE.password);
  await expect(page.getByTestId('current-operator')).toContainText(TRAINEE.name);
  const list = page.getByTestId('scenario-list');
  await expect(list.locator('tr')).toHaveCount(2);
  await harness.screenshot('scenarios-trainee-home');

  // Scenario 1, the right way: the card in the reader is refused, A's own card is issued.
  await page.getByTestId('scenario-start-wrong-card-household').click();
  const brief = page.getByTestId('scenario-brief');
  await expect(brief).toContainText('練習 一美 さん');
  const [noticeA] = /MD-\d{4}-7\d{3}/.exec((await brief.textContent()) ?? '') ?? [];
  await harness.screenshot('scenarios-run-brief');
  const resident = await harness.openResident();
  await page.bringToFront();
  await page.getByTestId('nav-issuance').click();
  await page.getByLabel('交付通知書番号').fill(noticeA!);
  await page.getByTestId('find-by-notice').getByLabel('生年月日').fill('昭和60年4月12日');
  await page.getByTestId('find-by-notice').getByLabel('生年月日').press('Enter');
  await expect(page.getByTestId('resident-name')).toHaveText('練習　一美');
  await page.getByTestId('start-issuance').click();
  await documentsWithLicence(page);
  await expect(page.getByTestId('step-card')).toBeVisible();
  // The card already in the reader is checked on the clerk's click.
  await page.getByTestId('check-card').click();
  await expect(page.getByText('このカードは 練習\u3000二郎 さんのカードです。')).toBeVisible();
  await harness.screenshot('scenarios-wrong-card');
  await insertApplicationCard(page, noticeA!);
  await expect(page.getByTestId('step-face')).toBeVisible({ timeout: 30_000 });
  await page.getByTestId('face-match').click();
  await residentConfirmsCardFace(page, resident);
  await page.getByTestId('open-pin-entry').click();
  await resident.bringToFront();
  await residentEntersForIssuance(resident, 'renshu2026a', '7395');
  await page.bringToFront();
  await expect(page.getByTestId('step-handover')).toBeVisible({ timeout: 60_000 });
  await page.getByTestId('collected-notification').check();
  await page.getByTestId('complete-issuance').click();
  await expect(page.getByTestId('step-completed')).toBeVisible();
  await page.getByTestId('scenario-finish').click();
  const result = page.getByTestId('scenario-result');
  await expect(result).toHaveAttribute('data-passed', 'true');
  await expect(page.getByTestId('scenario-verdict')).toHaveText('合格　達成 4/4');
  await expect(result).toContainText('途中の誤り 1件');
  await harness.screenshot('scenarios-result-passed');
  await result.getByRole('button', { name: '閉じる' }).click();

  // Scenario 2, with the mistake: the 交付 cancelled instead of kept as 後日交付.
  await page.getByRole('link', { name: 'カードの状態確認', exact: true }).click();
  await page.getByTestId('scenario-start-authority-down').click();
  await expect(brief).toContainText('練習 三郎 さん');
  const [noticeC] = /MD-\d{4}-7\d{3}/.exec((await brief.textContent()) ?? '') ?? [];
  await page.getByTestId('nav-issuance').click();
  await page.getByLabel('交付通知書番号').fill(noticeC!);
  await page.getByTestId('find-by-notice').getByLabel('生年月日').fill('昭和45年2月20日');
  await page.getByTestId('find-by-notice').getByLabel('生年月日').press('Enter');
  await page.getByTestId('start-issuance').click();
  await documentsWithLicence(page);
  await page.getByTestId('cancel-procedure').click();
  const dialog = page.getByTestId('cancel-dialog');
  await dialog.getByLabel('中止の理由').fill('証明書が発行できないため');
  await dialog.getByLabel('中止の理由').press('Enter');
  await expect(page.getByTestId('step-cancelled')).toBeVisible();
  await page.getByTestId('scenario-finish').click();
  await expect(result).toHaveAttribute('data-passed', 'false');
  await expect(page.getByTestId('scenario-verdict')).toHaveText('要練習　達成 1/3');
  await expect(result.locator('[data-outcome="kept-open"]')).toHaveAttribute('data-met', 'false');
  await expect(result.locator('[data-outcome="slip-printed"]')).toHaveAttribute(
    'data-met',
    'false',
  );
  await expect(result.locator('[data-outcome="not-issued"]')).toHaveAttribute('data-met', 'true');
  await expect(result).toContainText('手続きの中止');
  await harness.screenshot('scenarios-result-failed');
  await logout(page);

  // The trainer's view: the table, the chart, the report and the CSV say the same.
  await loginAs(page, 'kenshu');
  await page.getByTestId('nav-scenarios').click();
  await expect(row.locator('td[data-scenario="wrong-card-household"]')).toHaveText(
    '合格 4/4（1回）',
  );
  await expect(row.locator('td[data-scenario="authority-down"]')).toHaveText('要練習 1/3（1回）');
  const points = page
    .getByTestId('scenario-chart')
    .locator(`svg[data-trainee="${TRAINEE.loginId}"] circle`);
  await expect(points).toHaveCount(2);
  expect(await points.evaluateAll((cs) => cs.map((c) => c.getAttribute('data-pct')))).toEqual([
    '100',
    '33',
  ]);
  await harness.screenshot('scenarios-trainer-results');

  await page.getByTestId(`trainee-report-${TRAINEE.loginId}`).click();
  const written = page.getByTestId('scenario-file-written');
  await expect(written).toContainText('.pdf');
  const pdf = join(harness.dataDir, 'receipts', `trainee-report-${TRAINEE.loginId}.pdf`);
  const text = await pdfText(pdf);
  expect(text).toContain('合格1/2シナリオ');
  expect(text).toContain('合格（達成4/4）');
  expect(text).toContain('要練習（達成1/3）');
  expect(text).toContain('未達：手続を中止せず、保留のまま残している');
  expect(text).toContain('未達：後日交付のお知らせを印刷して渡している');
  // The page as printed, to look at beside the screenshots.
  if (PICTURES_WANTED)
    execFileSync('pdftoppm', [
      '-r',
      '60',
      '-png',
      '-singlefile',
      pdf,
      join(SCREENS_DIR, 'scenarios-trainee-report'),
    ]);

  await page.getByTestId('scenario-csv').click();
  await expect(written).toContainText('.csv');
  const csv = readFileSync(join(harness.dataDir, 'receipts', 'scenario-results.csv'), 'utf8');
  const lines = csv
    .replace(/^\uFEFF/, '')
    .trim()
    .split('\r\n');
  expect(lines).toHaveLength(3);
  expect(lines[1]).toMatch(/"wrong-card-household",.*"4","4","合格","1"/);
  expect(lines[2]).toMatch(/"authority-down",.*"1","3","要練習","1"/);
});
