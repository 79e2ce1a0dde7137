// Right person, right card, as a clerk walks it: two 山田優子 born the same day (found by name the
// 交付 cannot start, by the 交付通知書 it can, and the face step shows the other's application photo
// beside this one's), and the 双葉 twins with the two-person photo check, a colleague confirming
// 一致. The face step is looked at in 1280x800 and 1366x768, its decision on screen unscrolled.
import type { Page } from '@playwright/test';
import {
  closeTrainer,
  documentsWithLicence,
  heading,
  insertApplicationCard,
} from './harness/counter-steps';
import { expect, test, type Harness } from './harness/fixtures';
import { loginAs, seedOperator } from './harness/login';

const SCREENS = [
  { width: 1280, height: 800 },
  { width: 1366, height: 768 },
] as const;

async function openIssuance(page: Page): Promise<void> {
  await page.getByTestId('nav-issuance').click();
  await expect(heading(page)).toHaveText('マイナンバーカードの交付');
}

async function findByNotice(page: Page, notice: string, birthDate: string): Promise<void> {
  await page.getByLabel('交付通知書番号').fill(notice);
  await page.getByTestId('find-by-notice').getByLabel('生年月日').fill(birthDate);
  await page.getByTestId('find-by-notice').getByLabel('生年月日').press('Enter');
  await expect(page.getByTestId('application')).toHaveAttribute('data-notice', notice);
}

/** The face step with its photos read, up to the decision. */
async function upToFace(page: Page, notice: string): Promise<void> {
  await page.getByTestId('start-issuance').click();
  await documentsWithLicence(page);
  await insertApplicationCard(page, notice);
  await closeTrainer(page);
  await expect(page.getByTestId('step-face')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('face-chip').locator('img')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('face-application').locator('img')).toBeVisible();
}

/**
 * The face step at each counter screen size, unscrolled: 一致 and 不一致 in sight, the photos
 * whole above them and never shrunk below their minimum; a screenshot of each.
 */
async function lookAtFace(page: Page, harness: Harness, name: string): Promise<void> {
  for (const size of SCREENS) {
    await page.setViewportSize(size);
    // The step lays its photos out again after the resize: wait for the layout, not a moment.
    for (const id of ['face-match', 'face-mismatch']) {
      await expect
        .poll(
          async () => {
            const box = (await page.getByTestId(id).boundingBox())!;
            return box.y + box.height;
          },
          { message: `${id} at ${size.width}x${size.height}` },
        )
        .toBeLessThanOrEqual(size.height);
    }
    const chip = (await page.getByTestId('face-chip').locator('img').boundingBox())!;
    console.log(`${name} ${size.width}x${size.height}: photos ${chip.width}x${chip.height}`);
    // Never below the step's minimum (160 px for the image box, less its frame): on a short
    // practice screen (its banner too) the photos give way so that the decision stays in sight;
    // 1, 2 and 3 enlarge each to compare.
    expect(chip.height).toBeGreaterThanOrEqual(155);
    // The photos whole on screen too, above the decision.
    expect(chip.y + chip.height).toBeLessThanOrEqual(size.height);
    await harness.screenshot(`${name}-${size.width}x${size.height}`);
  }
  await page.setViewportSize(SCREENS[0]);
}

