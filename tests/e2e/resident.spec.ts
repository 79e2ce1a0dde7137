// The resident's window: waiting in each language, the window check in main, and the PIN entry screens.
import type { Locator, Page } from '@playwright/test';
import { SIM_READER_NAME } from '../../main/card/sim/sim-reader';
import type { Channel } from '../../preload/contract/channels';
import type { ResidentPromptDto } from '../../preload/contract/issuance';
import type { ProcedureDto, ResidentMatchDto } from '../../preload/contract/procedure';
import type { Result } from '../../preload/contract/result';
import { heading } from './harness/counter-steps';
import { expect, test, type Harness } from './harness/fixtures';
import { loginAs } from './harness/login';
import { pageMemory, typeOnKeyboard, typeOnPad } from './harness/resident-input';
import { readable } from './harness/resident-text';
import { residentStandIn } from './harness/resident-stand-in';

const WAITING: Record<string, { title: string; lang: string; button: string }> = {
  ja: { title: '職員の案内をお待ちください', lang: 'ja', button: '日本語' },
  en: { title: 'Please wait for the staff to guide you', lang: 'en', button: 'English' },
  zh: { title: '请等候工作人员的引导', lang: 'zh-Hans', button: '中文（简体）' },
  ko: { title: '직원의 안내를 기다려 주십시오', lang: 'ko', button: '한국어' },
  es: { title: 'Espere, por favor, las indicaciones del personal', lang: 'es', button: 'Español' },
  pt: { title: 'Aguarde as orientações do atendente', lang: 'pt-BR', button: 'Português' },
};

type Invoke = (channel: string, payload: unknown) => Promise<Result<unknown>>;
/** Calls the page's binding directly, as a hostile script in that page could. */
async function rawInvoke(page: Page, channel: string, payload: unknown): Promise<Result<unknown>> {
  return page.evaluate(
    ([c, p]) => (globalThis as unknown as { __counterInvoke: Invoke }).__counterInvoke(c, p),
    [channel, payload] as const,
  );
}

test.describe('resident window with the core', () => {
  test('the waiting screen in each language, every language named in itself', async ({
    harness,
  }) => {
    const resident = await harness.openResident();
    await expect(resident.getByTestId('resident-waiting')).toBeVisible();
    // Japanese first, with furigana on the kanji.
    expect(await readable(heading(resident))).toBe(WAITING.ja!.title);
    await expect(heading(resident).locator('ruby')).toHaveCount(3);
    await expect(heading(resident).locator('rt').first()).toHaveText('しょくいん');
    for (const [code, expected] of Object.entries(WAITING)) {
      const button = resident.getByTestId(`language-${code}`);
      await expect(button).toHaveText(expected.button);
      await button.click();
      await expect(button).toHaveAttribute('aria-pressed', 'true');
      expect(await readable(heading(resident))).toBe(expected.title);
      await expect(resident.locator('html')).toHaveAttribute('lang', expected.lang);
      await harness.screenshot(`resident-waiting-${code}`, resident);
    }
    // The text is large: 28px at the root, more for the title.
    const fontSize = (locator: Locator) =>
      locator.evaluate((el) => {
        const view = el.ownerDocument.defaultView as unknown as {
          getComputedStyle(e: unknown): { fontSize: string };
        };
        return parseFloat(view.getComputedStyle(el).fontSize);
      });
    const sizes = {
      root: await fontSize(resident.locator('html')),
      title: await fontSize(heading(resident)),
    };
    expect(sizes.root).toBeGreaterThanOrEqual(28);
    expect(sizes.title).toBeGreaterThan(sizes.root);
    // Nothing but the resident's channels went out, and the clerk page made none of them.
    expect(new Set(harness.residentCalls)).toEqual(new Set(['resident:get-prompt']));
    expect(harness.calls).not.toContain('resident:get-prompt');
    expect(harness.cspViolations).toEqual([]);
  });

  test("main refuses a clerk's channel from the resident page, and the resident's from the clerk page", async ({
    page,
    harness,
  }) => {
    await harness.open();
    await loginAs(page, 'renshu01');
    const resident = await harness.openResident();
    // The resident's object has the resident's functions only.
    const names = await resident.evaluate(() =>
      Object.keys((globalThis as unknown as { counter: object }).counter).sort(),
    );
    expect(names).toEqual([
      'callStaff',
      'checkPin',
      'confirmCardFace',
      'getAppInfo',
      'getPrompt',
      'onProgress',
      'onPromptChanged',
      'submitPins',
    ]);
    // A script that calls the binding itself is stopped by the router, logged-in clerk or not.
    for (const [channel, payload] of [
      ['admin:list-operators', {}],
      ['card:read-health', { reader: 'Simulated Reader 0' }],
      ['procedure:list-open', {}],
      ['auth:logout', {}],
      ['sim:insert-card', { preset: 'issued' }],
    ] as const) {
      expect(await rawInvoke(resident, channel, payload), channel).toEqual({
        ok: false,
        error: { code: 'forbidden-sender' },
      });
    }
    // The clerk is still logged in: the resident page's attempt to log them out never arrived.
    await expect(page.getByTestId('current-operator')).toBeVisible();
    // The clerk page may not pose as the resident.
    for (const [channel, payload] of [
      ['resident:get-prompt', {}],
      ['resident:check-pin', { kind: 'auth', value: '5831', confirmation: '5831' }],
      [
        'resident:submit-pins',
        {
          auth: { value: '5831', confirmation: '5831' },
          juki: { value: '5831', confirmation: '5831' },
          text: { value: '5831', confirmation: '5831' },
        },
      ],
    ] as const) {
      expect(await rawInvoke(page, channel, payload), channel).toEqual({
        ok: false,
        error: { code: 'forbidden-sender' },
      });
    }
    // The resident's own channel does get through the window check to the core.
    const own = await rawInvoke(resident, 'resident:get-prompt', {});
    expect(own.ok || own.error.code !== 'forbidden-sender').toBe(true);
  });

  test('resident calls with nobody logged in are refused by the session, and the screen stays waiting', async ({
    harness,
  }) => {
    const resident = await harness.openResident();
    expect(await rawInvoke(resident, 'resident:get-prompt', {})).toEqual({
      ok: false,
      error: { code: 'not-logged-in' },
    });
    await expect(resident.getByTestId('resident-waiting')).toBeVisible();
  });
});

