// The clerk's screens of the card's later life in Chromium, main answered by a stand-in that follows the contract
// (each request checked against its zod schema), one test per procedure to its last step, each looked at as a screenshot.
import { test as base, expect, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { requestSchemas, type Channel, type RequestOf } from '../../preload/contract/channels';
import type {
  CardHealthDto,
  OperatorDto,
  PinStatusDto,
  ReadersDto,
  SessionDto,
  SimStateDto,
} from '../../preload/contract/dto';
import type { ResidentSummaryDto } from '../../preload/contract/issuance';
import type {
  DailyReportDto,
  LifeCardDto,
  LifeCertificateDto,
  LifeKind,
  LifeNextAction,
  LifeProcedureDto,
  ResidentHistoryDto,
} from '../../preload/contract/lifecycle';
import {
  CRL_REASON_OF,
  type CardRevocationReason,
  type ReissueReason,
} from '../../preload/contract/rules/reasons';
import { reissueFee } from '../../preload/contract/rules/fees';
import { err, ok, type Result } from '../../preload/contract/result';
import { RENDERER_DIR, REPO_ROOT, SCREENS_DIR, SHIM_BUNDLE } from './harness/paths';
import { startStaticServer } from './harness/static-server';

const READER = 'Simulated Reader 0';
const CHIP_PHOTO = `data:image/png;base64,${readFileSync(
  resolve(REPO_ROOT, 'resources/practice/photos/MD-2023-0005.png'),
).toString('base64')}`;

const RESIDENT: ResidentSummaryDto = {
  id: 7,
  kanjiName: '仮名　幸子',
  kanaName: 'カメイ　サチコ',
  birthDate: '1985-04-12',
  age: 41,
  sex: 'female',
  address: '東京都千代田区霞が関一丁目2番3号',
};

function operator(loginId: string, displayName: string, role: OperatorDto['role']): OperatorDto {
  return {
    id: loginId === 'sekinin' ? 2 : 1,
    loginId,
    displayName,
    role,
    disabled: false,
    mustChangePassword: false,
    lockedUntil: null,
  };
}
const CLERK = operator('renshu01', '練習　太郎', 'clerk');
const SUPERVISOR = operator('sekinin', '責任　一郎', 'supervisor');

/** A card of the stand-in: what the history shows and what card health reads from its chip. */
interface FakeCard {
  card: LifeCardDto;
  certificates: LifeCertificateDto[];
  nextActions: LifeNextAction[];
  pins: PinStatusDto[];
  certValidity: 'valid' | 'expiring' | 'expired';
}

const pin = (kind: PinStatusDto['kind'], state: PinStatusDto['state'] = 'ok'): PinStatusDto => ({
  kind,
  state,
  triesLeft: state === 'locked' ? 0 : kind === 'signing' ? 5 : 3,
  maxTries: kind === 'signing' ? 5 : 3,
});

function fakeCard(
  id: number,
  state: LifeCardDto['state'],
  over: Partial<Omit<FakeCard, 'card'>> & { card?: Partial<LifeCardDto> } = {},
): FakeCard {
  const serial = `9900000000000${String(id).padStart(2, '0')}`;
  const certStatus =
    state === 'suspended' ? 'on_hold' : state === 'terminated' ? 'revoked' : 'issued';
  return {
    card: {
      id,
      serial,
      state,
      expiry: '2034-04-12',
      issuedAt: '2024-04-20T01:30:00Z',
      terminatedAt: state === 'terminated' ? '2026-03-01T02:00:00Z' : null,
      destroyedAt: null,
      replacesSerial: null,
      replacedBySerial: null,
      ...over.card,
    },
    certificates: over.certificates ?? [
      {
        kind: 'signing',
        serial: `5A${String(id)}01`,
        notAfter: '2029-04-12T14:59:59Z',
        status: certStatus,
        revocationReason: state === 'terminated' ? 'keyCompromise' : null,
      },
      {
        kind: 'auth',
        serial: `5A${String(id)}02`,
        notAfter: '2029-04-12T14:59:59Z',
        status: certStatus,
        revocationReason: state === 'terminated' ? 'keyCompromise' : null,
      },
    ],
    nextActions: over.nextActions ?? [],
    pins: over.pins ?? [pin('signing'), pin('auth'), pin('juki'), pin('text')],
    certValidity: over.certValidity ?? 'valid',
  };
}

/** The stand-in for main: the life:* channels and what the screens around them ask. */
class FakeMain {
  readonly calls: string[] = [];
  readonly invalid: string[] = [];
  readonly procedures = new Map<string, LifeProcedureDto>();
  session: OperatorDto = CLERK;
  inserted: string | null = null;
  private next = 1;
  page: Page | null = null;

  constructor(readonly cards: FakeCard[]) {}

  private cardById(id: number): FakeCard {
    const found = this.cards.find((c) => c.card.id === id);
    if (!found) throw new Error(`no card ${String(id)}`);
    return found;
  }

  private sessionDto(): SessionDto {
    return { needsSetup: false, operator: this.session, locked: false, idleLockMinutes: 30 };
  }

  private readers(): ReadersDto {
    return {
      subsystem: { kind: 'ready' },
      readers: [
        {
          name: READER,
          cardPresent: this.inserted !== null,
          mute: false,
          atrHex: this.inserted ? '3B 8A 80 01' : null,
          atrLabel: this.inserted ? 'マイナンバーカード（接触）' : null,
        },
      ],
    };
  }

  private sim(): SimStateDto {
    return {
      presets: [{ id: 'issued', label: '交付済みのカード' }],
      reader: READER,
      inserted: this.inserted ? 'issued' : null,
      applicationCards: [],
      removed: null,
      authorityOffline: false,
    };
  }

  private health(): CardHealthDto | null {
    const card = this.cards.find((c) => c.card.serial === this.inserted);
    if (!card) return null;
    return {
      reader: READER,
      atrHex: '3B 8A 80 01',
      atrLabel: 'マイナンバーカード（接触）',
      serial: card.card.serial,
      municipalityCode: '131016',
      cardExpiry: card.card.expiry,
      chipState: card.card.state === 'suspended' ? 'suspended' : 'active',
      pins: card.pins,
      certificates: (['signing', 'auth'] as const).map((kind) => ({
        kind,
        present: true,
        ...(kind === 'auth' ? { notBefore: '2024-04-20', notAfter: '2026-12-31' } : {}),
        validity: card.certValidity,
      })),
      nextActions: [],
      readAt: new Date().toISOString(),
    };
  }

  history(): ResidentHistoryDto {
    return {
      resident: RESIDENT,
      cards: this.cards.map((c) => ({
        ...c.card,
        certificates: c.certificates,
        nextActions: c.nextActions,
      })),
      openProcedures: [...this.procedures.values()]
        .filter((p) => p.step !== 'completed' && p.step !== 'cancelled')
        .map((p) => ({ procedureId: p.procedureId, kind: p.kind, startedAt: p.startedAt })),
      timeline: [
        {
          at: '2026-03-01T02:00:00Z',
          kind: 'suspension',
          event: 'suspension-registered',
          cardSerial: this.cards[0]?.card.serial ?? null,
          procedureId: null,
          operator: '練習　太郎',
          detail: null,
        },
        {
          at: '2024-04-20T01:30:00Z',
          kind: 'certificate',
          event: 'certificate-issued',
          cardSerial: this.cards[0]?.card.serial ?? null,
          procedureId: null,
          operator: '練習　太郎',
          detail: 'signing',
        },
        {
          at: '2024-04-20T01:29:00Z',
          kind: 'card',
          event: 'card-issued',
          cardSerial: this.cards[0]?.card.serial ?? null,
          procedureId: null,
          operator: '練習　太郎',
          detail: null,
        },
      ],
    };
  }

  private blank(kind: LifeKind, card: FakeCard): LifeProcedureDto {
    return {
      procedureId: `life-${String(this.next++)}`,
      kind,
      step: 'documents',
      resident: RESIDENT,
      card: card.card,
      startedAt: new Date().toISOString(),
      completedAt: null,
      documents: null,
      faceRequired: kind === 'release',
      face: null,
      matchedSerial: null,
      needsCard: false,
      plan: null,
      pins: null,
      certificates: null,
      suspension: null,
      revocation: null,
      reissue: null,
      renewal: null,
      approvedBy: null,
      notice: null,
    };
  }

  private put(dto: LifeProcedureDto): Result<LifeProcedureDto> {
    this.procedures.set(dto.procedureId, dto);
    return ok(dto);
  }

  private get(id: string): LifeProcedureDto {
    const dto = this.procedures.get(id);
    if (!dto) throw new Error(`no procedure ${id}`);
    return dto;
  }

  private done(
    dto: LifeProcedureDto,
    over: Partial<LifeProcedureDto> = {},
  ): Result<LifeProcedureDto> {
    return this.put({ ...dto, ...over, step: 'completed', completedAt: new Date().toISOString() });
  }

  /** Sends an event to the page as the preload would (the payload only). */
  async emit(event: string, payload: unknown): Promise<void> {
    await this.page?.evaluate(
      ([name, body]) =>
        (
          globalThis as unknown as { __counterDispatch?: (e: string, p: unknown) => void }
        ).__counterDispatch?.(name, body),
      [event, payload] as const,
    );
  }

  async insert(serial: string | null): Promise<void> {
    this.inserted = serial;
    await this.emit('reader:changed', this.readers());
  }

  /** main moves the procedure on (PIN progress, certificate phases) and tells the window. */
  async update(id: string, over: Partial<LifeProcedureDto>): Promise<void> {
    const dto = { ...this.get(id), ...over };
    this.procedures.set(id, dto);
    await this.emit('life:updated', dto);
  }

  /** The resident enters every secret of the plan; main then writes (release, renewal) and completes. */
  async residentEnters(id: string): Promise<void> {
    const dto = this.get(id);
    const kinds = (dto.plan ?? []).map((e) => e.kind);
    const pins = { entryOpen: true, current: null, attempts: { auth: 1 }, accepted: kinds };
    if (dto.kind === 'pin-reset') {
      await this.update(id, { pins, step: 'completed', completedAt: new Date().toISOString() });
      return;
    }
    const certKinds =
      dto.renewal?.scope === 'signing-only'
        ? (['signing'] as const)
        : (['signing', 'auth'] as const);
    await this.update(id, {
      pins,
      step: 'certificates',
      certificates: { phase: 'generating-keys', kinds: [...certKinds] },
    });
  }

  handle(channel: string, payload: unknown): Result<unknown> {
    this.calls.push(channel);
    const schema = requestSchemas[channel as Channel];
    if (!schema) return err({ code: 'unknown-channel' });
    const parsed = schema.safeParse(payload);
    if (!parsed.success) {
      this.invalid.push(`${channel}: ${parsed.error.message}`);
      return err({ code: 'validation' });
    }
    // The request as its channel's schema typed it (the switch below names the channel).
    const req = <C extends Channel>() => parsed.data as RequestOf<C>;
    const id = (parsed.data as { procedureId?: string }).procedureId ?? '';
    switch (channel as Channel) {
      case 'app:get-info':
        return ok({ mode: 'practice', version: 'e2e', simulatedReader: true, startupError: null });
      case 'auth:get-session':
      case 'auth:report-activity':
        return ok(this.sessionDto());
      case 'reader:list-readers':
        return ok(this.readers());
      case 'sim:get-state':
        return ok(this.sim());
      case 'sim:receive-card':
        return ok(this.sim());
      case 'card:read-health': {
        const health = this.health();
        return health ? ok(health) : err({ code: 'no-card' });
      }
      case 'issuance:list-open':
        return ok([]);
      case 'life:list-open':
        return ok(
          [...this.procedures.values()].filter((p) => !['completed', 'cancelled'].includes(p.step)),
        );
      case 'life:find-by-serial': {
        const found = this.cards.find((c) => c.card.serial === req<'life:find-by-serial'>().serial);
        return found
          ? ok({ resident: RESIDENT, cards: this.cards.map((c) => c.card) })
          : err({ code: 'not-found' });
      }
      case 'life:search':
        return ok([{ resident: RESIDENT, cards: this.cards.map((c) => c.card) }]);
      case 'life:history':
        return ok(this.history());
      case 'approval:approve':
        if (req<'approval:approve'>().approverLoginId === this.session.loginId)
          return err({ code: 'self-approval' });
        return ok({ approvalId: 41, approverDisplayName: SUPERVISOR.displayName });
      case 'suspension:register': {
        const card = this.cardById(req<'suspension:register'>().cardId);
        card.card = { ...card.card, state: 'suspended' };
        const dto = this.blank('suspension', card);
        return this.done(dto, {
          suspension: {
            reporter: req<'suspension:register'>().reporter,
            method: req<'suspension:register'>().method,
            reportedAt: req<'suspension:register'>().reportedAt,
            note: req<'suspension:register'>().note,
          },
        });
      }
      case 'life:start': {
        const card = this.cardById(req<'life:start'>().cardId);
        const dto = this.blank(req<'life:start'>().kind, card);
        if (req<'life:start'>().kind === 'revocation' && card.card.state === 'terminated') {
          return this.put({
            ...dto,
            step: 'card',
            revocation: {
              reason: 'found-after-reissue',
              crlReason: 'superseded',
              cardPresent: true,
              returnOnly: true,
              destroyedAt: null,
            },
          });
        }
        return this.put({
          ...dto,
          step:
            req<'life:start'>().kind === 'revocation' || req<'life:start'>().kind === 'reissue'
              ? 'reason'
              : 'documents',
        });
      }
      case 'life:get':
        return ok(this.get(id));
      case 'life:record-documents': {
        const dto = this.get(id);
        const listA = (req<'life:record-documents'>().kinds as string[]).some(
          (k) =>
            ![
              'health-insurance',
              'pension-book',
              'long-term-care',
              'medical-recipient',
              'employee-id',
              'student-id',
              'bankbook',
              'maternal-handbook',
            ].includes(k),
        );
        return this.put({
          ...dto,
          documents: req<'life:record-documents'>().kinds,
          faceRequired: dto.kind === 'release' || !listA,
          step: 'card',
        });
      }
      case 'life:check-card': {
        const dto = this.get(id);
        if (this.inserted === null) return err({ code: 'card-not-present' });
        if (this.inserted !== dto.card.serial) return err({ code: 'wrong-card' });
        if (dto.kind === 'revocation') {
          return this.put({
            ...dto,
            matchedSerial: this.inserted,
            needsCard: false,
            step: 'destroy',
            card: { ...dto.card, state: 'terminated' },
          });
        }
        return this.put({
          ...dto,
          matchedSerial: this.inserted,
          needsCard: false,
          step: dto.faceRequired ? 'face' : 'choose',
        });
      }
      case 'life:read-photos':
        return ok({ chip: CHIP_PHOTO, application: null });
      case 'life:record-face':
        return this.put({
          ...this.get(id),
          face: 'match',
          step: req<'life:record-face'>().decision === 'match' ? 'choose' : 'face-mismatch',
        });
      case 'life:choose': {
        const { plan, scope } = req<'life:choose'>();
        return this.put({
          ...this.get(id),
          plan,
          renewal: scope ? { scope } : null,
          step: 'pins',
          pins: { entryOpen: false, current: null, attempts: {}, accepted: [] },
        });
      }
      case 'life:open-pin-entry': {
        const dto = this.get(id);
        return this.put({
          ...dto,
          pins: {
            entryOpen: true,
            current: dto.plan?.[0]?.kind ?? null,
            attempts: {},
            accepted: [],
          },
        });
      }
      case 'revocation:set-reason': {
        const reason = req<'revocation:set-reason'>().reason as CardRevocationReason;
        return this.put({
          ...this.get(id),
          step: 'approval',
          revocation: {
            reason,
            crlReason: CRL_REASON_OF[reason],
            cardPresent: req<'revocation:set-reason'>().cardPresent,
            returnOnly: false,
            destroyedAt: null,
          },
        });
      }
      case 'reissue:set-reason': {
        const reason = req<'reissue:set-reason'>().reason as ReissueReason;
        return this.put({
          ...this.get(id),
          step: 'approval',
          reissue: {
            reason,
            express: req<'reissue:set-reason'>().express,
            fee: reissueFee(reason, req<'reissue:set-reason'>().express),
            feeStatus: null,
            waiverReason: null,
            newNoticeNumber: null,
          },
        });
      }
      case 'life:approve': {
        const dto = { ...this.get(id), approvedBy: SUPERVISOR.displayName };
        if (dto.revocation) {
          return dto.revocation.cardPresent
            ? this.put({ ...dto, step: 'card' })
            : this.done(dto, { card: { ...dto.card, state: 'terminated' } });
        }
        if (dto.reissue?.fee.freeByRule) {
          return this.done(dto, {
            reissue: { ...dto.reissue, feeStatus: 'waived', newNoticeNumber: 'MD-2026-0101' },
          });
        }
        return this.put({ ...dto, step: 'fee' });
      }
      case 'reissue:record-fee': {
        const dto = this.get(id);
        if (!dto.reissue) return err({ code: 'step-not-allowed' });
        return this.done(dto, {
          card: { ...dto.card, state: 'terminated' },
          reissue: {
            ...dto.reissue,
            feeStatus: req<'reissue:record-fee'>().status,
            waiverReason: req<'reissue:record-fee'>().waiverReason ?? null,
            newNoticeNumber: 'MD-2026-0101',
          },
        });
      }
      case 'revocation:record-destroyed': {
        const dto = this.get(id);
        if (!dto.revocation) return err({ code: 'step-not-allowed' });
        return this.done(dto, {
          revocation: { ...dto.revocation, destroyedAt: new Date().toISOString() },
        });
      }
      case 'life:complete':
        return this.done(this.get(id));
      case 'life:print-receipt':
        return ok({
          path: '/home/madoguchi/窓口/receipts/reissue-fee-MD-2026-0101.pdf',
          bytes: 48_213,
        });
      case 'life:cancel':
        return this.put({ ...this.get(id), step: 'cancelled' });
      case 'reports:daily':
        return ok(dailyReport(req<'reports:daily'>().date));
      case 'reports:daily-pdf':
        return ok({
          path: `/home/madoguchi/窓口/reports/daily-${String(req<'reports:daily-pdf'>().date)}.pdf`,
          bytes: 52_004,
        });
      case 'reports:daily-csv':
        return ok({
          path: `/home/madoguchi/窓口/reports/daily-${String(req<'reports:daily-csv'>().date)}.csv`,
          bytes: 812,
          rows: 14,
        });
      default:
        return err({ code: 'step-not-allowed', detail: channel });
    }
  }
}

function dailyReport(date: string): DailyReportDto {
  return {
    date,
    municipality: '練習市',
    procedures: [
      { kind: 'issuance', completed: 12, cancelled: 1, open: 1 },
      { kind: 'suspension', completed: 2, cancelled: 0, open: 0 },
      { kind: 'release', completed: 1, cancelled: 0, open: 0 },
      { kind: 'pin-reset', completed: 4, cancelled: 0, open: 0 },
      { kind: 'revocation', completed: 2, cancelled: 0, open: 0 },
      { kind: 'reissue', completed: 2, cancelled: 0, open: 0 },
      { kind: 'renewal', completed: 3, cancelled: 1, open: 0 },
    ],
    fees: {
      paidCount: 1,
      paidYen: 1000,
      waivedCount: 1,
      waivedReasons: [{ reason: 'theft', count: 1 }],
    },
    cards: { received: 15, issued: 12, returned: 2, destroyed: 2, inStockAtEnd: 31 },
    generatedAt: new Date().toISOString(),
  };
}

/** The resident's cards for a test (an object: Playwright reads a bare array option as [value, options]). */
interface Scenario {
  readonly cards: readonly FakeCard[];
}
const SUSPENDED: Scenario = {
  cards: [fakeCard(5, 'suspended', { nextActions: ['release-suspension'] })],
};

const test = base.extend<{ fake: FakeMain; scenario: Scenario }>({
  scenario: [SUSPENDED, { option: true }],
  fake: async ({ page, scenario }, use) => {
    // A copy per test: a procedure changes its cards' states.
    const fake = new FakeMain(structuredClone([...scenario.cards]));
    fake.page = page;
    const server = await startStaticServer(RENDERER_DIR);
    const pageErrors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') pageErrors.push(m.text());
    });
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.exposeBinding('__counterInvoke', (_source, channel: unknown, payload: unknown) =>
      fake.handle(String(channel), payload),
    );
    await page.addInitScript({ content: await readFile(SHIM_BUNDLE, 'utf8') });
    await page.goto(`${server.origin}/clerk.html#/`);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    try {
      await use(fake);
      // Every request the screens sent passed the contract's schema, and the page logged no error.
      expect(fake.invalid, 'requests refused by the contract').toEqual([]);
      expect(pageErrors, 'page errors').toEqual([]);
    } finally {
      await server.close();
    }
  },
});

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENS_DIR, `lifecycle-${name}.png`), fullPage: true });
}