test.describe('same name, same birth date', () => {
  test('found by name the 交付 cannot start; by the 交付通知書 it does, the other photo beside', async ({
    page,
    harness,
  }) => {
    test.setTimeout(120_000);
    await harness.open();
    await loginAs(page, 'renshu01');
    await openIssuance(page);

    // By name: both 山田優子, each warned of the other, neither can be started from here.
    const byName = page.getByTestId('find-by-name');
    await byName.getByLabel('氏名（カナまたは漢字）').fill('山田　優子');
    await byName.getByLabel('生年月日').fill('平成2年4月12日');
    await byName.getByLabel('生年月日').press('Enter');
    const matches = page.getByTestId('match');
    await expect(matches).toHaveCount(2);
    for (const match of await matches.all()) {
      await expect(match.getByTestId('look-alike')).toHaveAttribute('data-reason', 'same-name');
      await expect(match.getByTestId('look-alikes')).toContainText('氏名では交付を始められません');
      await expect(match.getByTestId('application-blocked')).toContainText(
        '交付通知書の番号と生年月日で検索し直してください',
      );
      await expect(match.getByTestId('start-issuance')).toHaveCount(0);
    }
    await expect(matches.first().getByTestId('look-alike')).toContainText('MD-2026-0033');
    await harness.screenshot('same-name-find-by-name');

    // By the notice: this one only, still warned, and it starts.
    await findByNotice(page, 'MD-2026-0032', '19900412');
    await expect(page.getByTestId('look-alikes')).toContainText('交付通知書の番号で照合しました');
    await harness.screenshot('same-name-find-by-notice');
    await upToFace(page, 'MD-2026-0032');

    // Both application photos side by side, this resident's marked, the other's with a warning.
    await expect(page.getByTestId('face-look-alike-warning')).toContainText(
      '同姓同名で生年月日も同じ 山田　優子さん（MD-2026-0033）がいます',
    );
    await expect(page.getByTestId('face-application')).toContainText('この方の申請書 MD-2026-0032');
    const other = page.getByTestId('face-other');
    await expect(other).toHaveAttribute('data-notice', 'MD-2026-0033');
    await expect(other.locator('img')).toBeVisible();
    await expect
      .poll(() =>
        page
          .getByTestId('face-live')
          .locator('video')
          .evaluate((v) => (v as unknown as { videoWidth: number }).videoWidth),
      )
      .toBe(640);

    // Space with nothing focused takes a still, in the photos' portrait shape. The drawer's toggle
    // keeps the focus when it was closed after the step had moved it, and would take the key.
    await page.evaluate(() =>
      (
        globalThis as unknown as { document: { activeElement: { blur(): void } | null } }
      ).document.activeElement?.blur(),
    );
    await page.keyboard.press('Space');
    const still = page.getByTestId('face-still').locator('canvas');
    await expect(still).toBeVisible();
    expect(
      await still.evaluate((c) => {
        const canvas = c as unknown as { width: number; height: number };
        return canvas.width / canvas.height;
      }),
    ).toBeCloseTo(0.75, 2);
    await lookAtFace(page, harness, 'same-name-face');

    // A key enlarges one image; Esc puts it away and the focus back.
    await page.keyboard.press('2');
    const zoom = page.getByTestId('face-zoom');
    await expect(zoom).toBeVisible();
    await expect(zoom.getByRole('heading')).toHaveText('申請書の写真');
    const zoomed = (await zoom.locator('img').boundingBox())!;
    expect(zoomed.height).toBeGreaterThanOrEqual(500);
    await harness.screenshot('same-name-face-zoom');
    await page.keyboard.press('Escape');
    await expect(zoom).toHaveCount(0);
    // A click on the other's photo enlarges that one, named.
    await other.locator('button').click();
    await expect(zoom.getByRole('heading')).toHaveText('山田　優子さん MD-2026-0033');
    await zoom.getByRole('button', { name: '閉じる（Esc）' }).click();
    await expect(zoom).toHaveCount(0);

    // Space on the focused 一致 presses it: the decision, not another still.
    await page.getByTestId('face-match').focus();
    await page.keyboard.press('Space');
    await expect(page.getByTestId('step-header')).toHaveAttribute('data-step', 'card-face');
    expect(harness.calls.filter((c) => c === 'procedure:record-face')).toHaveLength(1);
  });
});

test.describe('two-person photo check', () => {
  test.use({ core: { faceCheck: { secondOperator: true } } });

  test('the twins applying together: a colleague confirms 一致, never the clerk who checked', async ({
    page,
    harness,
  }) => {
    test.setTimeout(120_000);
    await harness.open();
    await loginAs(page, 'renshu01');
    await openIssuance(page);
    await findByNotice(page, 'MD-2026-0034', '2003-06-15');
    await expect(page.getByTestId('look-alike')).toHaveAttribute('data-reason', 'same-household');
    await expect(page.getByTestId('look-alike')).toContainText('双葉　光');
    await upToFace(page, 'MD-2026-0034');
    await expect(page.getByTestId('face-look-alike-warning')).toContainText(
      '同じ世帯の 双葉　光さん（MD-2026-0035）も一緒に申請',
    );
    await expect(page.getByTestId('face-other')).toHaveAttribute('data-notice', 'MD-2026-0035');
    await expect(page.getByTestId('step-face')).toContainText(
      '「一致」をもう一人の職員が確認します',
    );
    await lookAtFace(page, harness, 'two-person-face');

    // 一致 opens the colleague's login; the clerk's own is refused.
    await page.getByTestId('face-match').click();
    const dialog = page.getByTestId('approval-dialog');
    await expect(dialog.getByRole('heading')).toHaveText('二人目の職員による確認');
    const self = seedOperator('renshu01');
    await dialog.getByLabel('確認する職員の職員ID').fill(self.loginId);
    await dialog.getByLabel('確認する職員のパスワード').fill(self.password);
    await dialog.getByLabel('確認の内容').press('Enter');
    await expect(dialog.getByRole('alert')).toHaveAttribute('data-error-code', 'self-approval');
    await harness.screenshot('two-person-self-refused');
    await expect(page.getByTestId('step-header')).toHaveAttribute('data-step', 'face');

    // Another clerk, at the desk, with their own ID and password.
    const colleague = seedOperator('renshu02');
    await dialog.getByLabel('確認する職員の職員ID').fill(colleague.loginId);
    await dialog.getByLabel('確認する職員のパスワード').fill(colleague.password);
    await harness.screenshot('two-person-confirm');
    await dialog.getByLabel('確認の内容').press('Enter');
    await expect(dialog).toHaveCount(0);
    await expect(page.getByTestId('step-header')).toHaveAttribute('data-step', 'card-face');
  });
});
