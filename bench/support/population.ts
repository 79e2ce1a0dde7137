// The benchmark's fictional town: every resident, card and audit row is a pure function of its index.
import { myNumberCheckDigit } from '../../main/card/domain';
import type { IsoDate, MyNumber, Sex } from '../../main/card/domain';
import { canonicalJson } from '../../main/audit/details-guard';

// Derived from the index alone (no shared PRNG state), so the benchmark can rebuild the query
// values of resident i without storing them and the generator can work in any chunk order.
function mix32(x: number): number {
  x = Math.imul(x ^ (x >>> 16), 0x7feb352d);
  x = Math.imul(x ^ (x >>> 15), 0x846ca68b);
  return (x ^ (x >>> 16)) >>> 0;
}

/** Uniform in [0, 1) for (index, field). */
export function unit(index: number, field: number): number {
  return mix32(mix32(index + 0x9e3779b9 * field) ^ Math.imul(field, 0x632be5ab)) / 4294967296;
}

// Fictional surnames made of two common parts, so there are ~1,400 of them with a long tail,
// like real ones: the most common covers about 1 % of the town (佐藤 is ~1.5 % of Japan).
const SURNAME_FIRST: readonly (readonly [string, string])[] = [
  ['山', 'ヤマ'],
  ['中', 'ナカ'],
  ['高', 'タカ'],
  ['小', 'コ'],
  ['大', 'オオ'],
  ['石', 'イシ'],
  ['松', 'マツ'],
  ['川', 'カワ'],
  ['藤', 'フジ'],
  ['森', 'モリ'],
  ['岡', 'オカ'],
  ['長', 'ナガ'],
  ['西', 'ニシ'],
  ['東', 'ヒガシ'],
  ['北', 'キタ'],
  ['南', 'ミナミ'],
  ['上', 'ウエ'],
  ['下', 'シモ'],
  ['吉', 'ヨシ'],
  ['池', 'イケ'],
  ['原', 'ハラ'],
  ['野', 'ノ'],
  ['村', 'ムラ'],
  ['木', 'キ'],
  ['桜', 'サクラ'],
  ['宮', 'ミヤ'],
  ['井', 'イ'],
  ['千', 'チ'],
  ['竹', 'タケ'],
  ['平', 'ヒラ'],
  ['福', 'フク'],
  ['秋', 'アキ'],
  ['青', 'アオ'],
  ['白', 'シラ'],
  ['黒', 'クロ'],
  ['金', 'カネ'],
  ['今', 'イマ'],
  ['新', 'ニイ'],
  ['内', 'ウチ'],
  ['岩', 'イワ'],
  ['浜', 'ハマ'],
  ['前', 'マエ'],
  ['菊', 'キク'],
  ['柴', 'シバ'],
  ['増', 'マス'],
  ['加', 'カ'],
  ['佐', 'サ'],
  ['伊', 'イ'],
];
const SURNAME_SECOND: readonly (readonly [string, string])[] = [
  ['田', 'ダ'],
  ['村', 'ムラ'],
  ['川', 'カワ'],
  ['本', 'モト'],
  ['井', 'イ'],
  ['野', 'ノ'],
  ['山', 'ヤマ'],
  ['島', 'シマ'],
  ['崎', 'サキ'],
  ['沢', 'サワ'],
  ['原', 'ハラ'],
  ['口', 'グチ'],
  ['谷', 'タニ'],
  ['藤', 'トウ'],
  ['木', 'キ'],
  ['橋', 'ハシ'],
  ['岡', 'オカ'],
  ['部', 'ベ'],
  ['内', 'ウチ'],
  ['坂', 'サカ'],
  ['浦', 'ウラ'],
  ['林', 'バヤシ'],
  ['瀬', 'セ'],
  ['森', 'モリ'],
  ['尾', 'オ'],
  ['畑', 'バタ'],
  ['永', 'ナガ'],
  ['宮', 'ミヤ'],
  ['城', 'シロ'],
];
const GIVEN_MALE_FIRST: readonly (readonly [string, string])[] = [
  ['健', 'ケン'],
  ['浩', 'ヒロ'],
  ['大', 'ダイ'],
  ['翔', 'ショウ'],
  ['拓', 'タク'],
  ['誠', 'マコ'],
  ['和', 'カズ'],
  ['隆', 'タカ'],
  ['直', 'ナオ'],
  ['悠', 'ユウ'],
  ['蓮', 'レン'],
  ['陽', 'ハル'],
  ['正', 'マサ'],
  ['秀', 'ヒデ'],
  ['俊', 'トシ'],
  ['光', 'ミツ'],
  ['智', 'トモ'],
  ['康', 'ヤス'],
];
const GIVEN_MALE_SECOND: readonly (readonly [string, string])[] = [
  ['太', 'タ'],
  ['郎', 'ロウ'],
  ['樹', 'キ'],
  ['斗', 'ト'],
  ['也', 'ヤ'],
  ['介', 'スケ'],
  ['人', 'ト'],
  ['輝', 'テル'],
  ['雄', 'オ'],
  ['志', 'シ'],
  ['平', 'ヘイ'],
  ['司', 'ジ'],
];
const GIVEN_FEMALE_FIRST: readonly (readonly [string, string])[] = [
  ['花', 'ハナ'],
  ['結', 'ユイ'],
  ['美', 'ミ'],
  ['咲', 'サキ'],
  ['陽', 'ヒ'],
  ['愛', 'アイ'],
  ['優', 'ユ'],
  ['千', 'チ'],
  ['真', 'マ'],
  ['恵', 'メグ'],
  ['由', 'ユ'],
  ['菜', 'ナ'],
  ['明', 'アキ'],
  ['桃', 'モモ'],
  ['彩', 'アヤ'],
  ['春', 'ハル'],
  ['紗', 'サ'],
  ['芽', 'メ'],
];
const GIVEN_FEMALE_SECOND: readonly (readonly [string, string])[] = [
  ['子', 'コ'],
  ['香', 'カ'],
  ['奈', 'ナ'],
  ['美', 'ミ'],
  ['恵', 'エ'],
  ['衣', 'イ'],
  ['乃', 'ノ'],
  ['葉', 'ハ'],
  ['里', 'リ'],
  ['希', 'キ'],
  ['音', 'ネ'],
  ['月', 'ツキ'],
];
// Foreign residents: the name as written is in Latin letters, the reading in katakana.
const FOREIGN_FAMILY: readonly (readonly [string, string])[] = [
  ['SMITH', 'スミス'],
  ['NGUYEN', 'グエン'],
  ['SILVA', 'シルバ'],
  ['KIM', 'キム'],
  ['LI', 'リ'],
  ['SANTOS', 'サントス'],
  ['GARCIA', 'ガルシア'],
  ['TRAN', 'チャン'],
  ['PARK', 'パク'],
];
const FOREIGN_GIVEN: readonly (readonly [string, string])[] = [
  ['JOHN', 'ジョン'],
  ['MARIA', 'マリア'],
  ['ANH', 'アイン'],
  ['MIN', 'ミン'],
  ['ANA', 'アナ'],
  ['LUCAS', 'ルーカス'],
  ['WEI', 'ウェイ'],
  ['LINH', 'リン'],
  ['JOSE', 'ホセ'],
];
const TOWNS = ['緑町', '桜台', '川端', '本町', '港南', '旭丘', '若葉', '東雲', '栄町', '青葉'];
const TOWN_PREFIX = '架空県みどり市';