test.describe('resident PIN entry screens (main answered by a stand-in)', () => {
  const ADULT: ResidentPromptDto = {
    procedureId: 'iss-1',
    required: ['signing', 'auth', 'juki', 'text'],
    resume: false,
    purpose: 'issuance',
    modes: { signing: 'new', auth: 'new', juki: 'new', text: 'new' },
    triesLeft: {},
    cardFace: null,
  };
  const UNDER_15: ResidentPromptDto = {
    procedureId: 'iss-2',
    required: ['auth', 'juki', 'text'],
    resume: false,
    purpose: 'issuance',
    modes: { auth: 'new', juki: 'new', text: 'new' },
    triesLeft: {},
    cardFace: null,
  };

  test('an adult sets the password and one PIN for three; refusals are explained and the values forgotten', async ({
    harness,
  }) => {
    const main = residentStandIn(ADULT, '1987-04-23');
    const resident = await harness.openResident({ standIn: main.standIn });

    // The signing password first, on the letters pad; typed in lower case, it becomes upper case.
    const entry = resident.getByTestId('resident-entry-signing');
    await expect(entry).toBeVisible();
    expect(await readable(heading(resident))).toBe('署名用電子証明書のパスワード');
    await expect(resident.getByTestId('entry-step')).toHaveText('1 / 4');
    await resident.keyboard.type('abc');
    await expect(resident.getByTestId('entry-mask')).toHaveText('●●●');
    await expect(resident.getByTestId('entry-mask')).toHaveAttribute(
      'aria-label',
      '3文字入力しました',
    );
    await harness.screenshot('resident-entry-signing', resident);
    await resident.keyboard.type('def');
    await resident.keyboard.press('Enter');
    // No digit: refused at once, in Japanese, and the entry starts again.
    await expect(resident.getByTestId('entry-violation')).toBeVisible();
    expect(await readable(resident.getByTestId('entry-violation'))).toContain(
      '英字と数字を両方使ってください',
    );
    await expect(entry).toHaveAttribute('data-stage', 'first');
    await expect(resident.getByTestId('entry-mask')).toHaveText('');
    await harness.screenshot('resident-violation-password', resident);

    await typeOnKeyboard(resident, 'abc123');
    await expect(entry).toHaveAttribute('data-stage', 'confirm');
    expect(await readable(resident.getByTestId('entry-instruction'))).toContain(
      '確認のため、もう一度入力してください',
    );
    await typeOnPad(resident, 'ABC123');

    // Before the first 4-digit PIN: the offer of one number for three.
    await expect(resident.getByTestId('resident-same-offer')).toBeVisible();
    expect(await readable(heading(resident))).toBe('3つの暗証番号を同じ数字にしますか');
    await harness.screenshot('resident-same-offer', resident);
    await resident.getByTestId('same-yes').click();

    // The resident switches to English; a birth-date PIN is refused by main, in English.
    await resident.getByTestId('language-en').click();
    await expect(resident.getByTestId('resident-entry-shared')).toBeVisible();
    await expect(resident.getByTestId('entry-step')).toHaveText('2 / 2');
    expect(await readable(heading(resident))).toBe('One PIN for all three');
    await typeOnPad(resident, '0423');
    await typeOnPad(resident, '0423');
    await expect(resident.getByTestId('entry-violation')).toContainText(
      'Numbers taken from your date of birth',
    );
    await harness.screenshot('resident-violation-birth-date-en', resident);
    // Two entries that differ: refused before main is asked.
    const checksBefore = main.checks.length;
    await typeOnKeyboard(resident, '5831');
    await typeOnKeyboard(resident, '5813');
    await expect(resident.getByTestId('entry-violation')).toContainText(
      'The two entries were not the same',
    );
    expect(main.checks.length).toBe(checksBefore);

    await resident.getByTestId('language-ja').click();
    await typeOnKeyboard(resident, '5831');
    await typeOnKeyboard(resident, '5831');
    await expect(resident.getByTestId('resident-review')).toBeVisible();
    // Main checked the password once, refused the birth-date PIN at its first kind, then checked
    // the shared PIN for each of its three kinds.
    expect(main.checks.map((c) => c.kind)).toEqual(['signing', 'auth', 'auth', 'juki', 'text']);
    expect(main.checks[0]).toEqual({ kind: 'signing', value: 'ABC123', confirmation: 'ABC123' });
    // The review names what will be set, never a value.
    const review = await readable(resident.getByTestId('resident-review'));
    expect(review).toContain('署名用電子証明書のパスワード');
    expect(review).toContain('3つの暗証番号（共通） — 3つとも同じ数字');
    expect(review).not.toMatch(/ABC123|5831|●/);
    await harness.screenshot('resident-review', resident);

    main.holdSubmit();
    await resident.getByTestId('review-submit').click();
    await expect(resident.getByTestId('resident-processing')).toBeVisible();
    // Main closes the entry as soon as the values arrive (as the issuance workflow does): the
    // resident keeps seeing 処理中 until the answer comes.
    await harness.emitToResident('resident:prompt-changed', null);
    await expect(resident.getByTestId('resident-processing')).toBeVisible();
    expect(await readable(heading(resident))).toBe('処理中です。カードを抜かないでください');
    // Sent once, all values in one call; already gone from the page while main works.
    expect(main.submits).toEqual([
      {
        signing: { value: 'ABC123', confirmation: 'ABC123' },
        auth: { value: '5831', confirmation: '5831' },
        juki: { value: '5831', confirmation: '5831' },
        text: { value: '5831', confirmation: '5831' },
      },
    ]);
    expect(await pageMemory(resident)).not.toMatch(/ABC123|5831/);
    await harness.screenshot('resident-processing', resident);
    main.release();

    await expect(resident.getByTestId('resident-done')).toBeVisible();
    expect(await readable(heading(resident))).toBe('ありがとうございました');
    expect(await readable(resident.getByTestId('resident-done').locator('p'))).toBe(
      '職員にお声がけください',
    );
    expect(await pageMemory(resident)).not.toMatch(/ABC123|5831|abc123/);
    await harness.screenshot('resident-done', resident);

    // The clerk finishes: the screen waits for the next resident, in Japanese again.
    await resident.getByTestId('language-ko').click();
    await harness.emitToResident('resident:prompt-changed', null);
    await expect(resident.getByTestId('resident-waiting')).toBeVisible();
    await expect(resident.locator('html')).toHaveAttribute('lang', 'ja');
  });

  test('a resident under 15 sets no password, chooses separate PINs, and a failed submit says to call the clerk', async ({
    harness,
  }) => {
    const main = residentStandIn(UNDER_15, '2014-09-30');
    const resident = await harness.openResident({ standIn: main.standIn });
    // No password: the offer comes first.
    await expect(resident.getByTestId('resident-same-offer')).toBeVisible();
    await resident.getByTestId('same-no').click();

    await expect(resident.getByTestId('resident-entry-auth')).toBeVisible();
    await expect(resident.getByTestId('entry-step')).toHaveText('1 / 3');
    expect(await readable(heading(resident))).toBe('利用者証明用電子証明書の暗証番号');
    await expect(resident.getByTestId('keypad').locator('[data-key="A"]')).toHaveCount(0);
    // Letters on a PIN pad do nothing; a fifth digit does nothing.
    await resident.keyboard.type('a12345');
    await expect(resident.getByTestId('entry-mask')).toHaveText('●●●●');
    await harness.screenshot('resident-entry-auth', resident);
    await resident.keyboard.press('Escape');
    await expect(resident.getByTestId('entry-mask')).toHaveText('');
    // Four equal digits and a run are refused at once, in the resident's words.
    await typeOnPad(resident, '7777');
    expect(await readable(resident.getByTestId('entry-violation'))).toContain(
      '同じ数字を4つ並べた番号（1111など）は使えません',
    );
    await typeOnPad(resident, '6543');
    expect(await readable(resident.getByTestId('entry-violation'))).toContain(
      '1234や9876のように続いた数字は使えません',
    );
    await harness.screenshot('resident-violation-sequence', resident);
    await typeOnPad(resident, '2580');
    await typeOnPad(resident, '2580');
    await expect(resident.getByTestId('resident-entry-juki')).toBeVisible();
    await typeOnPad(resident, '1470');
    await typeOnPad(resident, '1470');
    await expect(resident.getByTestId('resident-entry-text')).toBeVisible();
    expect(await readable(heading(resident))).toBe('券面事項入力補助用暗証番号');
    await typeOnPad(resident, '3690');
    await typeOnPad(resident, '3690');
    await expect(resident.getByTestId('resident-review')).toBeVisible();
    expect(main.checks.map((c) => c.kind)).toEqual(['auth', 'juki', 'text']);

    main.answerSubmit({ ok: false, error: { code: 'authority-unavailable' } });
    await resident.getByTestId('review-submit').click();
    await expect(resident.getByTestId('resident-failed')).toBeVisible();
    expect(await readable(heading(resident))).toBe('設定できませんでした');
    expect(await readable(resident.getByTestId('resident-failed').locator('p'))).toBe(
      'お手数ですが、職員にお声がけください',
    );
    expect(main.submits).toEqual([
      {
        auth: { value: '2580', confirmation: '2580' },
        juki: { value: '1470', confirmation: '1470' },
        text: { value: '3690', confirmation: '3690' },
      },
    ]);
    expect(await pageMemory(resident)).not.toMatch(/2580|1470|3690/);
    await harness.screenshot('resident-failed', resident);

    // The clerk reopens the entry after the card was reinserted: the resident starts again.
    await harness.emitToResident('resident:prompt-changed', { ...UNDER_15, resume: true });
    await expect(resident.getByTestId('resident-same-offer')).toBeVisible();
  });
});

