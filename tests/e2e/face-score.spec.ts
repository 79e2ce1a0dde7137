// The face check's similarity score with the practice camera (a drawing): against the trainer's real test photos a low score asks for a second look; against the practice drawings the scores are marked 練習用.
import { expect, test } from './harness/fixtures';
import { takeStill, upToFace } from './harness/face-steps';

test.use({ core: { faceCheck: { score: true } } });

test('a low score asks for a second look before 一致', async ({ page, harness }) => {
  test.setTimeout(120_000);
  await harness.open();
  await upToFace(page, true);
  const { liveChip } = await takeStill(page);
  console.log(`face score: drawing on camera ↔ test face card photo ${liveChip}`);
  expect(liveChip).toBeLessThan(0.6);
  await expect(page.getByTestId('face-score-liveChip')).toContainText('低い');
  await expect(page.getByTestId('face-second-look')).toContainText(
    '類似度が基準（0.60）を下回っています。',
  );
  await harness.screenshot('face-score-low');
  await page.getByTestId('face-match').click();
  const dialog = page.getByTestId('face-second-look-dialog');
  await expect(dialog.getByRole('heading')).toHaveText('もう一度見比べてください');
  await harness.screenshot('face-score-second-look');
  await dialog.getByTestId('face-second-look-match').click();
  await expect(page.getByTestId('step-card-face')).toBeVisible();
  const sent = harness.calls.filter((c) => c === 'procedure:record-face');
  expect(sent).toHaveLength(1);
});

test('practice drawings: the scores are marked 練習用 and ask for nothing', async ({
  page,
  harness,
}) => {
  test.setTimeout(120_000);
  await harness.open();
  await upToFace(page, false);
  await takeStill(page);
  await expect(page.getByTestId('face-scores-practice')).toContainText('練習用');
  await expect(page.getByTestId('face-score-liveChip')).toContainText('練習用');
  await expect(page.getByTestId('face-second-look')).toHaveCount(0);
  await harness.screenshot('face-score-practice');
});
