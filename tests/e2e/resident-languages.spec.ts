// The resident window's newer languages: Vietnamese chosen while waiting carries on into the PIN
// entry; やさしい日本語 chosen on the PIN entry shows it in short sentences with furigana.
import type { ResidentPromptDto } from '../../preload/contract/issuance';
import { heading } from './harness/counter-steps';
import { expect, test } from './harness/fixtures';
import { typeOnKeyboard } from './harness/resident-input';
import { residentStandIn } from './harness/resident-stand-in';
import { readable } from './harness/resident-text';

const ADULT: ResidentPromptDto = {
  procedureId: 'iss-1',
  required: ['signing', 'auth', 'juki', 'text'],
  resume: false,
  purpose: 'issuance',
  modes: { signing: 'new', auth: 'new', juki: 'new', text: 'new' },
  triesLeft: {},
  cardFace: null,
};

test('Vietnamese chosen while waiting: the PIN entry that follows is in Vietnamese', async ({
  harness,
}) => {
  const main = residentStandIn(ADULT, '1987-04-23');
  main.setPrompt(null);
  const resident = await harness.openResident({ standIn: main.standIn });
  await expect(resident.getByTestId('resident-waiting')).toBeVisible();
  await harness.screenshot('resident-languages-waiting', resident);
  for (const [code, name] of [
    ['vi', 'Tiếng Việt'],
    ['tl', 'Filipino'],
    ['ne', 'नेपाली'],
    ['id', 'Bahasa Indonesia'],
    ['ja-easy', 'やさしい にほんご'],
  ] as const)
    await expect(resident.getByTestId(`language-${code}`)).toHaveText(name);
  await resident.getByTestId('language-vi').click();
  expect(await readable(heading(resident))).toBe('Vui lòng chờ nhân viên hướng dẫn');
  await expect(resident.locator('html')).toHaveAttribute('lang', 'vi');
  await harness.screenshot('resident-languages-waiting-vi', resident);

  // The clerk opens the PIN entry: the resident's choice stays.
  main.setPrompt(ADULT);
  await harness.emitToResident('resident:prompt-changed', ADULT);
  await expect(resident.getByTestId('resident-entry-signing')).toBeVisible();
  expect(await readable(heading(resident))).toBe('Mật khẩu của chứng thư điện tử dùng để ký');
  await expect(resident.getByTestId('resident-entry-signing')).toContainText(
    'Từ 6 đến 16 ký tự, gồm cả chữ in hoa (A–Z) và chữ số (0–9)',
  );
  await harness.screenshot('resident-languages-entry-vi', resident);
  // Eleven language buttons and the keypad still fit the resident's 1024×768 screen.
  const height = await resident
    .locator('html')
    .evaluate((el) => (el as unknown as { scrollHeight: number }).scrollHeight);
  expect(height).toBeLessThanOrEqual(768);

  // A refusal is said in Vietnamese too.
  await typeOnKeyboard(resident, 'abcdef');
  expect(await readable(resident.getByTestId('entry-violation'))).toContain(
    'Vui lòng dùng cả chữ và số',
  );
  await expect(resident.locator('html')).toHaveAttribute('lang', 'vi');
});

test('やさしい日本語 on the PIN entry: short sentences, furigana on the kanji', async ({
  harness,
}) => {
  const main = residentStandIn(ADULT, '1987-04-23');
  const resident = await harness.openResident({ standIn: main.standIn });
  await expect(resident.getByTestId('resident-entry-signing')).toBeVisible();
  await resident.getByTestId('language-ja-easy').click();
  await expect(resident.getByTestId('language-ja-easy')).toHaveAttribute('aria-pressed', 'true');
  await expect(resident.locator('html')).toHaveAttribute('lang', 'ja');
  const entry = resident.getByTestId('resident-entry-signing');
  expect(await readable(resident.getByTestId('entry-instruction'))).toContain(
    'ボタンを押して入れてください',
  );
  expect(await readable(entry)).toContain(
    'アルファベットの大文字（A〜Z）と数字（0〜9）。両方を使います。6〜16文字',
  );
  await expect(entry.locator('rt', { hasText: 'おおもじ' })).toHaveCount(1);
  await expect(resident.getByTestId('entry-instruction').locator('rt').first()).toHaveText('お');
  await harness.screenshot('resident-languages-entry-ja-easy', resident);

  // The 4-digit PINs: after the password, the offer of one number for three, in simple words.
  await typeOnKeyboard(resident, 'abc123');
  await typeOnKeyboard(resident, 'abc123');
  await expect(resident.getByTestId('resident-same-offer')).toBeVisible();
  expect(await readable(resident.getByTestId('same-yes'))).toBe('はい。3つ同じにします');
  await resident.getByTestId('same-yes').click();
  await expect(resident.getByTestId('resident-entry-shared')).toBeVisible();
  expect(await readable(resident.getByTestId('resident-entry-shared'))).toContain('数字を4つ');
  await harness.screenshot('resident-languages-pin-ja-easy', resident);
});