/** カード・住民の検索 by serial, then the resident's page. */
async function openHistory(page: Page, serial: string): Promise<void> {
  await page.getByTestId('nav-life').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('カード・住民の検索');
  await page.getByLabel('カード製造番号（15桁）').fill(serial);
  await page.getByLabel('カード製造番号（15桁）').press('Enter');
  await expect(page.getByTestId('resident-history')).toBeVisible();
  await expect(page.getByTestId('history-name')).toHaveText('仮名　幸子');
}

async function startFromCard(page: Page, serial: string, action: string): Promise<void> {
  await page.locator(`[data-card="${serial}"] [data-start="${action}"]`).click();
}

async function approveAsSupervisor(page: Page): Promise<void> {
  await page.getByTestId('open-approval').click();
  const dialog = page.getByTestId('approval-dialog');
  await dialog.getByLabel('責任者の職員ID').fill('sekinin');
  await dialog.getByLabel('責任者のパスワード').fill('practice-password');
  await dialog.getByLabel('承認の理由').fill('届出と本人確認の内容を確認した。');
  await dialog.getByLabel('承認の理由').press('Enter');
}

async function documentsWithLicence(page: Page): Promise<void> {
  await page.getByTestId('resident-list-A').getByLabel('運転免許証').check();
  await page.getByTestId('documents-next').click();
}

