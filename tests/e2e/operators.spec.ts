// Operators at the counter: first start, login and lockout, the idle lock, roles, approvals, practice reset.
import type { CounterApi, ResidentApi } from '../../preload/api';
import { heading, openTrainer } from './harness/counter-steps';
import { expect, test } from './harness/fixtures';
import {
  counterWithResident,
  documentsAndCard,
  enterNew,
  openEntry,
  openHistory,
  residentDone,
  SERIAL,
  start,
  submitReview,
  turnTo,
} from './harness/lifecycle-steps';
import { loginAs, logout, seedOperator, submitLogin } from './harness/login';

/** window.counter as a page script sees it (the test's own types do not include the renderer's). */
type PageGlobal = { counter: CounterApi };
/** window.counter in the resident's page. */
type ResidentGlobal = { counter: ResidentApi };

/** The setup code IT put in the machine configuration of the first-start tests. */
const SETUP_CODE = 'Kq7-Fv2m-Zt9w';

test.describe('first start (production mode, no operator yet)', () => {
  // Production with the simulated reader: refused by parseMachineConfig, accepted by createCore. Used
  // here only to reach the setup screen, which practice mode never shows (it seeds operators).
  test.use({ core: { mode: 'production', setupCode: SETUP_CODE } });

  test('setup creates the first administrator, who lands on the administrator screens', async ({
    page,
    harness,
  }) => {
    await harness.open();
    const setup = page.getByTestId('setup-screen');
    await expect(setup).toBeVisible();
    await expect(heading(page)).toHaveText('最初の管理者の登録');
    await expect(page.getByTestId('practice-banner')).toHaveCount(0);
    // Keyboard first: the ID field has the focus; the passwords are masked.
    await expect(setup.getByLabel('職員ID')).toBeFocused();
    await expect(setup.getByLabel('パスワード', { exact: true })).toHaveAttribute(
      'type',
      'password',
    );
    await harness.screenshot('setup');
    // The password rule's figure comes from the contract that main enforces.
    await expect(setup.getByLabel('パスワード', { exact: true })).toHaveAttribute('minlength', '8');
    await expect(setup.getByText('8文字以上で決めてください。')).toBeVisible();

    await setup.getByLabel('職員ID').fill('kanri01');
    await setup.getByLabel('氏名').fill('山田 花子');
    await setup.getByLabel('セットアップコード').fill(SETUP_CODE);
    await setup.getByLabel('パスワード', { exact: true }).fill('hajimete-2026');
    await setup.getByLabel('パスワード（確認のため、もう一度）').fill('hajimete-2062');
    await setup.getByLabel('パスワード（確認のため、もう一度）').press('Enter');
    await expect(setup.getByRole('alert')).toHaveText(/2つのパスワードが一致しません/);
    expect(harness.calls).not.toContain('auth:setup-admin');

    // Four keys are eight UTF-16 units, enough for the field, but four characters: main refuses.
    await setup.getByLabel('セットアップコード').fill(SETUP_CODE);
    await setup.getByLabel('パスワード', { exact: true }).fill('🔑🔑🔑🔑');
    await setup.getByLabel('パスワード（確認のため、もう一度）').fill('🔑🔑🔑🔑');
    await setup.getByLabel('パスワード（確認のため、もう一度）').press('Enter');
    await expect(setup.locator('[data-error-code="password-too-short"]')).toContainText(
      'パスワードは8文字以上にしてください。',
    );

    // Whoever opens the app first, without IT's code, does not become administrator.
    await setup.getByLabel('セットアップコード').fill('Kq7-Fv2m-Zt9x');
    await setup.getByLabel('パスワード', { exact: true }).fill('hajimete-2026');
    await setup.getByLabel('パスワード（確認のため、もう一度）').fill('hajimete-2026');
    await setup.getByLabel('パスワード（確認のため、もう一度）').press('Enter');
    await expect(setup.locator('[data-error-code="setup-code-invalid"]')).toContainText(
      'セットアップコードが違います。このパソコンのセットアップコードをIT担当者に確認して',
    );
    await expect(setup.getByLabel('セットアップコード')).toHaveValue('');
    await harness.screenshot('setup-wrong-code');

    await setup.getByLabel('セットアップコード').fill(SETUP_CODE);
    await setup.getByLabel('パスワード', { exact: true }).fill('hajimete-2026');
    await setup.getByLabel('パスワード（確認のため、もう一度）').fill('hajimete-2026');
    await setup.getByLabel('パスワード（確認のため、もう一度）').press('Enter');
    await expect(heading(page)).toHaveText('職員の管理');
    await expect(page.getByTestId('current-operator')).toHaveText(
      'ログイン中：山田 花子（管理者）',
    );
    await expect(
      page.getByTestId('operators').locator('tr[data-login-id="kanri01"]'),
    ).toContainText('管理者');
    // Setup happens once: after logging out, the login screen comes, not the setup screen.
    await logout(page);
    await expect(page.getByTestId('setup-screen')).toHaveCount(0);
  });
});