test.describe('resident entries of the later procedures (main answered by a stand-in)', () => {
  const RENEWAL: ResidentPromptDto = {
    procedureId: 'ren-1',
    required: ['signing', 'auth'],
    resume: false,
    purpose: 'renewal',
    modes: { signing: 'current', auth: 'current' },
    triesLeft: { signing: 5, auth: 1 },
    cardFace: null,
  };
  const RESET_CHANGE: ResidentPromptDto = {
    procedureId: 'rst-1',
    required: ['signing', 'auth', 'juki', 'text'],
    resume: false,
    purpose: 'pin-reset',
    modes: { signing: 'change', auth: 'change', juki: 'new', text: 'new' },
    triesLeft: { signing: 1, auth: 3 },
    cardFace: null,
  };
  const RESET_NEW: ResidentPromptDto = {
    procedureId: 'rst-2',
    required: ['auth', 'juki', 'text'],
    resume: false,
    purpose: 'pin-reset',
    modes: { auth: 'new', juki: 'new', text: 'new' },
    triesLeft: {},
    cardFace: null,
  };
  const RELEASE: ResidentPromptDto = {
    procedureId: 'rel-1',
    required: ['signing', 'auth'],
    resume: false,
    purpose: 'release',
    modes: { signing: 'new', auth: 'current' },
    triesLeft: { auth: 2 },
    cardFace: null,
  };

  test('renewal: the values in use once each, the last try warned, a wrong value explained, then entered again', async ({
    harness,
  }) => {
    const main = residentStandIn(RENEWAL, '1987-04-23');
    const resident = await harness.openResident({ standIn: main.standIn });

    // First the why and what: both secrets are entered as they are now, and kept.
    await expect(resident.getByTestId('resident-intro')).toBeVisible();
    expect(await readable(heading(resident))).toBe('電子証明書の更新');
    const intro = await readable(resident.getByTestId('resident-intro'));
    expect(intro).toContain('電子証明書の更新のため、暗証番号を入力してください');
    expect(await readable(resident.getByTestId('intro-signing'))).toBe(
      '1署名用電子証明書のパスワード今お使いのものを入力（そのまま）',
    );
    await expect(resident.getByTestId('intro-auth')).toHaveAttribute('data-mode', 'current');
    await harness.screenshot('resident-renewal-intro', resident);
    await resident.getByTestId('intro-start').click();

    // The password in use: once, on the letters pad, no rule for new values, tries left said.
    const signing = resident.getByTestId('resident-entry-signing');
    await expect(signing).toHaveAttribute('data-stage', 'current');
    expect(await readable(resident.getByTestId('entry-instruction'))).toBe(
      '今お使いのパスワードを入力してください',
    );
    expect(await readable(resident.getByTestId('entry-tries'))).toBe(
      'あと5回間違えると、ロックされて使えなくなります',
    );
    await resident.keyboard.type('abc12');
    await harness.screenshot('resident-renewal-current-signing', resident);
    await resident.keyboard.type('3');
    await resident.keyboard.press('Enter');

    // The PIN in use with one try left: the warning cannot be missed, in any language.
    await expect(resident.getByTestId('resident-entry-auth')).toHaveAttribute(
      'data-stage',
      'current',
    );
    await expect(resident.getByTestId('entry-step')).toHaveText('2 / 2');
    await expect(resident.getByTestId('entry-last-try')).toBeVisible();
    expect(await readable(resident.getByTestId('entry-last-try'))).toBe(
      '次に間違えると、ロックされて使えなくなりますわからないときは、職員にお声がけください',
    );
    await harness.screenshot('resident-renewal-last-try', resident);
    await resident.getByTestId('language-en').click();
    await expect(resident.getByTestId('entry-last-try')).toContainText(
      'If it is entered wrongly once more, it will be locked',
    );
    await harness.screenshot('resident-renewal-last-try-en', resident);
    await resident.getByTestId('language-ja').click();
    // A run is a value the card may well hold: only the format is checked, and main is not asked.
    await typeOnPad(resident, '1234');

    await expect(resident.getByTestId('resident-review')).toBeVisible();
    expect(await readable(resident.getByTestId('review-signing'))).toBe(
      '✓署名用電子証明書のパスワード — そのまま使います',
    );
    expect(await readable(resident.getByTestId('review-auth'))).toBe(
      '✓利用者証明用電子証明書の暗証番号 — そのまま使います',
    );
    expect(await readable(resident.getByTestId('resident-review'))).not.toMatch(/ABC123|1234|●/);
    await harness.screenshot('resident-renewal-review', resident);
    expect(main.checks).toEqual([]);

    // The card says the PIN was wrong; main has the entry open again, with the tries now left.
    main.answerSubmit({ ok: false, error: { code: 'pin-wrong', detail: 'auth:2' } });
    const reopened = { ...RENEWAL, triesLeft: { signing: 5, auth: 2 } };
    main.setPrompt(reopened);
    await resident.getByTestId('review-submit').click();
    await expect(resident.getByTestId('resident-wrong-current')).toBeVisible();
    expect(main.submits).toEqual([
      {
        signing: { value: 'ABC123', confirmation: 'ABC123' },
        auth: { value: '1234', confirmation: '1234' },
      },
    ]);
    expect(await readable(heading(resident))).toBe('今お使いの暗証番号が違います');
    const wrong = resident.getByTestId('resident-wrong-current');
    expect(await readable(wrong.getByTestId('wrong-secret'))).toBe(
      '利用者証明用電子証明書の暗証番号',
    );
    expect(await readable(wrong)).toContain('あと2回間違えると、ロックされて使えなくなります');
    expect(await readable(wrong)).toContain('職員にお声がけください');
    expect(await readable(resident.getByTestId('wrong-again'))).toBe('もう一度入力する');
    expect(await pageMemory(resident)).not.toMatch(/ABC123|1234/);
    await harness.screenshot('resident-renewal-wrong', resident);
    // The same entry sent again by main while the resident reads: the screen stays.
    await harness.emitToResident('resident:prompt-changed', reopened);
    await expect(resident.getByTestId('resident-wrong-current')).toBeVisible();

    await resident.getByTestId('wrong-again').click();
    await resident.getByTestId('intro-start').click();
    await typeOnKeyboard(resident, 'abc123');
    expect(await readable(resident.getByTestId('entry-tries'))).toBe(
      'あと2回間違えると、ロックされて使えなくなります',
    );
    await typeOnPad(resident, '4826');
    main.answerSubmit({ ok: true, value: { done: true } });
    await resident.getByTestId('review-submit').click();
    await expect(resident.getByTestId('resident-done')).toBeVisible();
    expect(main.submits[1]).toEqual({
      signing: { value: 'ABC123', confirmation: 'ABC123' },
      auth: { value: '4826', confirmation: '4826' },
    });
    expect(await pageMemory(resident)).not.toMatch(/ABC123|4826/);
  });

  test('PIN reset with the current values: current, new, confirm for each; the offer of one PIN only for three new ones', async ({
    harness,
  }) => {
    const main = residentStandIn(RESET_CHANGE, '1987-04-23');
    const resident = await harness.openResident({ standIn: main.standIn });
    await expect(resident.getByTestId('resident-intro')).toBeVisible();
    expect(await readable(heading(resident))).toBe('暗証番号の初期化・再設定');
    expect(await readable(resident.getByTestId('intro-auth'))).toBe(
      '2利用者証明用電子証明書の暗証番号今お使いのものと、新しいものを入力',
    );
    expect(await readable(resident.getByTestId('intro-juki'))).toBe(
      '3住民基本台帳用暗証番号新しいものを決めて入力',
    );
    await harness.screenshot('resident-pin-reset-intro', resident);
    await resident.getByTestId('intro-start').click();

    // The password: the one in use, then the new one twice.
    const signing = resident.getByTestId('resident-entry-signing');
    await expect(signing).toHaveAttribute('data-stage', 'current');
    // One try left on the password: the warning, and the advice to ask rather than guess.
    await expect(resident.getByTestId('entry-last-try')).toBeVisible();
    await harness.screenshot('resident-pin-reset-current-signing', resident);
    await typeOnKeyboard(resident, 'old123');
    await expect(signing).toHaveAttribute('data-stage', 'first');
    expect(await readable(resident.getByTestId('entry-instruction'))).toBe(
      '新しいパスワードを入力してください',
    );
    // Where the resident is in the change: the second of its three screens.
    const now = resident.getByTestId('entry-steps').locator('[aria-current="step"]');
    expect(await readable(now)).toBe('2新しいもの');
    await harness.screenshot('resident-pin-reset-new-signing', resident);
    await typeOnKeyboard(resident, 'new456');
    await expect(signing).toHaveAttribute('data-stage', 'confirm');
    expect(await readable(resident.getByTestId('entry-instruction'))).toBe(
      '確認のため、新しいパスワードをもう一度入力してください',
    );
    await typeOnKeyboard(resident, 'new456');

    // The auth PIN: a new value that breaks a rule is typed again; the one in use is kept.
    const auth = resident.getByTestId('resident-entry-auth');
    await expect(auth).toHaveAttribute('data-stage', 'current');
    expect(await readable(resident.getByTestId('entry-tries'))).toBe(
      'あと3回間違えると、ロックされて使えなくなります',
    );
    await harness.screenshot('resident-pin-reset-current-auth', resident);
    await typeOnPad(resident, '1111');
    await expect(auth).toHaveAttribute('data-stage', 'first');
    await typeOnPad(resident, '2222');
    await expect(resident.getByTestId('entry-violation')).toBeVisible();
    await expect(auth).toHaveAttribute('data-stage', 'first');
    await typeOnPad(resident, '2580');
    await typeOnPad(resident, '2580');

    // juki and text are new, auth is changed: no offer of one number for three.
    await expect(resident.getByTestId('resident-entry-juki')).toHaveAttribute(
      'data-stage',
      'first',
    );
    await expect(resident.getByTestId('entry-step')).toHaveText('3 / 4');
    await typeOnPad(resident, '1470');
    await typeOnPad(resident, '1470');
    await typeOnPad(resident, '3690');
    await typeOnPad(resident, '3690');

    await expect(resident.getByTestId('resident-review')).toBeVisible();
    await expect(resident.getByTestId('review-signing')).toHaveAttribute('data-mode', 'change');
    expect(await readable(resident.getByTestId('review-auth'))).toBe(
      '✓利用者証明用電子証明書の暗証番号 — 新しいものに変更します',
    );
    expect(await readable(resident.getByTestId('review-juki'))).toBe(
      '✓住民基本台帳用暗証番号 — 新しく設定します',
    );
    await harness.screenshot('resident-pin-reset-review', resident);
    // Main checked the new values only, never a value in use.
    expect(main.checks.map((c) => [c.kind, c.value])).toEqual([
      ['signing', 'NEW456'],
      ['auth', '2580'],
      ['juki', '1470'],
      ['text', '3690'],
    ]);

    // The card refuses the password in use: locked. The resident is told, and to ask the clerk.
    main.answerSubmit({ ok: false, error: { code: 'pin-locked', detail: 'signing' } });
    main.setPrompt(null);
    await resident.getByTestId('language-es').click();
    await resident.getByTestId('review-submit').click();
    await expect(resident.getByTestId('resident-wrong-current')).toHaveAttribute(
      'data-locked',
      'true',
    );
    expect(main.submits).toEqual([
      {
        signing: { value: 'NEW456', confirmation: 'NEW456', current: 'OLD123' },
        auth: { value: '2580', confirmation: '2580', current: '1111' },
        juki: { value: '1470', confirmation: '1470' },
        text: { value: '3690', confirmation: '3690' },
      },
    ]);
    expect(await readable(heading(resident))).toBe(
      'Esta contraseña está bloqueada y no se puede usar',
    );
    await expect(resident.getByTestId('wrong-again')).toHaveCount(0);
    expect(await pageMemory(resident)).not.toMatch(/OLD123|NEW456|2580|1111|1470|3690/);
    await harness.screenshot('resident-pin-reset-locked-es', resident);

    // The clerk sets the password anew instead: the resident goes on when ready.
    const replanned: ResidentPromptDto = {
      ...RESET_NEW,
      procedureId: 'rst-1',
      required: ['signing'],
      modes: { signing: 'new' },
    };
    await harness.emitToResident('resident:prompt-changed', replanned);
    await resident.getByTestId('wrong-again').click();
    await expect(resident.getByTestId('resident-intro')).toBeVisible();
    expect(await readable(resident.getByTestId('intro-signing'))).toBe(
      '1Contraseña del certificado de firmaUno nuevo que usted elija',
    );
  });

  test('PIN reset of three PINs set anew: the offer of one number for three, as at issuance', async ({
    harness,
  }) => {
    const main = residentStandIn(RESET_NEW, '1987-04-23');
    const resident = await harness.openResident({ standIn: main.standIn });
    await resident.getByTestId('intro-start').click();
    await expect(resident.getByTestId('resident-same-offer')).toBeVisible();
    await harness.screenshot('resident-pin-reset-same-offer', resident);
    await resident.getByTestId('same-yes').click();
    expect(await readable(resident.getByTestId('entry-instruction'))).toBe(
      '新しい暗証番号を入力してください',
    );
    await typeOnPad(resident, '5831');
    await typeOnPad(resident, '5831');
    expect(await readable(resident.getByTestId('review-shared'))).toBe(
      '✓3つの暗証番号（共通） — 3つとも同じ数字 — 新しく設定します',
    );
    await resident.getByTestId('review-submit').click();
    await expect(resident.getByTestId('resident-done')).toBeVisible();
    expect(main.submits).toEqual([
      {
        auth: { value: '5831', confirmation: '5831' },
        juki: { value: '5831', confirmation: '5831' },
        text: { value: '5831', confirmation: '5831' },
      },
    ]);
  });

  test('release: a new password and the PIN in use, the first screen in every language', async ({
    harness,
  }) => {
    const main = residentStandIn(RELEASE, '1987-04-23');
    const resident = await harness.openResident({ standIn: main.standIn });
    await expect(resident.getByTestId('resident-intro')).toHaveAttribute('data-purpose', 'release');
    const titles: Record<string, string> = {
      ja: '一時停止の解除',
      en: 'Ending the suspension of your card',
      zh: '解除暂停',
      ko: '일시정지 해제',
      es: 'Fin de la suspensión de su tarjeta',
      pt: 'Fim da suspensão do cartão',
    };
    for (const [code, title] of Object.entries(titles)) {
      await resident.getByTestId(`language-${code}`).click();
      expect(await readable(heading(resident))).toBe(title);
      await harness.screenshot(`resident-release-intro-${code}`, resident);
    }
    await resident.getByTestId('language-ja').click();
    await resident.getByTestId('intro-start').click();
    await expect(resident.getByTestId('resident-entry-signing')).toHaveAttribute(
      'data-stage',
      'first',
    );
    await typeOnKeyboard(resident, 'mado2026');
    await typeOnKeyboard(resident, 'mado2026');
    await expect(resident.getByTestId('resident-entry-auth')).toHaveAttribute(
      'data-stage',
      'current',
    );
    await harness.screenshot('resident-release-current-auth', resident);
    await typeOnPad(resident, '4826');
    await expect(resident.getByTestId('review-signing')).toHaveAttribute('data-mode', 'new');
    await expect(resident.getByTestId('review-auth')).toHaveAttribute('data-mode', 'current');
    await harness.screenshot('resident-release-review', resident);

    // A wrong PIN in use with one try left now, and main has closed the entry: ask the clerk.
    main.answerSubmit({ ok: false, error: { code: 'pin-wrong', detail: 'auth:1' } });
    main.setPrompt(null);
    await resident.getByTestId('language-ko').click();
    await resident.getByTestId('review-submit').click();
    await expect(resident.getByTestId('resident-wrong-current')).toBeVisible();
    expect(await readable(heading(resident))).toBe('지금 사용하는 비밀번호가 틀립니다');
    await expect(resident.getByTestId('resident-wrong-current')).toContainText(
      '한 번 더 틀리면 잠겨서 사용할 수 없게 됩니다',
    );
    await expect(resident.getByTestId('wrong-again')).toHaveCount(0);
    await harness.screenshot('resident-release-wrong-ko', resident);
    expect(main.submits).toEqual([
      {
        signing: { value: 'MADO2026', confirmation: 'MADO2026' },
        auth: { value: '4826', confirmation: '4826' },
      },
    ]);
    expect(main.checks.map((c) => c.kind)).toEqual(['signing']);
    // The clerk closes the procedure: waiting for the next resident, in Japanese.
    await harness.emitToResident('resident:prompt-changed', null);
    await expect(resident.getByTestId('resident-waiting')).toBeVisible();
    await expect(resident.locator('html')).toHaveAttribute('lang', 'ja');
  });
});