test.describe('later-life screens', () => {
  test('find by serial: the resident’s page with cards, next actions and the timeline', async ({
    page,
    fake,
  }) => {
    await page.getByTestId('nav-life').click();
    await expect(page.getByLabel('カード製造番号（15桁）')).toBeFocused();
    await page.getByLabel('カード製造番号（15桁）').fill('99000000000005');
    await page.getByLabel('カード製造番号（15桁）').press('Enter');
    await expect(page.getByTestId('find-missing')).toContainText('15桁');
    expect(fake.calls).not.toContain('life:find-by-serial');
    await shot(page, 'find');

    await page.getByLabel('カード製造番号（15桁）').fill('９９００００００００００００５');
    await page.getByLabel('カード製造番号（15桁）').press('Enter');
    const card = page.locator('[data-card="990000000000005"]');
    await expect(card.getByTestId('card-state')).toHaveText('一時停止中');
    await expect(card.locator('[data-next="release-suspension"]')).toBeVisible();
    await expect(card.locator('[data-start="release"]')).toHaveText('一時停止を解除する');
    await expect(page.getByTestId('timeline')).toContainText(
      '紛失・盗難の届出を受け、一時停止を登録しました',
    );
    await expect(page.getByTestId('timeline')).toContainText('署名用電子証明書');
    await shot(page, 'history');
    // The same page in English, every line of it.
    await page.getByRole('button', { name: 'English' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Resident’s page');
    await expect(card.locator('[data-start="release"]')).toHaveText('Release the suspension');
    await shot(page, 'history-en');
    await page.getByRole('button', { name: '日本語' }).click();
  });

  test.describe('an issued card', () => {
    test.use({ scenario: { cards: [fakeCard(2, 'issued')] } });

    test('一時停止の登録: who, how, when (now by default), note; the card need not be here', async ({
      page,
      fake,
    }) => {
      await openHistory(page, '990000000000002');
      await startFromCard(page, '990000000000002', 'suspension');
      await expect(page.getByTestId('step-report')).toBeVisible();
      await expect(page.getByTestId('report-why')).toHaveText('届け出た人を選んでください。');
      await page.getByLabel('コールセンター（24時間受付）').check();
      await page.getByLabel('電話').check();
      await page.getByLabel('メモ（任意）').fill('駅で紛失。警察に遺失届を提出済み。');
      await page.getByLabel('届出を受けた日時').fill('2026-11-20T21:15');
      await expect(page.getByTestId('reported-at-words')).toHaveText(
        '入力した日時：2026年11月20日 21時15分',
      );
      await expect(page.getByTestId('report-why')).toContainText('一時停止を登録する');
      await shot(page, 'suspension-form');
      await page.getByTestId('register-suspension').click();
      await expect(page.getByTestId('step-completed')).toContainText('一時停止を登録しました');
      await expect(page.getByTestId('completed-summary')).toContainText(
        'コールセンター（24時間受付）',
      );
      expect(fake.calls).toContain('suspension:register');
      await shot(page, 'suspension-done');
    });

    test('電子証明書の更新: signing only after a change of the four facts, current PIN kept', async ({
      page,
      fake,
    }) => {
      await openHistory(page, '990000000000002');
      await startFromCard(page, '990000000000002', 'renewal');
      await expect(page.getByTestId('step-documents')).toBeVisible();
      await expect(page.getByTestId('face-if-b')).toBeVisible();
      await documentsWithLicence(page);
      await expect(page.getByTestId('step-card')).toBeVisible();
      await fake.insert('990000000000002');
      await expect(page.getByTestId('step-choose')).toBeVisible();
      await page.getByLabel('署名用のみ（基本4情報の変更）').check();
      await expect(page.locator('[data-secret]')).toHaveCount(1);
      await expect(page.getByTestId('mode-signing-current')).toBeChecked();
      await shot(page, 'renewal-choose');
      await page.getByTestId('choose-next').click();
      await expect(page.getByTestId('step-pins')).toBeVisible();
      await page.getByTestId('open-pin-entry').click();
      await expect(page.getByTestId('pin-progress')).toContainText('今のまま');
      const id = [...fake.procedures.keys()].at(-1) ?? '';
      await fake.residentEnters(id);
      await expect(page.getByTestId('step-certificates')).toContainText(
        '署名用電子証明書だけを発行します',
      );
      await shot(page, 'renewal-certificates');
      await fake.update(id, {
        step: 'completed',
        certificates: { phase: 'done', kinds: ['signing'] },
      });
      await expect(page.getByTestId('step-completed')).toContainText('電子証明書を更新しました');
      await shot(page, 'renewal-done');
    });

    test('廃止 with the card handed back: reason, approval, card, 穴あけ', async ({
      page,
      fake,
    }) => {
      await openHistory(page, '990000000000002');
      await startFromCard(page, '990000000000002', 'revocation');
      await expect(page.getByTestId('step-reason')).toBeVisible();
      await page.getByLabel(/^返納/).check();
      await page.getByLabel('カードがある（返納された）').check();
      await expect(page.getByTestId('step-reason')).toContainText(
        '失効理由：利用の終了 cessationOfOperation',
      );
      await shot(page, 'revocation-reason');
      await page.getByTestId('reason-next').click();
      await expect(page.getByTestId('step-approval')).toBeVisible();
      await expect(page.getByTestId('approval-summary')).toContainText('返納');
      await page.getByTestId('open-approval').click();
      await expect(page.getByTestId('approval-dialog')).toContainText(
        'カードの廃止（電子証明書の失効）',
      );
      await page.getByTestId('approval-dialog').getByRole('button', { name: 'キャンセル' }).click();
      await shot(page, 'revocation-approval');
      await approveAsSupervisor(page);
      await expect(page.getByTestId('step-card')).toBeVisible();
      await fake.insert('990000000000002');
      await expect(page.getByTestId('step-destroy')).toBeVisible();
      await page.getByTestId('punched').check();
      await shot(page, 'revocation-destroy');
      await page.getByTestId('record-destroyed').click();
      await expect(page.getByTestId('step-completed')).toContainText('カードを廃止しました');
      await expect(page.getByTestId('destroyed')).toContainText('に記録しました');
      await shot(page, 'revocation-done');
    });
  });

  test('一時停止の解除: documents, card, face, keep or new PINs, new certificates', async ({
    page,
    fake,
  }) => {
    await openHistory(page, '990000000000005');
    await startFromCard(page, '990000000000005', 'release');
    await expect(page.getByTestId('step-documents')).toBeVisible();
    await expect(page.getByTestId('step-header')).toContainText('一時停止の解除');
    await shot(page, 'release-documents');
    await documentsWithLicence(page);
    await expect(page.getByTestId('step-card')).toContainText('990000000000005');
    await fake.insert('990000000000005');
    await expect(page.getByTestId('step-face')).toBeVisible();
    await expect(page.getByTestId('face-chip').locator('img')).toBeVisible();
    await page.getByTestId('face-match').click();
    await expect(page.getByTestId('step-choose')).toBeVisible();
    await page.getByTestId('mode-auth-new').check();
    await shot(page, 'release-choose');
    await page.getByTestId('choose-next').click();
    await page.getByTestId('open-pin-entry').click();
    await expect(page.getByTestId('pin-progress').locator('[data-pin="signing"]')).toHaveAttribute(
      'data-state',
      'current',
    );
    await shot(page, 'release-pins');
    const id = [...fake.procedures.keys()].at(-1) ?? '';
    await fake.residentEnters(id);
    await fake.update(id, { certificates: { phase: 'writing', kinds: ['signing', 'auth'] } });
    await expect(page.getByTestId('step-certificates')).toHaveAttribute('data-phase', 'writing');
    await shot(page, 'release-certificates');
    const released = {
      ...(fake.cards[0]?.card ?? fakeCard(5, 'issued').card),
      state: 'issued' as const,
    };
    await fake.update(id, {
      step: 'completed',
      card: released,
      certificates: { phase: 'done', kinds: ['signing', 'auth'] },
    });
    await expect(page.getByTestId('step-completed')).toContainText('一時停止を解除しました');
    await expect(page.getByTestId('step-header')).toContainText('交付済');
    await shot(page, 'release-done');
  });

  test.describe('a card with a locked signing password', () => {
    test.use({
      scenario: {
        cards: [
          fakeCard(3, 'issued', {
            pins: [pin('signing', 'locked'), pin('auth'), pin('juki'), pin('text')],
          }),
        ],
      },
    });

    test('暗証番号の初期化・再設定: the locked one reset, another changed with the current value', async ({
      page,
      fake,
    }) => {
      await openHistory(page, '990000000000003');
      await startFromCard(page, '990000000000003', 'pin-reset');
      await page
        .getByTestId('resident-list-B')
        .getByLabel('健康保険の資格確認書・被保険者証')
        .check();
      await page.getByTestId('resident-list-B').getByLabel('年金手帳・基礎年金番号通知書').check();
      await page.getByTestId('documents-next').click();
      await fake.insert('990000000000003');
      // List B documents: the face check comes first.
      await expect(page.getByTestId('step-face')).toBeVisible();
      await page.getByTestId('face-match').click();
      await expect(page.getByTestId('step-choose')).toBeVisible();
      await expect(page.getByTestId('include-signing')).toBeChecked();
      await expect(page.getByTestId('mode-signing-change')).toBeDisabled();
      await page.getByTestId('include-auth').check();
      await page.getByTestId('mode-auth-change').check();
      await expect(page.getByTestId('choose-why')).toContainText('選び終わりました');
      await shot(page, 'pin-reset-choose');
      await page.getByTestId('choose-next').click();
      await page.getByTestId('open-pin-entry').click();
      await expect(page.getByTestId('pin-progress')).toContainText('今の値を使って変更');
      await shot(page, 'pin-reset-pins');
      expect(fake.procedures.get([...fake.procedures.keys()].at(-1) ?? '')?.plan).toEqual([
        { kind: 'signing', mode: 'new' },
        { kind: 'auth', mode: 'change' },
      ]);
      await fake.residentEnters([...fake.procedures.keys()].at(-1) ?? '');
      await expect(page.getByTestId('step-completed')).toContainText(
        '暗証番号の初期化・再設定が終わりました',
      );
      await shot(page, 'pin-reset-done');
    });
  });

  test('再交付 of a lost card: express, fee ¥2,000 paid, receipt, new notice; then 入庫 in practice', async ({
    page,
    fake,
  }) => {
    await openHistory(page, '990000000000005');
    await startFromCard(page, '990000000000005', 'reissue');
    await expect(page.getByTestId('express')).toBeDisabled();
    await page.getByLabel('紛失', { exact: true }).check();
    await expect(page.getByTestId('fee-total')).toHaveText('1,000円');
    await page.getByTestId('express').check();
    await expect(page.getByTestId('fee-total')).toHaveText('2,000円');
    await expect(page.getByTestId('old-card-revoked')).toContainText('紛失（発見されず）');
    await shot(page, 'reissue-reason');
    await page.getByTestId('reason-next').click();
    await approveAsSupervisor(page);
    await expect(page.getByTestId('step-fee')).toBeVisible();
    await page.getByLabel('免除する').check();
    await expect(page.getByLabel('免除の理由')).toBeVisible();
    await page.getByLabel('受領した').check();
    await shot(page, 'reissue-fee');
    await page.getByTestId('record-fee').click();
    await expect(page.getByTestId('step-completed')).toContainText('再交付の申請を記録しました');
    await expect(page.getByTestId('new-notice')).toHaveText('MD-2026-0101');
    await expect(page.getByTestId('fee-status')).toHaveText('2,000円を受領しました');
    await page.getByTestId('print-receipt').click();
    await expect(page.getByTestId('receipt')).toContainText('.pdf');
    await shot(page, 'reissue-done');

    const receive = page.getByTestId('trainer-receive');
    await receive.getByLabel('再交付の申請の番号（交付通知書の番号）').fill('MD-2026-0101');
    await receive.getByTestId('receive-card').click();
    await expect(page.getByTestId('received-card')).toContainText('MD-2026-0101');
    expect(fake.calls).toContain('sim:receive-card');
  });

  test.describe('the old card found after a reissue', () => {
    test.use({
      scenario: {
        cards: [
          fakeCard(5, 'terminated', {
            nextActions: ['record-return'],
            card: { replacedBySerial: '990000000000009' },
          }),
          fakeCard(9, 'received', {
            certificates: [],
            nextActions: ['issue-card'],
            card: { replacesSerial: '990000000000005', issuedAt: null },
          }),
        ],
      },
    });

    test('返納: only the card and the punching, no approval', async ({ page, fake }) => {
      await openHistory(page, '990000000000005');
      await expect(page.locator('[data-card="990000000000009"]')).toContainText('990000000000005');
      await shot(page, 'return-history');
      await startFromCard(page, '990000000000005', 'return');
      await expect(page.getByTestId('step-card')).toContainText('責任者の承認は不要です');
      await expect(page.getByTestId('step-header')).toContainText('返納・廃棄の記録');
      await fake.insert('990000000000005');
      await page.getByTestId('punched').check();
      await page.getByTestId('record-destroyed').click();
      await expect(page.getByTestId('step-completed')).toContainText('返納・廃棄を記録しました');
      await shot(page, 'return-done');
      expect(fake.calls).not.toContain('life:approve');
    });
  });

  test('home lists an unfinished later-life procedure to resume', async ({ page, fake }) => {
    await openHistory(page, '990000000000005');
    await startFromCard(page, '990000000000005', 'release');
    await expect(page.getByTestId('step-documents')).toBeVisible();
    await page.getByRole('link', { name: 'カードの状態確認' }).click();
    const open = page.getByTestId('open-procedures');
    await expect(open).toContainText('一時停止の解除');
    await expect(open).toContainText('990000000000005');
    await shot(page, 'home-open');
    await open.getByRole('button', { name: '仮名　幸子 さんの一時停止の解除を再開する' }).click();
    await expect(page.getByTestId('step-documents')).toBeVisible();
    expect(fake.calls).toContain('life:list-open');
  });

  test('日報: a supervisor picks a day, sees the tables, writes PDF and CSV', async ({
    page,
    fake,
  }) => {
    await expect(page.getByTestId('nav-reports')).toHaveCount(0);
    fake.session = SUPERVISOR;
    await fake.emit('auth:changed', {
      needsSetup: false,
      operator: SUPERVISOR,
      locked: false,
      idleLockMinutes: 30,
    });
    await page.getByTestId('nav-reports').click();
    await expect(page.getByTestId('report-procedures')).toContainText('暗証番号の初期化・再設定');
    await page.getByLabel('日付').fill('2026-11-24');
    await expect(page.getByTestId('report-date-words')).toHaveText('2026年11月24日');
    await page.getByRole('button', { name: '表示する' }).click();
    await expect(page.getByTestId('daily-report')).toContainText('2026年11月24日の日報');
    await expect(page.getByTestId('in-stock')).toHaveText('31枚');
    await page.getByTestId('report-pdf').click();
    await expect(page.getByTestId('report-written')).toContainText('daily-2026-11-24.pdf');
    await shot(page, 'daily-report');
    await page.getByTestId('report-csv').click();
    await expect(page.getByTestId('report-written')).toContainText('.csv');
  });
});