test.describe('first start with no setup code configured', () => {
  test.use({ core: { mode: 'production' } });

  test('the setup screen says IT must configure a setup code, and offers no form', async ({
    page,
    harness,
  }) => {
    await harness.open();
    const setup = page.getByTestId('setup-screen');
    await expect(heading(page)).toHaveText('最初の管理者の登録');
    await expect(setup.locator('[data-error-code="setup-code-missing"]')).toContainText(
      'セットアップコードが設定されていないため、最初の管理者を登録できません。IT担当者に連絡して',
    );
    await expect(setup.getByLabel('職員ID')).toHaveCount(0);
    await expect(setup.getByRole('button')).toHaveCount(0);
    await harness.screenshot('setup-no-code');
    // Nor does main take a setup from a page that skips the screen.
    const answer = await page.evaluate(() =>
      (globalThis as unknown as PageGlobal).counter.auth.setupAdmin({
        loginId: 'kanri01',
        displayName: '山田 花子',
        password: 'hajimete-2026',
        setupCode: 'anything-at-all',
      }),
    );
    expect(answer).toEqual({ ok: false, error: { code: 'setup-code-missing' } });
  });
});

test.describe('login', () => {
  test('a wrong password says how many tries are left; the fifth locks the ID until a time', async ({
    page,
    harness,
  }) => {
    await harness.open();
    const screen = page.getByTestId('login-screen');
    await expect(screen.getByLabel('職員ID')).toBeFocused();
    await expect(screen.getByLabel('パスワード')).toHaveAttribute('type', 'password');
    await harness.screenshot('login');

    await submitLogin(page, 'renshu01', 'machigai-1');
    const error = page.getByTestId('login-error');
    await expect(error).toHaveAttribute('data-error-code', 'login-invalid');
    await expect(error).toContainText('職員IDまたはパスワードが違います');
    await expect(error.getByTestId('error-hint')).toHaveText('あと 4 回間違えるとロックされます。');
    // The password is not kept after a try.
    await expect(screen.getByLabel('パスワード')).toHaveValue('');
    await harness.screenshot('login-wrong-password');

    for (const left of [3, 2, 1]) {
      await submitLogin(page, 'renshu01', `machigai-${left}`);
      await expect(error.getByTestId('error-hint')).toHaveText(
        `あと ${left} 回間違えるとロックされます。`,
      );
    }
    await submitLogin(page, 'renshu01', 'machigai-0');
    await expect(error).toHaveAttribute('data-error-code', 'login-locked');
    await expect(error).toContainText('15分間ロックされています');
    await expect(error.getByTestId('error-hint')).toHaveText(
      /^ロックが解除される時刻：\d{4}年\d{1,2}月\d{1,2}日 \d{2}時\d{2}分（日本時間）$/,
    );
    // Locked means locked: even the right password is refused now.
    await submitLogin(page, 'renshu01', seedOperator('renshu01').password);
    await expect(error).toHaveAttribute('data-error-code', 'login-locked');
    await expect(page.getByTestId('current-operator')).toHaveCount(0);
    await harness.screenshot('login-locked');
  });
});

test.describe('login in English', () => {
  test('the login screen and its messages switch to English completely', async ({
    page,
    harness,
  }) => {
    await harness.open();
    await page.getByRole('button', { name: 'English' }).click();
    await expect(heading(page)).toHaveText('Log in');
    const screen = page.getByTestId('login-screen');
    await screen.getByLabel('Staff ID').fill('renshu01');
    await screen.getByLabel('Password').fill('machigai-1');
    await screen.getByLabel('Password').press('Enter');
    await expect(page.getByTestId('error-hint')).toHaveText(
      '4 more wrong tries will lock this ID.',
    );
    // Nothing Japanese left in what the app itself writes on this screen.
    const own = await screen.locator('h1, p, label, button').allInnerTexts();
    expect(own.join('\n')).not.toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
    await expect(page).toHaveTitle('Log in — Madoguchi');
  });
});

