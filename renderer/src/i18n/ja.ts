// Japanese UI text, the reference message set: en.ts is typed against it, so a missing key fails typecheck.
import type { ErrorCode } from '../../../preload/contract/errors';
import type { NextActionCode, PinKind } from '../../../preload/contract/dto';

// vue-i18n message syntax: {name} is a parameter; never use the characters | @ $ { } as text.

const errors = {
  validation:
    'アプリ内部の要求が正しくない形式だったため、処理しませんでした。もう一度操作してください。繰り返し表示される場合は、IT担当者に連絡してください。',
  'unknown-channel':
    'アプリ内部で、存在しない操作が要求されました。アプリを再起動してください。繰り返し表示される場合は、IT担当者に連絡してください。',
  'forbidden-sender':
    'この画面からの要求は許可されていません。アプリを再起動してください。繰り返し表示される場合は、IT担当者に連絡してください。',
  'not-practice-mode': 'この操作は練習モードでだけ使えます。本番の窓口では使えません。',
  internal:
    'アプリ内部でエラーが起きました。もう一度操作してください。繰り返し表示される場合は、IT担当者に連絡してください。',
  'pcsc-unavailable':
    'カードリーダーのサービス（PC/SC）が動いていません。IT担当者に連絡してください。',
  'pcsc-addon-missing':
    'カードリーダーを使うための部品がこのパソコンにありません。IT担当者に連絡してください。',
  'no-reader':
    'カードリーダーが見つかりません。カードリーダーのケーブルがパソコンにつながっているか確認してください。',
  'reader-gone':
    '読み取り中にカードリーダーが外れました。ケーブルを確認し、カードを差し直して「再読み取り」を押してください。',
  'no-card': 'カードが入っていません。カードをカードリーダーに差し込んでください。',
  'card-mute':
    'カードが応答しません。カードの向きを確かめて差し直してください。それでも応答しない場合は、カードが壊れているおそれがあります。責任者に相談してください。',
  'card-removed':
    '読み取り中にカードが抜かれました。カードを差し直して「再読み取り」を押してください。',
  'card-busy': 'このカードは別の処理で使用中です。少し待ってから「再読み取り」を押してください。',
  'card-changed':
    '処理の途中で別のカードに差し替えられました。最初のカードを差し直して、手続きをやり直してください。',
  'not-my-number-card':
    'このカードはマイナンバーカードではありません。差し込んだカードを確かめて、マイナンバーカードを差し込んでください。',
  'card-terminated':
    'このカードは廃止されています（使用できないカードです）。廃止の理由を確認し、新しいカードが必要な場合は再交付の手続きを案内してください。',
  'card-tampered':
    'カードのICチップに異常があります（改ざんまたは破損のおそれ）。このカードは使わずに預かり、責任者に報告してください。',
  'card-timeout':
    'カードから決められた時間内に応答がありませんでした。カードを差し直して「再読み取り」を押してください。繰り返す場合は、カードが壊れているおそれがあります。責任者に相談してください。',
  'card-error':
    'カードの読み取り中にエラーが起きました。カードを差し直して「再読み取り」を押してください。繰り返す場合は、責任者に相談してください。',
} satisfies Record<ErrorCode, string>;

const nextActions = {
  none: '対応は必要ありません。このカードはそのまま使えます。',
  'issue-card':
    '交付前のカードです（暗証番号が設定されていません）。交付の手続きで暗証番号を設定してください。',
  'reset-locked-pin':
    'ロックされた暗証番号があります。本人確認のうえ、「暗証番号の初期化・再設定」の手続きをしてください（手数料はかかりません）。',
  'renew-certificates':
    '電子証明書の有効期限まで3か月を切っています。「電子証明書の更新」の手続きを案内してください。',
  'certificates-expired':
    '電子証明書の有効期限が切れています。「電子証明書の更新」の手続きで新しい電子証明書を発行してください。',
  'card-expired':
    'カードの有効期限が切れています。このカードは使えません。カードの再交付の手続きを案内してください。',
  'card-expiring':
    'カードの有効期限まで3か月を切っています。カードの更新（新しいカードの申請）を案内してください。',
  'release-suspension':
    'このカードは一時停止中です。本人確認のうえ、「一時停止の解除」の手続きをしてください。',
} satisfies Record<NextActionCode, string>;