/** Field numbers of unit(): one per independent choice. */
const F = {
  surname: 1,
  given: 2,
  sex: 3,
  birth: 4,
  address: 5,
  foreign: 6,
  cardState: 7,
  issued: 8,
  auditOperator: 20,
  auditAction: 21,
  auditResident: 22,
  auditCard: 23,
} as const;

/** Skewed pick: low indices are common (P(index < k) = (k/n)^(1/1.6)). */
function skewed(u: number, n: number): number {
  return Math.min(n - 1, Math.floor(n * u ** 1.6));
}

function pick<T>(list: readonly T[], u: number): T {
  return list[Math.min(list.length - 1, Math.floor(u * list.length))]!;
}

function pair<T>(a: readonly T[], b: readonly T[], k: number): [T, T] {
  return [a[Math.floor(k / b.length) % a.length]!, b[k % b.length]!];
}

export interface TownResident {
  readonly id: number;
  readonly familyKana: string;
  readonly familyKanji: string;
  readonly kanaName: string;
  readonly kanjiName: string;
  readonly birthDate: IsoDate;
  readonly address: string;
  readonly sex: Sex;
  readonly myNumber: MyNumber;
  readonly noticeNumber: string;
  readonly cardSerial: string;
}

const BIRTH_FROM = Date.UTC(1925, 0, 1);
const BIRTH_DAYS = Math.floor((Date.UTC(2025, 11, 31) - BIRTH_FROM) / 86_400_000);

// Multipliers coprime to 10^k make i ↦ i·m + c (mod 10^k) a bijection: distinct residents get
// distinct numbers that still look scattered.
function scramble(i: number, multiplier: bigint, offset: bigint, modulus: bigint): string {
  return ((BigInt(i) * multiplier + offset) % modulus).toString();
}

export function myNumberOf(id: number): MyNumber {
  const first11 = scramble(id, 3_486_784_401n, 27_182_818_284n, 100_000_000_000n).padStart(11, '0');
  return `${first11}${myNumberCheckDigit(first11)}` as MyNumber;
}

export function noticeNumberOf(id: number): string {
  return `99301 ${scramble(id, 48_828_127n, 31_415_926n, 100_000_000n).padStart(8, '0')}`;
}

export function cardSerialOf(id: number): string {
  return `1${scramble(id, 1_220_703_125_003n, 14_142_135_623n, 100_000_000_000_000n).padStart(14, '0')}`;
}