/** The clerk window's calls, through the router with the clerk page's URL, as that window makes them. */
function clerkCalls(harness: Harness) {
  return async <T>(channel: Channel, payload: unknown): Promise<T> => {
    const r = await harness.core.router.handle(
      { url: `${harness.origin}/clerk.html#/issuance`, isMainFrame: true },
      channel,
      payload,
    );
    if (!r.ok) throw new Error(`${channel}: ${r.error.code}`);
    return r.value as T;
  };
}

test.describe('resident PIN entry with the issuance workflow', () => {
  test('窓口花子 enters her secrets on the resident screen and the card is issued; nothing typed stays', async ({
    harness,
  }) => {
    test.setTimeout(120_000);
    const clerk = clerkCalls(harness);
    const resident = await harness.openResident();
    await expect(resident.getByTestId('resident-waiting')).toBeVisible();

    // The clerk's side up to the PIN step (MD-2026-0001, born 1992-07-08).
    await clerk('auth:login', { loginId: 'renshu01', password: 'renshu01-2026' });
    const found = await clerk<ResidentMatchDto>('lookup:by-notice', {
      noticeNumber: 'MD-2026-0001',
      birthDate: '1992-07-08',
    });
    const { procedureId } = await clerk<ProcedureDto>('procedure:start', {
      kind: 'issuance',
      applicationId: found.applications[0]?.id,
    });
    await clerk('procedure:record-documents', {
      procedureId,
      kinds: ['driving-licence'],
      guardianship: false,
      representative: null,
    });
    await clerk('sim:insert-application-card', { noticeNumber: 'MD-2026-0001' });
    await clerk('procedure:check-card', { procedureId, reader: SIM_READER_NAME });
    await clerk('procedure:record-face', { procedureId, decision: 'match' });
    await expect(resident.getByTestId('resident-waiting')).toBeVisible();
    // 券面確認 first: no secret is asked before she has confirmed the chip's four facts.
    await clerk('procedure:show-card-face', { procedureId, reader: SIM_READER_NAME });
    await resident.getByTestId('card-face-yes').click();
    await expect(resident.getByTestId('resident-card-face-thanks')).toBeVisible();
    await clerk('procedure:open-pin-entry', { procedureId, reader: SIM_READER_NAME });

    // The prompt arrives: the signing password first. The resident reads it in Portuguese.
    await expect(resident.getByTestId('resident-entry-signing')).toBeVisible();
    await resident.getByTestId('language-pt').click();
    expect(await readable(heading(resident))).toBe('Senha do certificado de assinatura');
    await typeOnKeyboard(resident, 'mado2026');
    await typeOnKeyboard(resident, 'MADO2026');
    await expect(resident.getByTestId('resident-same-offer')).toBeVisible();
    await resident.getByTestId('same-yes').click();
    // Her birthday as MMDD: only main knows the birth date, and main refuses it.
    await typeOnPad(resident, '0708');
    await typeOnPad(resident, '0708');
    await expect(resident.getByTestId('entry-violation')).toContainText(
      'Não é possível usar números da sua data de nascimento',
    );
    await harness.screenshot('resident-flow-birth-date-pt', resident);
    // The clerk sees the refused try as a count, never a digit.
    const during = await clerk<ProcedureDto>('procedure:get', { procedureId });
    expect(during.pins?.attempts.auth).toBe(1);
    expect(JSON.stringify(during)).not.toMatch(/0708|MADO2026/);

    await typeOnPad(resident, '4826');
    await typeOnPad(resident, '4826');
    await expect(resident.getByTestId('resident-review')).toBeVisible();
    await resident.getByTestId('review-submit').click();
    await expect(resident.getByTestId('resident-done')).toBeVisible({ timeout: 60_000 });
    expect(await readable(heading(resident))).toBe('Muito obrigado');
    await harness.screenshot('resident-flow-done-pt', resident);

    // The card has its PINs and certificates: the procedure is at the handover.
    const after = await clerk<ProcedureDto>('procedure:get', { procedureId });
    expect(after.step).toBe('handover');
    expect(after.pins?.accepted).toEqual(
      expect.arrayContaining(['signing', 'auth', 'juki', 'text']),
    );
    // Nothing the resident typed is left on the resident page, in its stores or its DOM.
    expect(await pageMemory(resident)).not.toMatch(/MADO2026|mado2026|4826|0708/);
    // The resident page called only its own channels.
    expect(new Set(harness.residentCalls)).toEqual(
      new Set([
        'resident:get-prompt',
        'resident:confirm-card-face',
        'resident:check-pin',
        'resident:submit-pins',
      ]),
    );
  });
});
