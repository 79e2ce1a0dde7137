// Card health, as the clerk sees it: each simulated card inserted, read, and explained in Japanese.
import type { Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { heading, insertPreset, removeCard } from './harness/counter-steps';
import { expect, test, type Harness } from './harness/fixtures';
import { loginAs } from './harness/login';
import { REPO_ROOT } from './harness/paths';
import { eraYear } from '../../preload/contract/rules/japanese-date';

/** The holder facts a preset's data file gives: what the clerk must see for that card. */
interface PresetHolder {
  readonly serial: string;
  readonly municipalityCode: string;
  readonly cardExpiry: string;
}

function presetHolder(id: string): PresetHolder {
  const file = resolve(REPO_ROOT, 'resources/cards', `${id}.json`);
  const data = JSON.parse(readFileSync(file, 'utf8')) as { holder: PresetHolder | null };
  if (!data.holder) throw new Error(`preset ${id} has no holder`);
  return data.holder;
}

/** 2035-02-17 as the clerk reads it: 2035年2月17日（令和17年）, the era by the contract's rule. */
function japaneseDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日（${eraYear(iso)}）`;
}

const INSERT_CARD = 'カードをカードリーダーに差し込んでください。';
const PRACTICE_BANNER =
  '練習モード — 模擬カードリーダーを使用しています。実際のカードには書き込みません。';

const PIN_ROWS = {
  signing: '署名用電子証明書のパスワード',
  auth: '利用者証明用電子証明書の暗証番号',
  juki: '住民基本台帳用暗証番号',
  text: '券面事項入力補助用暗証番号',
} as const;

const NEXT = {
  none: '対応は必要ありません。このカードはそのまま使えます。',
  issueCard: '交付前のカードです（暗証番号が設定されていません）。',
  resetLockedPin: 'ロックされた暗証番号があります。',
  releaseSuspension: 'このカードは一時停止中です。',
  certificatesExpired: '電子証明書の有効期限が切れています。',
} as const;

const ERRORS = {
  terminated: 'このカードは廃止されています（使用できないカードです）。',
  tampered: 'カードのICチップに異常があります（改ざんまたは破損のおそれ）。',
  notMyNumberCard: 'このカードはマイナンバーカードではありません。',
} as const;

type PinKind = keyof typeof PIN_ROWS;

function status(page: Page) {
  return page.getByTestId('card-health-status');
}

function pinRow(page: Page, kind: PinKind) {
  return page.getByTestId('pins').locator(`tr[data-pin="${kind}"]`);
}

/** Waits for a read to finish: health shown, or an error in words. */
async function waitForReadResult(page: Page): Promise<void> {
  await expect(status(page)).toHaveAttribute('data-state', /^(health|error)$/, {
    timeout: 20_000,
  });
}

async function expectPin(page: Page, kind: PinKind, tries: string, state: string) {
  const row = pinRow(page, kind);
  await expect(row.getByRole('rowheader')).toHaveText(PIN_ROWS[kind]);
  await expect(row).toContainText(tries);
  await expect(row).toContainText(state);
}

async function expectErrorShown(page: Page, words: string, code: string): Promise<void> {
  const box = status(page).getByRole('alert');
  await expect(box).toContainText(words);
  // What to do next is part of every message; the code follows only as small print.
  await expect(box.locator('.error-box__message')).not.toContainText(code);
  await expect(box.locator('.error-box__code')).toContainText(code);
}

/** The practice clerk logs in; card health is the screen they land on. */
async function openEmpty(harness: Harness, page: Page): Promise<void> {
  await harness.open();
  await loginAs(page, 'renshu01');
  await expect(status(page)).toContainText(INSERT_CARD);
}

/**
 * Puts a practice card in, the one before it taken out first (the screen back to asking for a
 * card, so that no result of the card before is read as this one's), and waits for its read and
 * for the trainer's panel to name the card, as a picture of the screen should show it.
 */
async function readCard(page: Page, preset: string): Promise<void> {
  const trainerState = page.getByTestId('trainer-state');
  if ((await trainerState.innerText()) !== '模擬カードリーダーは空です。') {
    await removeCard(page);
    await expect(status(page)).toContainText(INSERT_CARD);
  }
  await insertPreset(page, preset);
  await waitForReadResult(page);
  await expect(trainerState).toContainText('挿入中のカード');
}

test.describe('card health', () => {
  test('the slot followed live: with no card the clerk is asked to insert one, under the practice banner; a card pushed in and pulled at the reader itself; 再読み取り reads again; removing the card brings back the request', async ({
    page,
    harness,
  }) => {
    await openEmpty(harness, page);
    await expect(page.getByTestId('practice-banner')).toHaveText(
      new RegExp(PRACTICE_BANNER.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')),
    );
    await expect(page.getByTestId('reader-list')).toContainText('カードなし');
    await expect(page.getByTestId('trainer-state')).toHaveText('模擬カードリーダーは空です。');
    await expect(page).toHaveTitle('カードの状態確認 — 窓口');
    expect(harness.cspViolations).toEqual([]);
    await harness.screenshot('card-health-no-card');

    // The core's own simulated reader, as if the card were pushed in by hand: no click on the page.
    const sim = harness.core.simReader;
    expect(sim).not.toBeNull();
    const inserted = await harness.core.router.handle(
      { url: `${harness.origin}/clerk.html`, isMainFrame: true },
      'sim:insert-card',
      { preset: 'auth-locked' },
    );
    expect(inserted.ok).toBe(true);
    await waitForReadResult(page);
    await expectPin(page, 'auth', '残り0回 / 3回', 'ロック中');
    sim?.remove();
    await expect(status(page)).toContainText(INSERT_CARD);

    // 再読み取り reads the card again and shows a fresh result.
    await insertPreset(page, 'issued');
    await waitForReadResult(page);
    const readsBefore = harness.calls.filter((c) => c === 'card:read-health').length;
    await page.getByTestId('reread').click();
    await waitForReadResult(page);
    await expect
      .poll(() => harness.calls.filter((c) => c === 'card:read-health').length)
      .toBe(readsBefore + 1);
    await expect(page.getByTestId('next-action')).toContainText(NEXT.none);

    // Removing the card brings back the request to insert one.
    await expect(page.getByTestId('health')).toBeVisible();
    await removeCard(page);
    await expect(status(page)).toContainText(INSERT_CARD);
    await expect(page.getByTestId('health')).toHaveCount(0);
    await expect(page.getByTestId('reader-list')).toContainText('カードなし');
    await harness.screenshot('card-health-removed');
  });

  test('practice cards that read whole: what each shows, and what the clerk does next', async ({
    page,
    harness,
  }) => {
    await openEmpty(harness, page);
    await test.step('an issued card: serial, all four PINs with full tries, and nothing to do', async () => {
      await readCard(page, 'issued');
      const holder = presetHolder('issued');
      await expect(page.getByTestId('next-action')).toContainText(NEXT.none);
      await expect(page.getByTestId('serial')).toHaveText(holder.serial);
      await expect(page.getByTestId('municipality')).toHaveText(holder.municipalityCode);
      await expect(page.getByTestId('card-expiry')).toHaveText(japaneseDate(holder.cardExpiry));
      await expect(page.getByTestId('chip-state')).toHaveText('有効（利用できます）');
      await expectPin(page, 'signing', '残り5回 / 5回', '設定済み');
      await expectPin(page, 'auth', '残り3回 / 3回', '設定済み');
      await expectPin(page, 'juki', '残り3回 / 3回', '設定済み');
      await expectPin(page, 'text', '残り3回 / 3回', '設定済み');
      const certs = page.getByTestId('certs');
      await expect(certs.locator('tr[data-cert="signing"]')).toContainText('あり');
      await expect(certs.locator('tr[data-cert="auth"]')).toContainText(
        /\d{4}年.*（令和\d+年） ?から.*（令和\d+年） ?まで/,
      );
      await expect(page.getByTestId('signing-dates-note')).toContainText(
        '署名用電子証明書のパスワードを入力しないとICチップから読み取れない',
      );
      await harness.screenshot('card-health-issued');
    });
    await test.step('the published test card shows its serial, municipality and expiry as printed', async () => {
      await readCard(page, 'test-card');
      await expect(page.getByTestId('serial')).toHaveText('400000012719843');
      await expect(page.getByTestId('municipality')).toHaveText('13221');
      await expect(page.getByTestId('card-expiry')).toHaveText('2035年2月17日（令和17年）');
      await harness.screenshot('card-health-test-card');
    });
    await test.step('a card of a child under 15 has no signing certificate and no signing password', async () => {
      await readCard(page, 'minor');
      await expectPin(page, 'signing', '未設定のため回数なし', '未設定');
      await expectPin(page, 'auth', '残り3回 / 3回', '設定済み');
      await expect(page.getByTestId('certs').locator('tr[data-cert="signing"]')).toContainText(
        'なし',
      );
      await expect(page.getByTestId('signing-absent-note')).toContainText('15歳未満の方');
      await expect(page.getByTestId('serial')).toHaveText(presetHolder('minor').serial);
      await harness.screenshot('card-health-minor');
    });
    await test.step('a prepared card has no PINs yet and sends the clerk to issuance', async () => {
      await readCard(page, 'prepared');
      await expect(page.getByTestId('next-action')).toContainText(NEXT.issueCard);
      for (const kind of Object.keys(PIN_ROWS) as PinKind[]) {
        await expect(pinRow(page, kind)).toContainText('未設定');
        await expect(pinRow(page, kind)).not.toContainText('残り0回');
      }
      // Not yet issued: no certificate is expected, so no "normal for children" note either.
      await expect(page.getByTestId('signing-absent-note')).toHaveCount(0);
      await harness.screenshot('card-health-prepared');
    });
  });

  test('locks, suspension and expiry: each read with what to do next', async ({
    page,
    harness,
  }) => {
    await openEmpty(harness, page);
    await test.step('a locked signing password reads 残り0回 / 5回 ロック中 and asks for a PIN reset', async () => {
      await readCard(page, 'signing-locked');
      await expectPin(page, 'signing', '残り0回 / 5回', 'ロック中');
      await expectPin(page, 'auth', '残り3回 / 3回', '設定済み');
      await expect(page.getByTestId('next-action')).toContainText(NEXT.resetLockedPin);
      await expect(page.getByTestId('locked-pins')).toHaveText(
        'ロック中：署名用電子証明書のパスワード',
      );
      await harness.screenshot('card-health-signing-locked');
    });
    await test.step('a locked authentication PIN reads 残り0回 / 3回 ロック中 and asks for a PIN reset', async () => {
      await readCard(page, 'auth-locked');
      await expectPin(page, 'auth', '残り0回 / 3回', 'ロック中');
      await expectPin(page, 'signing', '残り5回 / 5回', '設定済み');
      await expect(page.getByTestId('next-action')).toContainText(NEXT.resetLockedPin);
      await expect(page.getByTestId('locked-pins')).toHaveText(
        'ロック中：利用者証明用電子証明書の暗証番号',
      );
      await harness.screenshot('card-health-auth-locked');
    });
    await test.step('a suspended card says so and asks for the release procedure', async () => {
      await readCard(page, 'suspended');
      await expect(page.getByTestId('chip-state')).toHaveText('一時停止中');
      await expect(page.getByTestId('next-action')).toContainText(NEXT.releaseSuspension);
      await harness.screenshot('card-health-suspended');
    });
    await test.step('expired certificates are shown as expired, with renewal as the next action', async () => {
      await readCard(page, 'cert-expired');
      await expect(page.getByTestId('certs').locator('tr[data-cert="auth"]')).toContainText(
        '有効期限切れ',
      );
      await expect(page.getByTestId('next-action')).toContainText(NEXT.certificatesExpired);
      await harness.screenshot('card-health-cert-expired');
    });
  });

  test('cards that cannot be read: each explained in words, with its code in small print', async ({
    page,
    harness,
  }) => {
    await openEmpty(harness, page);
    await test.step('a terminated card is explained, not read', async () => {
      await readCard(page, 'terminated');
      await expectErrorShown(page, ERRORS.terminated, 'card-terminated');
      await expect(page.getByTestId('health')).toHaveCount(0);
      await harness.screenshot('card-health-terminated');
    });
    await test.step('a tampered card, which gives its ATR and then answers nothing, is reported as tampered', async () => {
      await readCard(page, 'tampered');
      // The chip answers to reset with a My Number Card ATR, then stays silent: main reports
      // tampering, and the clerk is told to keep the card and report it, not to retry.
      await expectErrorShown(page, ERRORS.tampered, 'card-tampered');
      await expect(status(page).getByRole('alert')).toContainText('責任者に報告してください。');
      await harness.screenshot('card-health-tampered');
    });
    await test.step('a card that is not a My Number Card is named as such', async () => {
      await readCard(page, 'unknown-card');
      await expectErrorShown(page, ERRORS.notMyNumberCard, 'not-my-number-card');
      await harness.screenshot('card-health-unknown-card');
    });
  });

  test('the language switch shows the same screen completely in English', async ({
    page,
    harness,
  }) => {
    await openEmpty(harness, page);
    await insertPreset(page, 'signing-locked');
    await waitForReadResult(page);
    await page.getByRole('button', { name: 'English' }).click();
    await expect(heading(page)).toHaveText('Card health');
    await expect(page.getByTestId('practice-banner')).toContainText('PRACTICE MODE');
    await expect(pinRow(page, 'signing')).toContainText('0 of 5 left');
    await expect(pinRow(page, 'signing')).toContainText('Locked');
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page).toHaveTitle('Card health — Madoguchi');
    // No Japanese left in what the app itself writes (names from the card and presets aside).
    const own = await page.locator('.page-head, .next-action, .grid thead, .note').allInnerTexts();
    expect(own.join('\n')).not.toMatch(/[\u3040-\u30ff]/);
    await harness.screenshot('card-health-signing-locked-en');
    await page.getByRole('button', { name: '日本語' }).click();
    await expect(heading(page)).toHaveText('カードの状態確認');
  });

  test('keyboard only: the trainer inserts a card and the clerk re-reads it', async ({
    page,
    harness,
  }) => {
    await openEmpty(harness, page);
    // The header's last stop before the language switch is ログアウト: walk on from there.
    await page.getByTestId('logout').focus();
    const focused = () =>
      page
        .locator(':focus')
        .evaluate((el) => `${el.tagName.toLowerCase()}:${(el.textContent ?? '').trim()}`);
    const visited: string[] = [];
    for (let i = 0; i < 8; i++) {
      await page.keyboard.press('Tab');
      visited.push(await focused());
    }
    // Focus order follows the screen: language switch, the procedures bar, the unfinished
    // procedures above card health (the practice data's 代理人交付 waits for its 照会書), then the
    // trainer's drawer, closed until the trainer opens it (the trainee's screen stays their own).
    expect(visited).toEqual([
      'button:日本語',
      'button:English',
      'a:カードの状態確認',
      'a:交付',
      'a:カード・住民の検索',
      'a:カードの在庫',
      'button:再開する',
      'button:研修講師用パネルを開く',
    ]);
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('trainer-drawer-toggle')).toHaveAttribute(
      'aria-expanded',
      'true',
    );
    // Opened, the drawer gives its first control the focus; Tab goes on to 挿入.
    visited.push(await focused());
    await page.keyboard.press('Tab');
    visited.push(await focused());
    expect(visited.slice(8)).toEqual([expect.stringMatching(/^select:/), 'button:カードを挿入']);
    // The focused button shows a visible ring (WCAG 2.4.7), not the browser default alone.
    await expect(page.locator(':focus')).toHaveCSS('outline-style', 'solid');
    await expect(page.locator(':focus')).toHaveCSS('outline-width', '4px');
    await page.keyboard.press('Enter');
    await waitForReadResult(page);
    // After the procedures bar and the unfinished procedures' 再開する, the next stop is 再読み取り:
    // the result comes before the trainer panel.
    await page.getByRole('link', { name: 'カードの在庫' }).focus();
    await page.keyboard.press('Tab');
    await expect(page.locator(':focus')).toHaveText('再開する');
    await page.keyboard.press('Tab');
    await expect(page.getByTestId('reread')).toBeFocused();
    const readsBefore = harness.calls.filter((c) => c === 'card:read-health').length;
    await page.keyboard.press('Enter');
    await waitForReadResult(page);
    await expect
      .poll(() => harness.calls.filter((c) => c === 'card:read-health').length)
      .toBe(readsBefore + 1);
  });
});

/** Sends a reader:changed event into the page the way the harness forwards the core's events. */
async function dispatchReaders(page: Page, payload: unknown): Promise<void> {
  await page.evaluate(
    (body) =>
      (
        globalThis as unknown as { __counterDispatch(e: string, p: unknown): void }
      ).__counterDispatch('reader:changed', body),
    payload,
  );
}

test.describe('card health: reader subsystem', () => {
  test('when the PC/SC service is down the clerk is told to call IT staff', async ({
    page,
    harness,
  }) => {
    await openEmpty(harness, page);
    await dispatchReaders(page, {
      subsystem: { kind: 'pcsc-unavailable', reason: 'service-not-running' },
      readers: [],
    });
    await expectErrorShown(
      page,
      'カードリーダーのサービス（PC/SC）が動いていません。IT担当者に連絡してください。',
      'pcsc-unavailable',
    );
    await expect(page.locator('.reader-list')).toContainText('カードリーダーを確認できません');
    await harness.screenshot('card-health-pcsc-unavailable');
  });

  test('with no reader connected the clerk is told to check the cable', async ({
    page,
    harness,
  }) => {
    await openEmpty(harness, page);
    await dispatchReaders(page, { subsystem: { kind: 'ready' }, readers: [] });
    await expectErrorShown(page, 'カードリーダーが見つかりません。', 'no-reader');
    await expect(status(page)).toContainText(
      'ケーブルがパソコンにつながっているか確認してください',
    );
    await harness.screenshot('card-health-no-reader');
  });
});

test.describe('card health: security', () => {
  test('a hostile page calling the binding directly gets errors and the app keeps working', async ({
    page,
    harness,
  }) => {
    await openEmpty(harness, page);
    const answers = await page.evaluate(async () => {
      const invoke = (
        globalThis as unknown as {
          __counterInvoke(channel: unknown, payload: unknown): Promise<unknown>;
        }
      ).__counterInvoke;
      return {
        unknownChannel: await invoke('fs:read-file', { path: '/etc/passwd' }),
        extraField: await invoke('card:read-health', { reader: 'x', pin: '1234' }),
        huge: await invoke('card:read-health', { reader: 'x'.repeat(1024 * 1024) }),
        wrongType: await invoke('sim:insert-card', { preset: 42 }),
        notAnObject: await invoke('app:get-info', 'hello'),
      };
    });
    expect(answers.unknownChannel).toEqual({ ok: false, error: { code: 'unknown-channel' } });
    expect(answers.extraField).toMatchObject({ ok: false, error: { code: 'validation' } });
    expect(answers.huge).toMatchObject({ ok: false, error: { code: 'validation' } });
    expect(answers.wrongType).toMatchObject({ ok: false, error: { code: 'validation' } });
    expect(answers.notAnObject).toMatchObject({ ok: false, error: { code: 'validation' } });
    // The app is still alive: a card inserted now is read as usual.
    await insertPreset(page, 'issued');
    await waitForReadResult(page);
    await expect(page.getByTestId('next-action')).toContainText(NEXT.none);
  });

  test('an iframe inside the page is refused as a sender', async ({ page, harness }) => {
    await openEmpty(harness, page);
    const answer = await harness.core.router.handle(
      { url: `${harness.origin}/clerk.html`, isMainFrame: false },
      'app:get-info',
      {},
    );
    expect(answer).toEqual({ ok: false, error: { code: 'forbidden-sender' } });
    const foreign = await harness.core.router.handle(
      { url: 'http://127.0.0.1:1/evil.html', isMainFrame: true },
      'app:get-info',
      {},
    );
    expect(foreign).toEqual({ ok: false, error: { code: 'forbidden-sender' } });
  });

  test('the CSP watcher does see a violation when one happens (so its silence means something)', async ({
    page,
    harness,
  }) => {
    await openEmpty(harness, page);
    await page.locator('body').evaluate((body) => {
      const el = body.ownerDocument.createElement('div');
      el.setAttribute('style', 'color: red');
      body.append(el);
    });
    await expect.poll(() => harness.cspViolations.length).toBeGreaterThan(0);
    // This test expects the violation it caused; the fixture's no-violation check must not trip.
    harness.cspViolations.length = 0;
  });

  test.describe('with real-card timing', () => {
    test.use({ core: { simTiming: true } });

    test('a card pulled out in the middle of the read says so and what to do', async ({
      page,
      harness,
    }) => {
      await openEmpty(harness, page);
      await insertPreset(page, 'issued');
      // The read of a real card takes over a second: pull the card while it runs.
      await expect(status(page)).toHaveAttribute('data-state', 'reading');
      harness.core.simReader!.remove();
      await waitForReadResult(page);
      await expectErrorShown(
        page,
        '処理中にカードが抜かれました。同じカードを差し直してください。差し込むと、自動で読み取り直します。',
        'card-removed',
      );
      await harness.screenshot('card-health-pulled-mid-read');
      // Inserted again, the card is read from the start.
      await insertPreset(page, 'issued');
      await expect(status(page)).toHaveAttribute('data-state', 'health', { timeout: 20_000 });
    });
  });
});