/** Resident `id` (1-based) of the town. */
export function residentOf(id: number): TownResident {
  const u = (f: number) => unit(id, f);
  const sexU = u(F.sex);
  const sex: Sex = sexU < 0.49 ? 'male' : sexU < 0.995 ? 'female' : 'unknown';
  const foreign = u(F.foreign) < 0.02;
  let family: readonly [string, string];
  let given: readonly [string, string];
  if (foreign) {
    family = pick(FOREIGN_FAMILY, u(F.surname));
    given = pick(FOREIGN_GIVEN, u(F.given));
  } else {
    const [a, b] = pair(
      SURNAME_FIRST,
      SURNAME_SECOND,
      skewed(u(F.surname), SURNAME_FIRST.length * SURNAME_SECOND.length),
    );
    family = [a[0] + b[0], a[1] + b[1]];
    const [first, second] =
      sex === 'male'
        ? [GIVEN_MALE_FIRST, GIVEN_MALE_SECOND]
        : [GIVEN_FEMALE_FIRST, GIVEN_FEMALE_SECOND];
    const [c, d] = pair(first, second, skewed(u(F.given), first.length * second.length));
    given = [c[0] + d[0], c[1] + d[1]];
  }
  const birth = new Date(BIRTH_FROM + Math.floor(u(F.birth) * BIRTH_DAYS) * 86_400_000);
  const a = Math.floor(u(F.address) * 1e6);
  return {
    id,
    familyKana: family[1],
    familyKanji: family[0],
    kanaName: `${family[1]} ${given[1]}`,
    kanjiName: foreign ? `${family[0]} ${given[0]}` : `${family[0]}\u3000${given[0]}`,
    birthDate: birth.toISOString().slice(0, 10) as IsoDate,
    address: `${TOWN_PREFIX}${TOWNS[a % TOWNS.length]}${(a % 7) + 1}丁目${(a % 31) + 1}番${(a % 23) + 1}号`,
    sex,
    myNumber: myNumberOf(id),
    noticeNumber: noticeNumberOf(id),
    cardSerial: cardSerialOf(id),
  };
}

export type TownCardState = 'received' | 'prepared' | 'issued' | 'suspended' | 'terminated';

export interface TownCard {
  readonly state: TownCardState;
  readonly applicationStatus: 'ready' | 'issued';
  readonly receivedAt: string;
  readonly issuedAt: string | null;
  readonly terminatedAt: string | null;
  readonly expiry: string;
}

const ISSUE_FROM = Date.UTC(2016, 0, 4);
const ISSUE_DAYS = 3600;

/** One card per resident (card id = application id = resident id), most of them issued. */
export function cardOf(id: number): TownCard {
  const s = unit(id, F.cardState);
  const state: TownCardState =
    s < 0.04
      ? 'received'
      : s < 0.07
        ? 'prepared'
        : s < 0.09
          ? 'suspended'
          : s < 0.15
            ? 'terminated'
            : 'issued';
  const received = ISSUE_FROM + Math.floor(unit(id, F.issued) * ISSUE_DAYS) * 86_400_000;
  const issued = received + 14 * 86_400_000;
  const expiry = new Date(issued);
  expiry.setUTCFullYear(expiry.getUTCFullYear() + 10);
  const handedOver = state !== 'received' && state !== 'prepared';
  return {
    state,
    applicationStatus: handedOver ? 'issued' : 'ready',
    receivedAt: new Date(received).toISOString(),
    issuedAt: handedOver ? new Date(issued).toISOString() : null,
    terminatedAt: state === 'terminated' ? new Date(issued + 400 * 86_400_000).toISOString() : null,
    expiry: expiry.toISOString().slice(0, 10),
  };
}

export const OPERATOR_COUNT = 50;

const AUDIT_ACTIONS = [
  'resident.viewed',
  'resident.searched',
  'card.issued',
  'card.received',
  'card.prepared',
  'card.suspended',
  'pin.reset',
  'operator.login',
  'operator.logout',
  'resident.my-number-revealed',
] as const;
const AUDIT_FROM = Date.UTC(2021, 0, 4);

export interface TownAuditRow {
  readonly at: string;
  readonly operatorId: number;
  readonly action: string;
  readonly residentId: number | null;
  readonly cardId: number | null;
  readonly details: string;
}

/** Audit row `seq` (1-based); times rise with seq, a few seconds apart. */
export function auditRowOf(seq: number, residents: number): TownAuditRow {
  const action = pick(AUDIT_ACTIONS, unit(seq, F.auditAction));
  const who = action.startsWith('operator.')
    ? null
    : 1 + Math.floor(unit(seq, F.auditResident) * residents);
  const card = who !== null && action.startsWith('card.') ? who : null;
  return {
    at: new Date(AUDIT_FROM + seq * 60_000 + (seq % 7) * 1000).toISOString(),
    operatorId: 1 + Math.floor(unit(seq, F.auditOperator) * OPERATOR_COUNT),
    action,
    residentId: who,
    cardId: card,
    details: canonicalJson({ counter: 1 + (seq % 6), procedure: `P-${seq % 100_000}` }),
  };
}