const pinNames = {
  signing: '署名用電子証明書のパスワード',
  auth: '利用者証明用電子証明書の暗証番号',
  juki: '住民基本台帳用暗証番号',
  text: '券面事項入力補助用暗証番号',
} satisfies Record<PinKind, string>;

export const ja = {
  app: {
    name: '窓口',
    subtitle: 'マイナンバーカード交付窓口',
    version: 'バージョン {version}',
    loading: '準備しています…',
  },
  language: {
    label: '表示言語',
    ja: '日本語',
    en: 'English',
  },
  practice: {
    mark: '練習',
    banner: '練習モード — 模擬カードリーダーを使用しています。実際のカードには書き込みません。',
  },
  trainer: {
    title: '練習用カードの操作（研修用）',
    preset: '模擬カードの種類',
    insert: 'カードを挿入',
    remove: 'カードを取り出す',
    inserted: '挿入中のカード：{label}',
    empty: '模擬カードリーダーは空です。',
  },
  errorBox: {
    codeForIt: 'IT担当者向け：{code}',
    codeAndDetailForIt: 'IT担当者向け：{code}（{detail}）',
  },
  cardHealth: {
    title: 'カードの状態確認',
    lead: 'カードを差し込むと、自動で読み取って状態を表示します。',
    readers: {
      title: 'カードリーダー',
      none: 'カードリーダーが見つかりません。',
      unavailable: 'カードリーダーのサービスが使えないため、カードリーダーを確認できません。',
      starting: 'カードリーダーを確認しています…',
      cardPresent: 'カードあり',
      cardAbsent: 'カードなし',
      cardMute: 'カードが応答しません',
    },
    insertCard: 'カードをカードリーダーに差し込んでください。',
    insertCardHint: '差し込むと自動で読み取りが始まります。',
    reading: 'カードを読み取っています。カードを抜かずにお待ちください…',
    result: '読み取り結果',
    reread: '再読み取り',
    readAt: '読み取り日時：{time}',
    nextAction: {
      title: '次の対応',
      lockedPins: 'ロック中：{names}',
      separator: '、',
    },
    card: {
      title: 'カードの情報',
      serial: 'カード製造番号',
      serialHint: 'ICチップから読み取った番号',
      municipality: '市区町村コード',
      expiry: 'カードの有効期限',
      chipState: 'ICチップの状態',
      chipActive: '有効（利用できます）',
      chipSuspended: '一時停止中',
      kind: 'カードの種類',
      kindUnknown: '不明（ATR：{atr}）',
    },
    pins: {
      title: '暗証番号の状態',
      caption: '残り回数は、暗証番号を使わずに確認しています（回数は減りません）。',
      name: '暗証番号',
      tries: '残り回数',
      state: '状態',
      triesValue: '残り{left}回 / {max}回',
      triesNotSet: '—（未設定のため回数なし）',
      ok: '設定済み',
      locked: 'ロック中',
      notSet: '未設定',
    },
    certs: {
      title: '電子証明書',
      name: '電子証明書',
      presence: '格納',
      period: '有効期間',
      status: '状態',
      present: 'あり',
      absent: 'なし',
      periodValue: '{from} から {to} まで',
      signingDatesHidden:
        '署名用電子証明書の有効期間は、署名用電子証明書のパスワードを入力しないとICチップから読み取れないため、ここには表示されません。',
      signingDatesHiddenShort: '表示できません（下の注記を参照）',
      signingAbsent:
        '署名用電子証明書は格納されていません。15歳未満の方や、署名用電子証明書の発行を希望しなかった方のカードでは、これが通常の状態です。',
      validity: {
        valid: '有効',
        expiring: '有効（期限まで3か月未満・更新できます）',
        expired: '有効期限切れ',
        'not-yet-valid': 'まだ有効期間前',
        absent: '格納されていません',
      },
    },
  },
  pinNames,
  certNames: {
    signing: '署名用電子証明書',
    auth: '利用者証明用電子証明書',
  },
  nextActions,
  errors,
  date: '{y}年{m}月{d}日',
  dateTime: '{y}年{m}月{d}日 {hh}時{mm}分',
};

export type Messages = typeof ja;
