// Practice mode at the counter: a supervisor's approval on the spot, and the trainer's reset of the practice data.
import { fillApproval, openTrainer } from './harness/counter-steps';
import { expect, test } from './harness/fixtures';
import { loginAs, seedOperator } from './harness/login';

test.describe('approval (practice)', () => {
  test('a clerk cannot approve their own request; the supervisor on the spot can', async ({
    page,
    harness,
  }) => {
    await harness.open();
    const clerk = await loginAs(page, 'renshu01');
    await openTrainer(page);
    const panel = page.getByTestId('practice-approval');
    await panel
      .getByRole('group', { name: '承認が必要な手続き' })
      .getByLabel('カードの再交付')
      .check();
    // Only the trainer may reset the practice data: a clerk does not see the button.
    await expect(page.getByTestId('practice-reset')).toHaveCount(0);

    await panel.getByRole('button', { name: '責任者の承認を記録（練習）' }).click();
    const dialog = page.getByTestId('approval-dialog');
    await expect(dialog).toContainText('手続き：カードの再交付');
    await expect(dialog.getByLabel('責任者の職員ID')).toBeFocused();
    // Esc cancels without a call.
    await page.keyboard.press('Escape');
    await expect(dialog).toHaveCount(0);
    expect(harness.calls).not.toContain('approval:approve');

    await panel.getByRole('button', { name: '責任者の承認を記録（練習）' }).click();
    await fillApproval(page, 'カードを紛失したため再交付', clerk);
    const error = dialog.getByRole('alert');
    await expect(error).toHaveAttribute('data-error-code', 'self-approval');
    await expect(error).toContainText('自分の申請を自分で承認することはできません。');
    await expect(dialog.getByLabel('責任者のパスワード')).toHaveValue('');
    await harness.screenshot('approval-self-refused');

    const supervisor = seedOperator('sekinin');
    await dialog.getByLabel('責任者の職員ID').fill(supervisor.loginId);
    await dialog.getByLabel('責任者のパスワード').fill(supervisor.password);
    await dialog.getByLabel('責任者のパスワード').press('Enter');
    await expect(dialog).toHaveCount(0);
    await expect(page.getByTestId('approval-done')).toHaveText(
      new RegExp(`^${supervisor.displayName} さんの承認を記録しました（承認番号 \\d+）。$`),
    );
    await harness.screenshot('approval-recorded');
  });
});

test.describe('trainer', () => {
  test('resets the practice data after confirming; everybody logs in again', async ({
    page,
    harness,
  }) => {
    await harness.open();
    await loginAs(page, 'kenshu');
    await openTrainer(page);
    await page.getByTestId('practice-reset').click();
    const confirm = page.getByTestId('practice-reset-confirm');
    await expect(confirm).toContainText('練習データを初期状態に戻しますか？');
    // The safe choice has the focus; Esc cancels.
    await expect(confirm.getByRole('button', { name: 'キャンセル' })).toBeFocused();
    await harness.screenshot('practice-reset-confirm');
    await page.keyboard.press('Escape');
    await expect(confirm).toHaveCount(0);
    expect(harness.calls).not.toContain('practice:reset');
    await expect(page.getByTestId('practice-reset')).toBeFocused();

    await page.getByTestId('practice-reset').click();
    await confirm.getByRole('button', { name: '初期状態に戻す' }).click();
    await expect(page.getByTestId('login-screen')).toBeVisible();
    await expect(page.getByTestId('login-notice')).toHaveText(
      '練習データを初期状態に戻しました。もう一度ログインしてください。',
    );
    expect(harness.calls).toContain('practice:reset');
    await harness.screenshot('practice-reset-done');
    // The seed's operators work on the fresh data.
    await loginAs(page, 'renshu01');
  });
});