test.describe('idle lock', () => {
  test.use({ core: { idleLockMinutes: 1 } });

  test('after a minute idle the screen locks over the data; the password unlocks it', async ({
    page,
    harness,
  }) => {
    await harness.open();
    await loginAs(page, 'renshu01');
    await expect(heading(page)).toHaveText('カードの状態確認');

    // The core's clock moves past the idle limit; the next key press reports activity, which main
    // refuses as the session is idle: it locks and tells the window (auth:changed), no reload.
    harness.clock.advance(61_000);
    await page.keyboard.press('Shift');
    const lock = page.getByTestId('lock-screen');
    await expect(lock).toBeVisible();
    await expect(page.getByTestId('lock-who')).toHaveText(
      '窓口職員　練習01（窓口職員・職員ID renshu01）',
    );
    // Nothing of the screen behind is visible or reachable.
    await expect(page.getByTestId('app-shell')).toBeHidden();
    await expect(page.getByText('カードをカードリーダーに差し込んでください。')).toBeHidden();
    await expect(lock.getByLabel('パスワード')).toBeFocused();
    for (let i = 0; i < 5; i++) {
      await page.keyboard.press('Tab');
      // Focus stays on the lock screen (or leaves the page), never on the hidden screen behind.
      await expect(page.getByTestId('app-shell').locator(':focus')).toHaveCount(0);
    }
    // Main refuses counter calls meanwhile, whatever the page tries.
    const refused = await page.evaluate(() =>
      (globalThis as unknown as PageGlobal).counter.listReaders({}),
    );
    expect(refused).toEqual({ ok: false, error: { code: 'session-locked' } });
    await harness.screenshot('lock');

    await lock.getByLabel('パスワード').fill('machigai-1');
    await lock.getByLabel('パスワード').press('Enter');
    await expect(lock.getByRole('alert')).toHaveAttribute('data-error-code', 'login-invalid');
    await expect(lock.getByTestId('error-hint')).toHaveText('あと 4 回間違えるとロックされます。');

    await lock.getByLabel('パスワード').fill(seedOperator('renshu01').password);
    await lock.getByLabel('パスワード').press('Enter');
    await expect(lock).toHaveCount(0);
    await expect(page.getByTestId('card-health-status')).toBeVisible();

    // Activity is reported at most once per 30 s, however much the clerk types.
    const reports = () => harness.calls.filter((c) => c === 'auth:report-activity').length;
    const before = reports();
    for (let i = 0; i < 5; i++) await page.keyboard.press('Shift');
    await page.mouse.click(5, 300);
    await expect.poll(reports).toBe(before + 1);
    // A call the page makes after all that reaches main after any report it caused (the page's
    // calls travel one binding, in order): none has, by the time it is answered.
    await page.evaluate(() => (globalThis as unknown as PageGlobal).counter.listReaders({}));
    expect(reports()).toBe(before + 1);
  });

  test('ログアウト on the lock screen brings the login screen for the next operator', async ({
    page,
    harness,
  }) => {
    await harness.open();
    await loginAs(page, 'renshu01');
    // The counter screen has made its first calls before the clock moves (as in the test above).
    await expect(page.getByTestId('card-health-status')).toBeVisible();
    harness.clock.advance(61_000);
    // Any call after the idle limit locks the session (the key-press path is the test above).
    await page.evaluate(() => (globalThis as unknown as PageGlobal).counter.listReaders({}));
    await expect(page.getByTestId('lock-screen')).toBeVisible();
    await page.getByTestId('lock-logout').click();
    await expect(page.getByTestId('login-screen')).toBeVisible();
    await loginAs(page, 'renshu02');
    await expect(page.getByTestId('lock-screen')).toHaveCount(0);
  });
});

test.describe('idle lock and the resident window', () => {
  test.use({ core: { idleLockMinutes: 1 } });

  test('calls from the resident window do not keep the clerk’s session open', async ({
    page,
    harness,
  }) => {
    await harness.open();
    await loginAs(page, 'renshu01');
    await expect(page.getByTestId('card-health-status')).toBeVisible();
    const resident = await harness.openResident();
    const poke = () =>
      resident.evaluate(() => (globalThis as unknown as ResidentGlobal).counter.getPrompt({}));
    // A script in the resident's page calls main every 40 s; the clerk touches nothing.
    harness.clock.advance(40_000);
    expect(await poke()).toEqual({ ok: true, value: null });
    harness.clock.advance(40_000);
    expect(await poke()).toEqual({ ok: true, value: null });
    // Eighty seconds without the clerk: the clerk's screen is locked all the same.
    await expect(page.getByTestId('lock-screen')).toBeVisible();
    expect(harness.residentCalls.filter((c) => c.startsWith('auth:'))).toEqual([]);
  });

  test('the lock during the resident’s PIN entry: the resident finishes; the clerk unlocks and goes on', async ({
    page,
    harness,
  }) => {
    test.setTimeout(60_000);
    const resident = await counterWithResident(page, harness);
    const card = await openHistory(page, SERIAL.signingLocked, '試験　次郎');
    await start(card, 'pin-reset');
    await documentsAndCard(page, 'signing-locked', 'no-face');
    await page.getByTestId('choose-next').click();
    await openEntry(page, resident);

    // The clerk waits beside the resident past the idle limit; the resident's first value is
    // checked by main after it: the clerk's screen locks, the resident's entry goes on.
    harness.clock.advance(61_000);
    await enterNew(resident, 'signing', 'shokika2026');
    await expect(resident.getByTestId('resident-review')).toBeVisible();
    await turnTo(page);
    const lock = page.getByTestId('lock-screen');
    await expect(lock).toBeVisible();
    await expect(lock.getByTestId('lock-resident-goes-on')).toContainText(
      'お客様用画面での暗証番号の入力は、ロック中もそのまま続けられます。',
    );
    await expect(page.getByTestId('app-shell')).toBeHidden();
    await harness.screenshot('lock-resident-goes-on');

    await turnTo(resident);
    await submitReview(resident);
    await residentDone(page, resident);
    expect(harness.residentCalls).not.toContain('auth:report-activity');
    // The procedure waited behind the lock; the same clerk unlocks and sees where it stands.
    await expect(lock).toBeVisible();
    await lock.getByLabel('パスワード').fill(seedOperator('renshu01').password);
    await lock.getByLabel('パスワード').press('Enter');
    await expect(lock).toHaveCount(0);
    await expect(page.getByTestId('step-completed')).toContainText(
      '暗証番号の初期化・再設定が終わりました',
      { timeout: 30_000 },
    );
    await expect(resident.getByTestId('resident-failed')).toHaveCount(0);
  });
});

