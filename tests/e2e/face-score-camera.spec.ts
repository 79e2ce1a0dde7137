// The face check's similarity score with the test face in front of the camera (the trainer's photo scenario): high scores beside the photos, 一致 goes on at once.
import { expect, test } from './harness/fixtures';
import { cameraShowing, takeStill, upToFace } from './harness/face-steps';

// The fake camera is the browser's: this file's worker launches one showing the test face.
test.use({
  core: { faceCheck: { score: true } },
  launchOptions: cameraShowing('camera-test-face.y4m'),
});

test('the same face: high scores beside the photos, 一致 goes on at once', async ({
  page,
  harness,
}) => {
  test.setTimeout(120_000);
  await harness.open();
  await upToFace(page, true);
  const { liveChip, ms } = await takeStill(page);
  console.log(`face score: still ↔ card photo ${liveChip}, shown ${ms} ms after the click`);
  expect(liveChip).toBeGreaterThanOrEqual(0.6);
  await expect(page.getByTestId('face-score-liveApplication')).toBeVisible();
  await expect(page.getByTestId('face-score-chipApplication')).toBeVisible();
  await expect(page.getByTestId('face-scores')).toContainText('参考値です。判断するのは職員です');
  await expect(page.getByTestId('face-second-look')).toHaveCount(0);
  // The fake camera shows a photo: the anti-spoofing hint says so, without deciding anything.
  await expect(page.getByTestId('face-presentation-attack')).toContainText('かざしたもの');
  await expect(page.getByTestId('face-scores-practice')).toHaveCount(0);
  await harness.screenshot('face-score-same');
  await page.getByTestId('face-match').click();
  await expect(page.getByTestId('step-card-face')).toBeVisible();
});
