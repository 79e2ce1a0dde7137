// 交付 of a 顔認証マイナンバーカード as a clerk walks it: 窓口花子 asks for one at the PIN step; the clerk
// ticks that she asked and issues it so; her window never opens a PIN entry; the handover names the
// kind and no PIN, and the receipt is printed.
import { expect, test } from './harness/fixtures';
import { issuanceToPins } from './harness/issuance-steps';
import { loginAs } from './harness/login';

test('交付 of a 顔認証 card: no PIN entered, the card written without one', async ({
  page,
  harness,
}) => {
  test.setTimeout(180_000);
  await harness.open();
  await loginAs(page, 'renshu01');
  const resident = await harness.openResident();
  await issuanceToPins(page, resident, async () => undefined);

  const offer = page.getByTestId('face-auth-offer');
  await expect(offer).toContainText('顔認証マイナンバーカードを希望された場合');
  // Not chosen by a slip of the mouse: the button waits for the tick.
  await expect(offer.getByTestId('issue-face-auth')).toHaveAttribute('aria-disabled', 'true');
  await offer.getByTestId('face-auth-asked').check();
  await harness.screenshot('face-auth-offer');
  await offer.getByTestId('issue-face-auth').click();

  await expect(page.getByTestId('step-handover')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('handover-kind')).toHaveText('顔認証マイナンバーカード');
  await expect(page.getByTestId('handover-pins')).toHaveText(
    '設定しない（顔認証マイナンバーカード）',
  );
  await expect(page.getByTestId('handover-cert-auth')).toBeVisible();
  await expect(page.getByTestId('handover-cert-signing')).toHaveCount(0);
  await harness.screenshot('face-auth-handover');
  // The resident's window asked for nothing.
  expect(harness.residentCalls).not.toContain('resident:submit-pins');
  await expect(resident.getByTestId('resident-intro')).toHaveCount(0);
  await harness.screenshot('face-auth-resident', resident);

  await page.getByTestId('complete-issuance').click();
  await expect(page.getByTestId('step-completed')).toBeVisible();
  await page.getByTestId('print-receipt').click();
  // A PDF with its CJK font: seconds on a loaded machine.
  await expect(page.getByTestId('receipt')).toContainText('.pdf', { timeout: 60_000 });
});