test.describe('approvals', () => {
  test('a clerk typing wrong supervisor passwords pauses their own approvals; the supervisor logs in', async ({
    page,
    harness,
  }) => {
    await harness.open();
    await loginAs(page, 'renshu01');
    // Four wrong passwords for the supervisor, as a script of the clerk's page could send them.
    for (let i = 1; i <= 4; i += 1) {
      const answer = await page.evaluate(
        (n) =>
          (globalThis as unknown as PageGlobal).counter.approve({
            action: 'reissue',
            reason: 'カードを紛失したため再交付',
            approverLoginId: 'sekinin',
            approverPassword: `guess-${n}`,
          }),
        i,
      );
      expect(answer).toEqual({ ok: false, error: { code: 'login-invalid' } });
    }
    // The fifth through the dialog: the clerk is told approvals pause, and until when.
    await openTrainer(page);
    const panel = page.getByTestId('practice-approval');
    await panel
      .getByRole('group', { name: '承認が必要な手続き' })
      .getByLabel('カードの再交付')
      .check();
    await panel.getByRole('button', { name: '責任者の承認を記録（練習）' }).click();
    const dialog = page.getByTestId('approval-dialog');
    await dialog.getByLabel('責任者の職員ID').fill('sekinin');
    await dialog.getByLabel('責任者のパスワード').fill('guess-5');
    await dialog.getByLabel('承認の理由').fill('カードを紛失したため再交付');
    await dialog.getByLabel('承認の理由').press('Enter');
    const error = dialog.getByRole('alert');
    await expect(error).toHaveAttribute('data-error-code', 'approval-paused');
    await expect(error).toContainText('あなたの申請への承認を15分間受け付けません');
    await expect(error.getByTestId('error-hint')).toHaveText(
      /^承認を再び受け付ける時刻：\d{4}年\d{1,2}月\d{1,2}日 \d{2}時\d{2}分（日本時間）$/,
    );
    await harness.screenshot('approval-paused');
    await page.keyboard.press('Escape');

    // The supervisor's own ID was never locked: they log in at once.
    await logout(page);
    await loginAs(page, 'sekinin');
  });
});

test.describe('roles', () => {
  test('an administrator cannot open card health, and main refuses the call too', async ({
    page,
    harness,
  }) => {
    await harness.open();
    await loginAs(page, 'kanri');
    await expect(heading(page)).toHaveText('職員の管理');
    await expect(page.getByTestId('trainer-panel')).toHaveCount(0);
    await expect(page.getByTestId('trainer-drawer-toggle')).toHaveCount(0);
    await page.evaluate("location.hash = '#/'");
    await expect(page).toHaveURL(/#\/admin\/operators$/);
    await expect(heading(page)).toHaveText('職員の管理');
    const answer = await page.evaluate(() =>
      (globalThis as unknown as PageGlobal).counter.readCardHealth({
        reader: 'Madoguchi Simulated Reader 0',
      }),
    );
    expect(answer).toEqual({ ok: false, error: { code: 'forbidden-role' } });

    // And the other way round: a clerk sees no administrator screen, and main refuses the audit.
    await logout(page);
    await loginAs(page, 'renshu01');
    await page.evaluate("location.hash = '#/admin/audit'");
    await expect(heading(page)).toHaveText('カードの状態確認');
    await expect(page.getByRole('link', { name: '監査ログ' })).toHaveCount(0);
    const audit = await page.evaluate(() =>
      (globalThis as unknown as PageGlobal).counter.audit.search({ filter: {}, page: 1 }),
    );
    expect(audit).toEqual({ ok: false, error: { code: 'forbidden-role' } });
  });
});
