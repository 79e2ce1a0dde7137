// Japanese UI text, the reference message set: en.ts is typed against it, so a missing key fails typecheck.
import { EXPRESS_CATEGORY_LABELS } from '../../../preload/contract/rules/express';
import type { ErrorCode } from '../../../preload/contract/errors';
import type { NextActionCode, PinKind } from '../../../preload/contract/dto';
import type { RepresentativeRelation } from '../../../preload/contract/issuance';
import type {
  DeliveryAuthority,
  DeliveryReason,
  DeliveryRelation,
  DocumentKind,
} from '../../../preload/contract/rules/documents';
import type {
  LifeCardDto,
  LifeCertificateDto,
  LifeNextAction,
  PinEntryMode,
  RenewalScope,
  ReportMethod,
  Reporter,
  ProcedureOutcome,
  TimelineEvent,
  TimelineKind,
} from '../../../preload/contract/lifecycle';
import type { CardProcedureKind, ProcedureStep } from '../../../preload/contract/procedure';
import type { CardKind, ChangedFact } from '../../../preload/contract/rules/card-kinds';
import { FEE_LINE_LABELS } from '../../../preload/contract/rules/fees';
import {
  PROCEDURE_KIND_LABELS,
  REPORT_FEE_LABELS,
  REPORT_OUTCOME_LABELS,
  REPORT_STOCK_LABELS,
} from '../../../preload/contract/rules/report-labels';
import {
  CRL_REASON_LABELS,
  labelsIn,
  REISSUE_REASON_LABELS,
  REVOCATION_REASON_LABELS,
} from '../../../preload/contract/rules/reasons';

// vue-i18n message syntax: {name} is a parameter; never use the characters | @ $ { } as text.

const errors = {
  validation:
    'アプリ内部の要求が正しくない形式だったため、処理しませんでした。もう一度操作してください。繰り返し表示される場合は、IT担当者に連絡してください。',
  'unknown-channel':
    'アプリ内部で、存在しない操作が要求されました。アプリを再起動してください。繰り返し表示される場合は、IT担当者に連絡してください。',
  'forbidden-sender':
    'この画面からの要求は許可されていません。アプリを再起動してください。繰り返し表示される場合は、IT担当者に連絡してください。',
  'not-practice-mode': 'この操作は練習モードでだけ使えます。本番の窓口では使えません。',
  'scenario-not-found': 'その練習シナリオは見つかりません。研修講師に確認してください。',
  'scenario-setup-failed': '練習シナリオの準備ができませんでした。研修講師に連絡してください。',
  'scenario-needs-reset':
    'このシナリオで使う練習データが前の練習で変わっています。研修講師に「練習データを初期状態に戻す」を頼んでください（成績は残ります）。',
  'scenario-run-open':
    '練習シナリオの途中です。先に今のシナリオを「終了して採点」するか「中止」してください。',
  'no-scenario-run': '実施中の練習シナリオはありません。',
  'not-trainee': 'この操作は研修生の練習用アカウントでだけ使えます。',
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
    '処理中にカードが抜かれました。同じカードを差し直してください。差し込むと、自動で読み取り直します。',
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
  'not-logged-in': 'ログインしていません。職員IDとパスワードでログインしてください。',
  'session-locked':
    '一定時間操作がなかったため画面をロックしました。パスワードを入力してロックを解除してください。',
  'forbidden-role':
    'この操作はあなたの権限ではできません。権限のある職員（責任者または管理者）に依頼してください。',
  'setup-already-done':
    '最初の管理者はすでに登録されています。登録済みの職員IDでログインしてください。',
  'setup-code-invalid':
    'セットアップコードが違います。このパソコンのセットアップコードをIT担当者に確認して、入力し直してください。',
  'setup-code-missing':
    'このパソコンにはセットアップコードが設定されていないため、最初の管理者を登録できません。IT担当者に連絡して、端末の設定ファイルにセットアップコードを設定してもらってください。',
  'login-invalid': '職員IDまたはパスワードが違います。入力を確かめて、もう一度入力してください。',
  'login-locked':
    'パスワードを{tries}回続けて間違えたため、このIDは{minutes}分間ロックされています。時間をおいてからやり直すか、管理者に連絡してください。',
  'login-disabled': 'このIDは無効にされています。管理者に連絡してください。',
  'password-too-short': 'パスワードは{min}文字以上にしてください。',
  'password-change-required':
    '管理者が設定したパスワードのままです。先に自分のパスワードに変更してください。',
  'password-reused': '新しいパスワードには、今のパスワードと違うものを入力してください。',
  'duplicate-login': 'この職員IDはすでに使われています。別のIDを入力してください。',
  'self-approval':
    '自分の申請を自分で承認することはできません。別の責任者に承認を依頼してください。',
  'approver-not-allowed':
    '承認できるのは有効な責任者のIDだけです。責任者に職員IDとパスワードを入力してもらってください。',
  'approval-paused':
    '責任者のIDまたはパスワードが{tries}回続けて違ったため、あなたの申請への承認を{minutes}分間受け付けません。責任者のIDとパスワードは変わらず使えます。時間をおいてから、責任者ご本人に入力してもらってください。',
  'not-found': '対象が見つかりません。画面を開き直して、もう一度選んでください。',
  'db-corrupt':
    'データベースのファイルが壊れています。これ以上傷めないよう、このアプリはログインも含めて何も記録しません。ファイルは上書きしていません。アプリを閉じてIT担当者に連絡し、バックアップからの復元を依頼してください。',
  'db-locked':
    'データベースを別のプログラムが使用中です。ほかの窓口アプリを閉じてから、このアプリを起動し直してください。解決しない場合はIT担当者に連絡してください。',
  'db-unavailable':
    '事務所のデータベースにつながらないため、記録できませんでした。この操作は記録されていません（途中までの記録も残っていません）。手続きはこの窓口で止めてあります。つながり次第、同じ画面からやり直せます。しばらくしても続く場合はIT担当者に連絡してください。',
  'db-full':
    'ディスクの空きがないため記録できませんでした。手続きは記録されていません（途中までの記録も残っていません）。IT担当者に連絡して空き容量を確保してから、やり直してください。',
  'db-too-new':
    'このデータベースは新しい版のアプリで作られたため、この版では開けません。IT担当者に連絡してアプリを更新してください。',
  'db-mode-mismatch':
    '練習用と本番用のデータベースが取り違えられています。ファイルは開いていません。IT担当者に連絡してください。',
  'db-read-only':
    'データベースのファイルが読み取り専用になっているため、記録できません。何も記録していません。アプリを閉じてIT担当者に連絡し、ファイルの読み取り専用の設定を外してもらってください。',
  'data-folder-read-only':
    'データを保存するフォルダーに書き込めません（読み取り専用のフォルダーまたはディスクです）。何も記録していません。アプリを閉じてIT担当者に連絡し、フォルダーの書き込み権限を確認してもらってください。',
  'db-reference-missing':
    '関連する記録（職員・住民・カードなど）が見つからないため、保存できませんでした。何も記録していません。画面を開き直して、もう一度操作してください。繰り返し表示される場合は、IT担当者に連絡してください。',
  'data-key-wrong':
    'データを開く鍵がこのデータベースと合わないため、開けません（別のパソコンや別の利用者のデータを持ち込んだ場合などに起こります）。データは変更していません。アプリを閉じてIT担当者に連絡してください。',
  'data-key-unavailable':
    'このパソコンの鍵の保管機能が使えないため、データを保護する鍵を作れません。何も記録していません。アプリを閉じてIT担当者に連絡してください。',
  'data-key-exposed':
    '鍵ファイルをほかの利用者も読める設定になっているため、使いません。データは変更していません。アプリを閉じてIT担当者に連絡し、鍵ファイルの権限を本人だけに直してもらってください。',
  'office-key-missing':
    'この窓口端末には事務所の鍵が入っていないため、事務所のデータベースを開けません。何も記録していません。アプリを閉じてIT担当者に連絡し、事務所の鍵を入れてもらってください（npm run office-key:install）。',
  'office-key-wrong':
    'この窓口端末の事務所の鍵では、事務所のデータベースを開けません（別の事務所の鍵か、別のパソコンで入れた鍵です）。何も記録していません。アプリを閉じてIT担当者に連絡し、この事務所の鍵を入れ直してもらってください。',
  'disk-full':
    'ディスクの空きがないため、ファイルを保存できませんでした。作りかけのファイルは残していません。IT担当者に連絡して空き容量を確保してから、やり直してください。',
  'backup-failed':
    'バックアップを作成できませんでした。保存先の空き容量を確かめてから、もう一度お試しください。',
  'backup-on-server':
    'この窓口の記録は庁内の共用データベースにあり、バックアップはサーバーで情報システム担当が取っています。この画面からは作成しません。複製が必要なときは情報システム担当に連絡してください。',
  'application-not-found':
    '交付通知書の番号と生年月日に合う申請が見つかりません。番号と生年月日を確かめて入力し直すか、氏名と生年月日で検索してください。',
  'application-not-ready':
    'この申請のカードはまだ届いていません（交付できる状態ではありません）。交付通知書の日付を確かめ、後日あらためて来庁するよう案内してください。',
  'application-issued':
    'この申請のカードはすでに交付済みです。カードの状態を確かめるには、カードを差し込んで「カードの状態」を開いてください。',
  'application-cancelled':
    'この申請は取り消されています。交付できません。申請の経緯を責任者に確認してください。',
  'procedure-closed':
    'この手続きはすでに終了（完了または中止）しています。最初の画面から、あらためて申請を検索してください。',
  'other-resident-open':
    'ほかの住民の方の手続きが開いています。一度に扱えるのは1人の手続きだけです。開いている手続きを完了するか、保留にしてから進めてください。',
  'other-counter-open':
    '窓口{counter}で手続き中です。同じ申請・カード・住民の方の手続きを、二つの窓口で同時に進めることはできません。窓口{counter}で続けてください。その窓口で続けられない場合は、責任者に相談してください。',
  'procedure-busy':
    'この手続きは別の操作を処理中です。処理が終わるまで数秒待ってから、もう一度操作してください。',
  'step-not-allowed':
    'この操作は今の手順ではできません。画面に表示されている手順に従って進めてください。',
  'documents-invalid':
    '本人確認書類の組み合わせが足りません。A欄の書類を1点、またはB欄の書類を2点選んでください。',
  'representative-required':
    '15歳未満または成年被後見人の方の交付には、法定代理人の同行と本人確認が必要です。法定代理人の続柄と確認した書類を選んでください。',
  'card-face-not-confirmed':
    '住民の方が、カードに記録された氏名・住所・生年月日・性別をまだ確認していません。先に「住民画面に券面の内容を表示する」で確認していただいてください。',
  'card-face-wrong':
    '住民の方が「券面の内容に違うところがある」と答えたため、交付を止めています。カードは渡さないでください。',
  'application-in-procedure':
    'この申請には、すでに別の交付の手続き（ご本人または代理人）が途中にあります。未完了の手続きから続けるか、中止してから始めてください。',
  'delivery-reason-invalid':
    'この理由では代理人交付はできません。病気・障害・75歳以上・妊娠・長期入院・施設入所・要介護・未就学児・就学中など、やむを得ない理由に限られます（仕事や多忙は理由になりません）。「75歳以上」はご本人の年齢が75歳以上のときだけ選べます。',
  'inquiry-not-sent':
    'この手続きでは、まだ照会書を送っていません。先に1回目の来庁で申し出を記録し、照会書兼回答書を郵送してください。',
  'inquiry-mismatch':
    '照会番号が、この申し出で送った照会書と一致しません。持参された照会書の番号を確かめてください。別の方あての照会書かもしれません。',
  'inquiry-expired':
    '照会書の有効期限が過ぎています。この照会書では交付できません。手続きを中止し、あらためて申し出を受け付けて照会書を送り直してください。',
  'inquiry-unanswered':
    'ご本人の回答（回答欄の記入・署名）と、封をした暗証番号設定依頼書の両方が必要です。そろっていない場合は交付できません。',
  'face-mismatch':
    '顔写真が本人と一致しないと判断されたため、手続きを止めています。続けるには責任者の承認（理由の入力）が必要です。続けない場合は手続きを中止してください。',
  'approval-invalid':
    'この承認はこの手続きのものではないか、種類が違います。責任者にもう一度承認を依頼してください。',
  'notice-match-required':
    '同姓同名で生年月日も同じ方、または同じ世帯で一緒に申請した方がいるため、氏名からは交付を始められません。交付通知書の番号と生年月日で検索し直してから始めてください。',
  'second-check-required':
    'この窓口では、顔写真の「一致」をもう一人の職員が確認します。確認する職員に来てもらい、その職員のIDとパスワードを入力してもらってください。',
  'second-look-required':
    '顔の類似度が基準を下回っているため、「一致」の前にもう一度見比べる必要があります。写真とご本人をよく見比べてから、もう一度「一致」を押してください。',
  'wrong-card':
    'この申請のために準備されたカードではありません（カード製造番号が違います）。カードを抜き、この申請のカードを差し込んでください。',
  'card-facts-mismatch':
    'カードに記録された氏名・住所・生年月日・性別または個人番号が、この申請と一致しません。このカードは交付できません。カードを抜いて保管し、責任者に連絡してください。',
  'card-not-issuable':
    'このカードは交付できる状態ではありません（交付済み・一時停止中・廃止済みのいずれかです）。カードの状態を確かめ、責任者に相談してください。',
  'authority-unavailable':
    '電子証明書の発行システムに接続できません。手続きは保存しました。後日交付の案内を印刷して住民の方に渡し、後日この手続きを再開してください。',
  'authority-refused':
    'このカードは、この端末の発行システムが扱えるカードではありません。カードを抜き、責任者に連絡してください。',
  'certificate-check-failed':
    'カードに書き込んだ電子証明書の確認に失敗しました。カードを差したまま、もう一度お試しください。繰り返す場合は責任者に連絡してください。',
  'pin-entry-not-open':
    '住民の方の暗証番号入力は、今は受け付けていません。職員の画面で「暗証番号の入力を始める」を押してください。',
  'pin-format': '暗証番号の形式が違います。数字4桁で入力してください。',
  'pin-same-digits': '同じ数字4つ（例：1111）は暗証番号に使えません。別の数字を選んでください。',
  'pin-sequence':
    '連続した数字（例：1234、4321）は暗証番号に使えません。別の数字を選んでください。',
  'pin-birth-date':
    '生年月日（月日、年の下2桁と月、西暦年）は暗証番号に使えません。別の数字を選んでください。',
  'password-format': 'パスワードは英大文字と数字で6〜16文字です。記号や空白は使えません。',
  'password-letter-digit': 'パスワードには英字と数字をそれぞれ1文字以上含めてください。',
  'pin-confirmation-differs':
    '1回目と2回目の入力が一致しません。もう一度、最初から入力してください。',
  'receipt-failed':
    '書類（PDF）を作成できませんでした。保存先の空き容量を確かめて、もう一度お試しください。手続きの記録は失われていません。',
  'card-not-issued':
    'このカードは交付されていないため、この手続きはできません。カードの状態を確かめてください（未交付のカードは「交付」から手続きします）。',
  'card-already-suspended':
    'このカードはすでに一時停止されています。解除するときは「一時停止の解除」から手続きしてください。',
  'card-not-suspended':
    'このカードは一時停止されていません。解除の手続きは不要です。カードの状態を確かめてください。',
  'card-revoked':
    'このカードは廃止済みのため、もう使えません。再交付の手続きをしてください。カードを返納された場合は「返納・廃棄の記録」を行ってください。',
  'card-not-present':
    'カードがリーダーにありません。カードを差し込んでから、もう一度操作してください。',
  'report-in-future':
    '届出の日時が未来になっています。届出を受けた日時を確かめて入力し直してください。',
  'pin-wrong': '現在の暗証番号が違います。住民の方に、もう一度入力していただいてください。',
  'pin-locked':
    'この暗証番号はロックされているため使えません。「新しく設定する」を選んで初期化してください。',
  'renewal-too-early':
    '電子証明書の更新は、有効期限の3か月前から受け付けます。まだ更新できません。',
  'facts-unchanged':
    'カードの基本4情報（氏名・住所など）は住民票の記載と同じです。券面記載事項の変更も、署名用電子証明書だけの再発行も必要ありません。',
  'card-kind-unchanged': 'このカードはすでにその種類です。切り替える必要はありません。',
  'face-auth-card':
    'このカードは顔認証マイナンバーカードです（暗証番号・署名用電子証明書なし）。先に通常のカードへの切替を行ってください。',
  'certificate-procedure-open':
    'このカードの電子証明書の手続きがまだ終わっていません。その手続きを完了するか中止してから、もう一度操作してください。',
  'express-not-allowed': '特急発行は、手数料のかかる再交付の理由（紛失など）のときだけ選べます。',
  'express-not-eligible':
    '特急発行の対象になりません（対象の区分でない、または申請の期限〔できごとから30日、1歳未満は1歳の誕生日の前日まで〕を過ぎています）。通常の再交付で申請してください。',
  'certificate-service-closed':
    '国の電子証明書サービスの受付時間外（20時以降など）のため、電子証明書の手続きは今はできません。交付は「後日交付にする」で電子証明書だけを後日にできます。ほかの手続きは、受付時間内にもう一度お越しいただくよう住民の方にご案内ください。',
  'card-not-uncollected':
    'このカードは受け取り待ちのカードではありません（交付済み・廃棄済みなど）。カードの状態を確かめてください。',
  'uncollected-not-due':
    'このカードはまだ廃棄の期日になっていません。期日を過ぎてから、責任者の承認を得て廃棄してください。',
  'waiver-reason-required': '手数料を免除するときは、免除の理由を入力してください。',
  'approval-required': 'この手続きには責任者の承認が必要です。責任者に承認を依頼してください。',
  'reissue-exists':
    'このカードにはすでに再交付の申請があります。新しいカードの交付を進めてください。',
  'plan-invalid':
    '選んだ暗証番号と入力方法の組み合わせは、この手続きでは使えません。選び直してください。',
  'report-failed':
    '日報を作成できませんでした。保存先の空き容量を確かめて、もう一度お試しください。',
} satisfies Record<ErrorCode, string>;

const nextActions = {
  none: '対応は必要ありません。このカードはそのまま使えます。',
  'finish-issuance':
    '暗証番号は設定済みですが、電子証明書がありません。交付が途中で止まっています（後日交付など）。ホーム画面の「未完了の手続き」から交付を再開してください。',
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
  'change-card-facts':
    'カードに記録された氏名・住所などが住民票の記載と違います（転居・氏名の変更など）。住民の履歴から「券面記載事項を変更する」の手続きをしてください。',
  'record-return':
    'このカードは廃止されています（再交付のあとで見つかったカードなど）。カードを預かり、住民の履歴から「返納・廃棄を記録する」で返納と穴あけ（廃棄）を記録してください。',
  reissue:
    'このカードは廃止されていて、二度と使えません。新しいカードが必要な場合は、住民の履歴から再交付の手続きをしてください。',
} satisfies Record<NextActionCode, string>;

const pinNames = {
  signing: '署名用電子証明書のパスワード',
  auth: '利用者証明用電子証明書の暗証番号',
  juki: '住民基本台帳用暗証番号',
  text: '券面事項入力補助用暗証番号',
} satisfies Record<PinKind, string>;

// The reasons' and fee lines' words are the rules' own, so the printed documents say the same.
const revocationReasons = labelsIn('ja', REVOCATION_REASON_LABELS);
const reissueReasons = labelsIn('ja', REISSUE_REASON_LABELS);

const life = {
  uncollected: {
    title: '受け取られていないカード',
    lead: '交付通知書を送ったのに受け取りに来られていないカードです。督促の期日と、廃棄できる日を示します。廃棄には責任者の承認が必要です。',
    none: '受け取り待ちのカードはありません。',
    resident: '氏名・交付通知書番号',
    notice: '交付通知書の送付日',
    reminder: '督促',
    destroyFrom: '廃棄できる日',
    stage: '状況',
    actions: '操作',
    sent: '{date} 送付済み',
    due: '{date} までに送付',
    stages: {
      waiting: '受け取り待ち',
      'reminder-due': '督促の時期です',
      reminded: '督促済み',
      'destruction-due': '廃棄の期日を過ぎています',
    },
    recordReminder: '督促の送付を記録',
    destroyed:
      '{name} さんのカード（{serial}）の廃棄を記録しました。今日の日報の「うち受け取られなかったカードの廃棄」に数えられます。',
    destroy: '廃棄する（責任者の承認）',
  },
  kinds: {
    ...labelsIn('ja', PROCEDURE_KIND_LABELS),
    return: '返納・廃棄の記録',
  },
  start: {
    suspension: '一時停止を登録する',
    release: '一時停止を解除する',
    'pin-reset': '暗証番号の初期化・再設定',
    revocation: '廃止する',
    reissue: '再交付の手続き',
    renewal: '電子証明書を更新する',
    issuance: '交付の画面へ',
    return: '返納・廃棄を記録する',
    renewalFactsChanged: '署名用電子証明書のみ更新する（基本4情報の変更）',
    'card-change': '券面記載事項を変更する（転居・氏名の変更）',
    'to-face-auth': '顔認証マイナンバーカードに切り替える',
    'to-standard': '通常のカードに切り替える（暗証番号を設定）',
  },
  notYet: {
    renewal: '電子証明書の更新は{date}からです。',
    'renewal-too-early': '電子証明書の更新は、有効期限の3か月前からです。',
    'reissue-exists': '再交付は記録済みです。新しいカードの交付へ進んでください。',
  },
  cardStates: {
    received: '入庫済（交付前）',
    prepared: '交付前設定済',
    issued: '交付済',
    suspended: '一時停止中',
    terminated: '廃止',
  } satisfies Record<LifeCardDto['state'], string>,
  certStates: {
    issued: '有効',
    on_hold: '一時保留（使えません）',
    revoked: '失効',
    expired: '有効期限切れ',
  } satisfies Record<LifeCertificateDto['status'], string>,
  nextActions: {
    none: '対応は必要ありません。',
    'issue-card': '交付前のカードです。「交付」の画面で交付の手続きをしてください。',
    'release-suspension':
      '一時停止中のカードです。ご本人がカードと本人確認書類を持って来庁されたら、一時停止を解除できます。',
    'renew-certificates':
      '電子証明書の有効期限まで3か月を切っているか、期限が切れています。電子証明書の更新を案内してください。',
    reissue: '廃止されたカードです。新しいカードが必要な場合は、再交付の手続きをしてください。',
    'record-return':
      '廃止済みで、まだ廃棄されていないカードです。カードが返納されたら、返納・廃棄（穴あけ）を記録してください。',
    revoke: 'このカードは廃止の手続きが必要です。',
  } satisfies Record<LifeNextAction, string>,
  revocationReasons,
  reissueReasons,
  crlReasons: labelsIn('ja', CRL_REASON_LABELS),
  modes: {
    new: '新しく設定',
    current: '今のまま',
    change: '今の値を使って変更',
    column: '入力方法',
  } satisfies Record<PinEntryMode | 'column', string>,
  yen: '{yen}円',
  find: {
    title: 'カード・住民の検索',
    lead: 'カード製造番号でカードを探すか、氏名と生年月日で住民の方を探します。見つかると、住民の履歴（カード、電子証明書、手続きの記録）を表示します。',
    bySerial: 'カード製造番号で探す',
    serial: 'カード製造番号（15桁）',
    serialHint:
      'カードの裏面、またはカードの状態確認の画面に表示される番号です。全角の数字や区切りの「-」があっても構いません。',
    find: 'カードを探す',
    byName: '氏名と生年月日で探す',
    cards: 'カード',
    noCards: 'カードはありません。',
    noResults:
      '条件に合う住民の方は見つかりません。氏名の表記（カナ・漢字）と生年月日を確かめて、もう一度検索してください。',
    open: '履歴を開く',
    openFor: '{name} さんの履歴を開く',
    missing: {
      notice: '交付通知書番号を入力してください。',
      serial: 'カード製造番号を入力してください。',
      badSerial:
        'カード製造番号は英数字15桁です。入力した番号の桁数を確かめてください（例：990000000000002）。',
      name: '氏名を入力してください。',
      birthDate: '生年月日を入力してください。',
      badBirthDate:
        '生年月日の形が正しくありません。「1992-07-08」「19920708」または「平成4年7月8日」のように入力してください。',
    },
  },
  history: {
    title: '住民の履歴',
    lead: 'この住民の方のカード、電子証明書、手続きの記録です。カードごとに「次の対応」のボタンから手続きを始められます。',
    back: '← 検索に戻る',
    loading: '住民の履歴を読み込んでいます…',
    resident: '住民の方',
    open: 'この住民の方の未完了の手続き',
    openLead:
      '途中で止まっている手続きがあります。同じ手続きを新しく始めずに、「再開する」で続けてください。',
    startedAt: '開始：{time}',
    card: 'カード製造番号 {serial}',
    searched: '検索したカード',
    issuedAt: '交付日時',
    terminatedAt: '廃止日時',
    destroyedAt: '廃棄（穴あけ）',
    notDestroyed: 'まだ廃棄されていません（カードは返納されていません）',
    replaces: 'このカードの前のカード',
    replacedBy: '再交付後の新しいカード',
    certSerial: 'シリアル番号',
    notAfter: '有効期限',
    revokedFor: '失効理由：{reason}',
    noCerts: 'このカードに発行された電子証明書はありません。',
    next: '次の対応',
    others: 'このカードでできるほかの手続き',
  },
  // 再発行 from the timeline: the same document printed again, marked 再発行 on the paper.
  reprint: {
    receipt: '受領書を再発行',
    'deferral-slip': '後日交付のご案内を再発行',
    'fee-receipt': '領収書を再発行',
    inquiry: '照会書兼回答書を再発行',
    done: {
      inquiry:
        '照会書兼回答書を再発行しました。印刷して、ご本人あてに郵送してください（書面に「再発行」と日時が入っています）。',
      receipt:
        '受領書を再発行しました。印刷して、お渡しください（書面に「再発行」と日時が入っています）。',
      'deferral-slip':
        '後日交付のご案内を再発行しました。印刷して、お渡しください（書面に「再発行」と日時が入っています）。',
      'fee-receipt':
        '領収書（または手数料免除記録）を再発行しました。印刷して、お渡しください（書面に「再発行」と日時が入っています）。',
    },
  },
  timeline: {
    title: 'これまでの記録（新しい順）',
    empty: '記録はまだありません。',
    at: '日時（日本時間）',
    what: '内容',
    card: 'カード',
    operator: '担当職員',
    system: '（システム）',
    unknown: '{kind}の記録',
    procedure: '{kind}の手続き',
    entries: '{count}件の記録',
    notice: '交付通知書番号 {number}',
    express: '特急発行',
    waived: '免除の理由：{reason}',
    outcomes: {
      started: '開始',
      completed: '完了',
      cancelled: '中止',
    } satisfies Record<ProcedureOutcome, string>,
    open: '手続き中',
    kinds: {
      application: '申請',
      card: 'カード',
      certificate: '電子証明書',
      procedure: '手続き',
      approval: '責任者の承認',
      suspension: '一時停止',
      revocation: '廃止',
      reissue: '再交付',
      fee: '手数料',
    } satisfies Record<TimelineKind, string>,
    events: {
      'application-new': 'カードの申請を受け付けました',
      'application-reissue': '再交付の申請を受け付けました',
      'application-ready': 'カードの交付の準備ができました',
      'application-issued': '申請のカードを交付しました',
      'application-cancelled': '申請を取り消しました',
      'card-received': 'カードが入庫されました',
      'card-issued': 'カードを交付しました',
      'card-terminated': 'カードの状態が廃止になりました',
      'card-destroyed': 'カードに穴をあけて廃棄しました',
      'certificate-issued': '電子証明書を発行しました',
      'certificate-on-hold': '電子証明書を一時保留にしました',
      'certificate-revoked': '電子証明書を失効させました',
      'certificate-expired': '電子証明書の有効期限が切れました',
      'procedure-issuance': '交付の手続き',
      'procedure-suspension': '一時停止の登録の手続き',
      'procedure-release': '一時停止の解除の手続き',
      'procedure-pin-reset': '暗証番号の初期化・再設定の手続き',
      'procedure-revocation': '廃止の手続き',
      'procedure-reissue': '再交付の手続き',
      'procedure-renewal': '電子証明書の更新の手続き',
      'procedure-representative': '代理人交付の手続き',
      'procedure-card-change': '券面記載事項の変更の手続き',
      'procedure-card-kind': '顔認証カードの切替の手続き',
      'approval-revocation': '責任者が廃止を承認しました',
      'approval-reissue': '責任者が再交付を承認しました',
      'approval-face-check-override': '責任者が顔写真の確認の続行を承認しました',
      'approval-face-check-second': '二人目の職員が顔写真の確認を確かめました',
      'approval-pin-reset-without-id': '責任者が本人確認書類なしの初期化を承認しました',
      'approval-uncollected-destruction': '責任者が受け取られなかったカードの廃棄を承認しました',
      'approval-counter-takeover': '責任者が別の窓口の手続きの引き継ぎを承認しました',
      'suspension-registered': '紛失・盗難の届出を受け、一時停止を登録しました',
      'suspension-released': '一時停止を解除しました',
      'card-revoked': 'カードの廃止を記録しました',
      'reissue-recorded': '再交付を記録しました',
      'fee-paid': '手数料を受領しました',
      'fee-waived': '手数料を免除しました',
    } satisfies Record<TimelineEvent, string>,
  },
  serviceHours: {
    closed: '電子証明書の手続きは、今はできません。',
    why: {
      'after-hours':
        '国の電子証明書サービスの受付時間（{opens}～{closes}）を過ぎています。次の受付は {time} からです。',
      'before-hours':
        '国の電子証明書サービスの受付前です（受付時間 {opens}～{closes}）。受付は {time} からです。',
      maintenance: '国の電子証明書サービスがメンテナンス中です。{time} から再開します。',
    },
    deferHint:
      'カードの交付は「後日交付にする」で進められます。電子証明書は後日の来庁で発行します（後日交付のご案内をお渡しください）。',
    comeBack:
      '交付・再交付・電子証明書の更新・一時停止の解除・暗証番号の初期化は、受付時間内にもう一度お越しいただくようご案内ください。',
    defer: '後日交付にする',
    home: 'いま来られた方の交付は、本人確認と顔写真の確認のあと、暗証番号の画面で「後日交付にする」を選ぶと、電子証明書を後日にして受け付けられます（後日交付のご案内をお渡しします）。再交付・電子証明書の更新・一時停止の解除・暗証番号の初期化は、受付時間内にもう一度お越しいただくようご案内ください。一時停止と廃止は今もできます。',
    startIssuance:
      'この交付は、本人確認と顔写真の確認のあと、暗証番号の画面で「後日交付にする」を選んでください。電子証明書は後日の来庁で発行します（後日交付のご案内をお渡しします）。',
    startTitle: '電子証明書サービスの受付時間外です',
    startNot: '始めない（後日の来庁を案内する）',
    startDeferred: '始める（後日交付にする）',
    startAnyway: 'このまま始める',
  },
  steps: {
    request: '代理人の申し出',
    'awaiting-reply': '照会書の回答待ち',
    reply: '照会書の受付',
    report: '届出の記録',
    reason: '理由の選択',
    documents: '本人確認書類',
    card: 'カード確認',
    face: '顔写真の確認',
    'face-mismatch': '顔写真の確認（停止中）',
    'card-face': '券面確認',
    'card-face-wrong': '券面確認（停止中）',
    choose: '入力方法の選択',
    'write-card': '記載事項の書き換え',
    switch: '顔認証への切替',
    approval: '責任者の承認',
    fee: '手数料',
    pins: '暗証番号の入力',
    certificates: '電子証明書の発行',
    destroy: '穴あけ（廃棄）',
    completed: '完了',
    cancelled: '中止',
  } satisfies Record<Exclude<ProcedureStep, 'handover' | 'parked'>, string>,
  header: {
    label: '{kind}の手順',
    card: 'カード製造番号 {serial}',
  },
  cancel: {
    title: '{kind}の手続きを中止しますか？',
    body: '中止すると、この手続きは終了します。カードと電子証明書は、ここまでに記録した状態のままです。あらためて行うときは、住民の履歴から最初から始めます。',
    stop: '手続きを中止する',
  },
  card: {
    insert: 'このカードをカードリーダーに差し込んでください',
    lead: '差し込むと自動で確認します。入っている場合は「カードを確認」を押してください。',
    hint: '手続きするカードの製造番号：{serial}',
    practice:
      '練習モードでは、右端の「研修講師用パネル」の「練習用カードの操作」で、このカードを挿入できます。',
    needsTitle: 'カードをもう一度確認します',
    needsBody:
      'このカードを差し込んでください。差し込むと自動で確認します（すでに入っている場合だけ「カードを確認」を押してください）。確認できたら、止まった手順から続けます。',
  },
  documents: {
    faceIfB: 'B欄の書類で確認した場合は、次に顔写真の確認をします（A欄の書類なら不要です）。',
    faceAlways: '一時停止の解除では、書類の種類にかかわらず顔写真の確認をします。',
  },
  choose: {
    title: {
      release: '暗証番号の扱いを選ぶ',
      'pin-reset': '初期化・再設定する暗証番号を選ぶ',
      renewal: '更新する電子証明書と暗証番号を選ぶ',
      suspension: '—',
      revocation: '—',
      reissue: '—',
      'card-change': '—',
      'card-kind': '—',
    } satisfies Record<CardProcedureKind, string>,
    lead: {
      release:
        '一時停止の解除では、電子証明書を新しく発行します。暗証番号を今のまま使うか、新しく設定するかを、住民の方に聞いて選んでください。',
      'pin-reset':
        '手続きする暗証番号に印を付け、それぞれ「初期化（新しく設定）」か「変更（今の暗証番号を使って変更）」を選んでください。ロック中の暗証番号は初期化だけができます。',
      renewal:
        '更新する電子証明書を選び、暗証番号を今のまま使うか、新しく設定するかを、住民の方に聞いて選んでください。',
      suspension: '—',
      revocation: '—',
      reissue: '—',
      'card-change': '—',
      'card-kind': '—',
    } satisfies Record<CardProcedureKind, string>,
    health: '差し込まれたカードの状態（いま読み取った結果）',
    noCard: 'カードが読み取れません。カードをカードリーダーに差し込んでください。',
    notLocked: 'ロックなし',
    until: '{date}まで',
    scope: '更新する電子証明書',
    scopes: {
      both: '署名用と利用者証明用の両方',
      'signing-only': '署名用のみ（基本4情報の変更）',
    } satisfies Record<RenewalScope, string>,
    scopeHints: {
      both: '有効期限の3か月前から更新できます。',
      'signing-only':
        '転居・婚姻などで氏名・住所などが変わったとき。利用者証明用電子証明書はそのまま使えます。',
    } satisfies Record<RenewalScope, string>,
    modes: {
      reset: {
        new: '初期化（新しく設定）',
        change: '変更（今の暗証番号を使って変更）',
        current: '—',
      },
      keep: {
        current: '今のままにする（住民の方が今の値を1回入力）',
        new: '新しく設定する（住民の方が新しい値を2回入力）',
        change: '—',
      },
    },
    lockedNote: 'ロック中のため選べません',
    under15: '15歳未満の方には、署名用電子証明書を発行しません。',
    why: {
      'choose-one': '手続きする暗証番号を1つ以上選んでください。',
      'choose-mode': 'それぞれの暗証番号について、入力方法を選んでください。',
      'locked-needs-new': 'ロック中の暗証番号は「初期化（新しく設定）」を選んでください。',
    },
    ready: '選び終わりました。「住民の方の入力へ進む」を押してください。',
    next: '住民の方の入力へ進む',
  },
  pins: {
    title: '暗証番号の入力',
  },
  certs: {
    signingOnly: '署名用電子証明書だけを発行します（利用者証明用電子証明書はそのまま使えます）。',
  },
  approval: {
    title: '責任者の承認',
    lead: '{kind}には責任者の承認が必要です。この手続きを始めたあなた以外の責任者に来てもらい、内容を確かめて承認を受けてください。',
    open: '責任者の承認を受ける',
    hint: '承認の画面では、責任者ご本人が職員IDとパスワードを入力します。',
  },
  revocation: {
    title: '廃止の理由',
    lead: '廃止の理由を選んでください。理由に合わせて、電子証明書の失効理由が決まります（小さな文字で表示）。',
    reason: '廃止の理由',
    crl: '電子証明書の失効理由：{crl}',
    crlShort: '失効理由：{crl}',
    cardPresent: 'カードは窓口にありますか',
    present: 'カードがある（返納された）',
    absent: 'カードはない（紛失・盗難など）',
    why: {
      reason: '廃止の理由を選んでください。',
      present: 'カードが窓口にあるかどうかを選んでください。',
    },
    ready: '選び終わりました。「次へ」で責任者の承認に進みます。',
    returnOnlyLead:
      'このカードはすでに廃止されています（再交付後に見つかったカードなど）。返納されたカードを確認し、穴あけ（廃棄）を記録します。責任者の承認は不要です。',
  },
  reissue: {
    title: '再交付の理由',
    lead: '再交付の理由を選んでください。理由によって手数料が決まります。',
    reason: '再交付の理由',
    express: '特急発行を希望する',
    expressShort: '特急発行',
    expressHint:
      '手数料のかかる理由（紛失など）で、対象の区分にあたる方だけ選べます（手数料は{express}円、電子証明書なしは{expressWithout}円）。',
    withCertificates: '新しいカードに電子証明書を搭載する',
    withoutCertificatesShort: '電子証明書なし',
    withCertificatesHint:
      '電子証明書を希望されないときは外してください（手数料が{certificates}円安くなります）。',
    expressCategory: '特急発行の区分',
    expressCategories: labelsIn('ja', EXPRESS_CATEGORY_LABELS),
    eventDate: 'できごとの日（紛失した日・転入した日）',
    eventDateHint:
      'この日から{days}日以内の申請が対象です。1歳未満の方は1歳の誕生日の前日まで対象です。',
    expressRefusals: {
      category: 'この区分は特急発行の対象ではありません。',
      reason: 'この再交付の理由では特急発行を選べません。',
      'event-date': 'できごとの日を入力してください。',
      'event-in-future': 'できごとの日が未来になっています。',
      'window-passed': 'できごとの日から30日を過ぎているため、特急発行の対象外です。',
      'first-birthday-passed': '1歳の誕生日を過ぎているため、この区分の対象外です。',
    },
    ruleSet: '適用する規則：{name}',
    oldCard: '今のカードは、この再交付とあわせて廃止します（廃止の理由：{reason}）。',
    expressWhy: '特急発行の区分とできごとの日を確かめてください（上の説明のとおりです）。',
    why: '再交付の理由を選んでください。',
    ready: '選び終わりました。「次へ」で責任者の承認に進みます。',
  },
  fee: {
    title: '手数料',
    stepTitle: '手数料の受領',
    lead: '手数料を受け取ったか、免除するかを記録してください。免除するときは理由を入力します。',
    lines: labelsIn('ja', FEE_LINE_LABELS),
    total: '合計',
    free: '無料です（理由：{reason}）。手数料の記録は自動で「免除」になります。',
    status: '手数料',
    paid: '受領した',
    waived: '免除する',
    waiverReason: '免除の理由',
    waiverHint: '例：生活保護受給中のため、条例により免除。',
    why: {
      status: '「受領した」か「免除する」を選んでください。',
      waiver: '免除の理由を入力してください。',
    },
    ready: '「記録する」を押すと、再交付の申請を記録します。',
    record: '記録する',
  },
  destroy: {
    title: '穴あけ（廃棄）の記録',
    terminated: 'このカードは廃止の状態です（ICチップも廃止の状態にしました）。',
    lead: '返納されたカードに穴をあけて、二度と使えないようにしてください。穴をあけたら、下の確認に印を付けて記録してください。',
    confirm: 'カード（製造番号 {serial}）に穴をあけて廃棄しました',
    why: '穴をあけたら、確認に印を付けてください。',
    ready: '「穴あけを記録する」を押してください。',
    record: '穴あけを記録する',
  },
  suspension: {
    title: '紛失・盗難の届出を記録します',
    lead: '届出の内容を記録して、カードを一時停止します。カードが窓口になくても登録できます。',
    reporter: '届け出た人',
    reporters: {
      callcentre: 'コールセンター（24時間受付）',
      police: '警察',
      resident: 'ご本人',
    } satisfies Record<Reporter, string>,
    method: '届出の方法',
    methods: {
      telephone: '電話',
      counter: '窓口',
      written: '書面',
    } satisfies Record<ReportMethod, string>,
    reportedAt: '届出を受けた日時',
    reportedAtWords: '入力した日時：{time}',
    reportedAtHint:
      '最初は今の日時です。届出を受けた日時が違うときは直してください（未来の日時は登録できません）。',
    note: 'メモ（任意）',
    noteHint: '例：〇〇駅で紛失。警察に遺失届を提出済み。暗証番号は書かないでください。',
    effect:
      '登録すると、カードは一時停止になり、電子証明書は一時保留になって使えなくなります。見つかったときは、ご本人が来庁して「一時停止の解除」をします。',
    why: {
      reporter: '届け出た人を選んでください。',
      method: '届出の方法を選んでください。',
      'no-time': '届出を受けた日時を入力してください。',
      future: '届出を受けた日時が未来になっています。日時を直してください。',
    },
    ready: '入力が終わりました。「一時停止を登録する」を押してください。',
    submit: '一時停止を登録する',
    pendingTitle: '一時停止の登録を完了してください',
    pendingLead:
      '届出は記録済みで、カードは一時停止になっています。「手続きを完了する」を押して、電子証明書を一時保留にしてください。',
  },
  completed: {
    title: {
      suspension: '一時停止を登録しました',
      release: '一時停止を解除しました',
      'pin-reset': '暗証番号の初期化・再設定が終わりました',
      revocation: 'カードを廃止しました',
      reissue: '再交付の申請を記録しました',
      renewal: '電子証明書を更新しました',
      return: '返納・廃棄を記録しました',
      'card-change': '券面記載事項を変更しました',
      'card-kind': 'カードの種類を切り替えました',
    },
    lead: {
      suspension:
        '{name} さんのカード（製造番号 {serial}）は一時停止になり、電子証明書は一時保留になりました。',
      release:
        '{name} さんのカード（製造番号 {serial}）の一時停止を解除し、新しい電子証明書を発行しました。一時保留の電子証明書は失効させました。',
      'pin-reset': '{name} さんのカード（製造番号 {serial}）の暗証番号を設定しました。',
      revocation: '{name} さんのカード（製造番号 {serial}）を廃止し、電子証明書を失効させました。',
      reissue:
        '{name} さんの再交付の申請を記録しました。旧カード（製造番号 {serial}）は廃止の状態です。',
      renewal: '{name} さんのカード（製造番号 {serial}）に新しい電子証明書を発行しました。',
      return: '{name} さんのカード（製造番号 {serial}）の返納と廃棄（穴あけ）を記録しました。',
      'card-change':
        '{name} さんのカード（製造番号 {serial}）のICチップに住民票の記載を書き込みました。追記欄の記載を印刷し、カードの追記欄に記載して職印を押してください。',
      'card-kind':
        '{name} さんのカード（製造番号 {serial}）の種類を切り替えました。追記欄の記載を印刷し、カードの追記欄に記載して職印を押してください。',
    },
    printCardNote: '追記欄の記載を印刷',
    cardNotePrinted:
      '追記欄の記載（PDF）を作成しました。印刷して、カードの追記欄に記載してください。',
    changed: '変更した事項',
    reissueSigning: '署名用電子証明書',
    reissued: '失効させ、新しく発行しました',
    revokedOnly: '失効させました（再発行なし）',
    switchedTo: '切り替えた種類',
    destroyedAt: '{time} に記録しました',
    notDestroyed:
      'カードは窓口にないため、廃棄（穴あけ）はしていません。返納されたら記録してください。',
    feePaid: '{yen}を受領しました',
    feeWaived: '免除（{reason}）',
    newNotice: '新しいカードの交付通知書番号',
    newCardNext:
      '新しいカードが届いたら、この交付通知書番号で「交付」の手続きをします（旧カードとつながって記録されます）。',
    pins: '暗証番号',
    approvedBy: '承認した責任者',
    printReceipt: '手数料の領収書を印刷',
    printed: '手数料の領収書（PDF）を作成しました。印刷して住民の方にお渡しください。',
    history: '住民の履歴へ',
  },
  cancelled: {
    title: 'この手続きは中止しました',
    lead: 'あらためて行うときは、住民の履歴から最初から始めてください。',
  },
  open: {
    lead: '途中で止まっている手続きです。住民の方が来庁されたら、「再開する」を押して続けてください。',
    kind: '手続き',
    operator: '担当：{operator}',
    resume: '再開する',
    resumeFor: '{name} さんの{kind}を再開する',
  },
  complete: '手続きを完了する',
  unknownStep:
    'この手順は、この版の画面では表示できません。アプリを再起動してください。繰り返す場合は、IT担当者に連絡してください。',
  cardKinds: {
    standard: '通常のカード',
    'face-auth': '顔認証マイナンバーカード',
  } satisfies Record<CardKind, string>,
  changedFacts: {
    address: '住所',
    name: '氏名',
  } satisfies Record<ChangedFact, string>,
  writeCard: {
    title: '住民票の記載をカードに書き込む',
    lead: 'ICチップの記載事項を、住民票（住民基本台帳）の記載に書き換えます。署名用電子証明書は旧い記載事項を含むため失効します。',
    record: '書き込む内容（住民票の記載）',
    changed: '変更のあった事項（追記欄に記載します）',
    reissue: '署名用電子証明書',
    reissueYes: '新しく発行する（住民の方が新しいパスワードを設定します）',
    reissueNo: '発行しない（失効のみ）',
    under15: '15歳未満のため、署名用電子証明書は発行しません。',
    submit: 'カードに書き込む',
    busy: 'カードに書き込んでいます…',
  },
  switchKind: {
    title: '顔認証マイナンバーカードに切り替える',
    lead: '暗証番号をすべて消し、署名用電子証明書を失効させます。利用者証明用電子証明書はそのまま残り、顔認証（機器または目視）でだけ使えます。マイナポータルやコンビニ交付など、暗証番号が必要なサービスは使えなくなります。',
    back: '通常のカードに戻すときは、あらためて「通常のカードに切り替える」の手続きで暗証番号を設定します（同じ日でもできます）。',
    submit: '顔認証カードに切り替える',
    busy: '切り替えています…',
  },
};

const reports = {
  title: '日報',
  lead: '1日の手続きの件数、手数料、カードの受払（在庫の照合）です。PDFで印刷、またはCSVに書き出せます。',
  date: '日付',
  show: '表示する',
  noDate: '日付を選んでください。',
  heading: '{date}の日報（{municipality}）　作成：{time}（日本時間）',
  ruleSet: '{label}：{name}',
  procedures: '手続きの件数',
  kind: '手続き',
  completed: REPORT_OUTCOME_LABELS.completed.ja,
  cancelled: REPORT_OUTCOME_LABELS.cancelled.ja,
  open: REPORT_OUTCOME_LABELS.open.ja,
  count: '{n}件',
  cardCount: '{n}枚',
  fees: '手数料',
  paid: REPORT_FEE_LABELS.paid.ja,
  paidValue: '{n}件（合計 {yen}）',
  waived: REPORT_FEE_LABELS.waived.ja,
  waivedReason: '{reason}：{n}件',
  cards: 'カードの受払（在庫の照合）',
  stock: labelsIn('ja', REPORT_STOCK_LABELS),
  pdf: 'PDFを作成して印刷',
  csv: 'CSVに書き出す',
  written: {
    pdf: '日報（PDF）を作成しました。',
    csv: '日報をCSVファイルに書き出しました。',
  },
};

// 代理人交付: the clerk's words for its two visits (the rules are preload/contract/rules/documents.ts).
const delivery = {
  start: '代理人交付を始める（1回目の来庁）',
  resume: '代理人交付の続き（照会書の受付）',
  openNote:
    'この申請には代理人交付の手続きがあります。照会書を持った代理人の方が来たら、「代理人交付の続き」から受け付けます。',
  reasons: {
    'age-75': '75歳以上',
    illness: '病気',
    disability: '身体の障害',
    pregnancy: '妊娠中',
    'hospital-stay': '長期入院',
    'care-facility': '施設入所',
    'long-term-care': '要介護・要支援認定',
    preschool: '未就学児',
    student: '就学中（中学生・高校生・大学生など）',
  } satisfies Record<DeliveryReason, string>,
  relations: {
    child: '子',
    spouse: '配偶者',
    parent: '父母',
    sibling: '兄弟姉妹',
    grandchild: '孫',
    'other-relative': 'その他の親族',
    'care-staff': '施設職員',
    'legal-representative': '法定代理人（成年後見人など）',
    other: 'その他',
  } satisfies Record<DeliveryRelation, string>,
  authorities: {
    'power-of-attorney': '委任状（照会書の回答欄への記入でも可）',
    'legal-proof': '法定代理人であることを証明する書類（戸籍謄本・登記事項証明書など）',
  } satisfies Record<DeliveryAuthority, string>,
  request: {
    title: '代理人交付の申し出（1回目の来庁）',
    lead: 'ご本人がやむを得ない理由で来庁できないときに限り、代理人がカードを受け取れます。今日は申し出を記録し、ご本人あての照会書兼回答書を郵送します。カードは2回目の来庁でお渡しします。',
    reason: '来庁できない理由',
    reasonHint:
      '仕事や多忙は理由になりません。75歳以上のときは生年月日で確認できるため、証明書類は不要です。',
    age: 'ご本人の年齢：{age}歳',
    name: '代理人の氏名',
    nameHint: '代理人の方の本人確認書類のとおりに入力します。照会書に印字されます。',
    relation: 'ご本人との関係',
    documents: '代理人の方の本人確認書類（A欄2点、またはA欄1点とB欄1点）',
    next: '申し出を記録する',
    ready: 'そろっています。「申し出を記録する」を押すと、照会書兼回答書を印刷できます。',
    why: {
      reason: '来庁できない理由を選んでください。',
      'under-75': 'ご本人は75歳未満です。ほかの理由を選んでください。',
      name: '代理人の氏名を入力してください。',
      relation: 'ご本人との関係を選んでください。',
      documents: '代理人の方の書類を、A欄から2点、またはA欄1点とB欄1点選んでください。',
    },
  },
  waiting: {
    title: '照会書の回答待ち',
    lead: '照会書兼回答書をご本人の住所あてに郵送してください。ご本人が回答欄に記入し、暗証番号設定依頼書に封をして、代理人の方に渡します。この間、窓口はほかの方の手続きができます。',
    number: '照会番号',
    numberHidden: '番号は照会書の紙で確かめます（画面には末尾だけ表示します）',
    sentOn: '作成日',
    validUntil: '有効期限',
    expired:
      '有効期限が過ぎています。この照会書では交付できません。手続きを中止し、申し出を受け付け直してください。',
    representative: '代理人',
    reason: '理由',
    print: '照会書兼回答書を印刷する',
    printed:
      '照会書兼回答書を作成しました。印刷して、封筒に暗証番号設定依頼書と一緒に入れ、ご本人あてに郵送してください。',
    replyTitle: '2回目の来庁：照会書の受付',
    replyLead:
      '代理人の方が持参した照会書兼回答書の照会番号を入力し、ご本人の回答を確かめてください。',
    replyNumber: '照会書の照会番号',
    replyNumberHint: '照会書の表の「照会番号」欄の番号です（例：SK-2026-012345）。',
    answered: 'ご本人が回答欄に記入し、署名している',
    sealed: '暗証番号設定依頼書が、封をされたまま届いている（職員は開けません）',
    next: '照会書を受け付ける',
    ready: 'そろっています。「照会書を受け付ける」を押して、本人確認書類の確認に進みます。',
    why: {
      number: '照会番号を入力してください。',
      answered: 'ご本人の回答（記入・署名）を確かめてください。',
      sealed: '封をした暗証番号設定依頼書を確かめてください。',
    },
  },
  documents: {
    title: '本人確認書類の確認（ご本人と代理人）',
    lead: '代理人の方が持参したご本人の本人確認書類と、代理人の方ご自身の本人確認書類を確認します。',
    resident: 'ご本人の本人確認書類（A欄2点、A欄1点とB欄1点、またはB欄3点のうち1点は写真付き）',
    representative: '代理人の方の本人確認書類（A欄2点、またはA欄1点とB欄1点）',
    relation: 'ご本人との関係（1回目の記録）：{relation}',
    authority: '代理権の確認',
    next: '次へ',
    ready: '書類はそろっています。「次へ」を押してください。',
    why: {
      resident:
        'ご本人の書類が足りません。A欄2点、A欄1点とB欄1点、またはB欄3点（1点は写真付き）が必要です。',
      photo: 'B欄だけで確認するときは、3点のうち1点は写真付き（社員証・学生証など）が必要です。',
      representative: '代理人の方の書類が足りません。A欄2点、またはA欄1点とB欄1点が必要です。',
      authority: '{what}を確認して、チェックを入れてください。',
    },
  },
  face: {
    absent:
      'ご本人は来庁していないため、カメラは使いません。申請書の写真・カードの写真と、代理人の方が持参したご本人の写真付き本人確認書類を見比べてください。代理人の方の顔と比べないでください。',
    question: 'カードの写真は、持参されたご本人の写真付き書類の方と同じですか？',
  },
  pins: {
    note: '代理人の方に、ご本人が封をした暗証番号設定依頼書を住民画面の前で開けていただき、住民画面で入力していただきます。職員は依頼書も画面も見ません。暗証番号は記録されません。',
  },
};

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
  scenarios: {
    mineTitle: '練習シナリオ',
    mineLead:
      '研修講師が割り当てた練習です。「始める」を押すと練習用のデータが用意されます。ふだんの画面で手続きを進め、終わったら「終了して採点」を押してください。',
    none: '割り当てられた練習シナリオはありません。',
    start: '始める',
    again: 'もう一度',
    notYet: '未実施',
    lastResult: '前回：{verdict}（達成 {met}/{total}）',
    passed: '合格',
    failed: '要練習',
    runTitle: '練習中：{title}',
    runLead: '練習の内容',
    finish: '終了して採点',
    abandon: '中止',
    abandonConfirm: 'この練習を中止しますか。採点はされません。',
    people: '交付通知書番号：{list}',
    resultTitle: '練習の結果：{title}',
    verdict: '{verdict}　達成 {met}/{total}',
    time: '所要時間 {time}',
    minutes: '{m}分{s}秒',
    seconds: '{s}秒',
    mistakes: '途中の誤り {n}件',
    mistakeKinds: {
      'refused-card': '違うカードで照合が拒否された',
      'wrong-pin': '暗証番号の誤り',
      cancelled: '手続きの中止',
    },
    met: '達成',
    unmet: '未達',
    why: '記録 — {why}',
    advice: '練習するとよい点：{advice}',
    close: '閉じる',
    trainerTitle: '練習シナリオの成績',
    trainerLead:
      '研修生の練習用アカウントを作り、シナリオを割り当て、結果を確かめます。記録は練習データの中だけにあります。',
    newTrainee: '研修生のアカウントを作る',
    loginId: 'ログインID',
    displayName: '氏名',
    password: 'パスワード（8文字以上）',
    create: '作成',
    created: '{name} さんのアカウントを作りました。',
    assignTitle: 'シナリオを割り当てる',
    trainee: '研修生',
    assign: '割り当てる',
    assigned: '割り当てました。',
    tableTitle: '研修生ごとの結果（各シナリオの最新）',
    notAssigned: '—',
    cell: '{verdict} {met}/{total}',
    cellRuns: '（{n}回）',
    noTrainees: '研修生のアカウントはまだありません。',
    chartTitle: '達成率の推移',
    chartLabel: '{name} さんの達成率の推移（実施順、{n}回）',
    chartCaption: '{name}（縦：達成率 %、横：実施した順）',
    chartNone: 'まだ採点された練習はありません。',
    report: '成績表（PDF）',
    reportWritten: '{name} さんの成績表を保存しました。',
    csv: '全員の結果をCSVで保存',
    csvWritten: '全員の結果をCSVで保存しました（{n}行）。',
  },
  oneResident: {
    openTitle: '開いている手続き',
    openFacts: '{name} さんの{kind}（{time} 開始）',
    cardHolder: 'このカードは {name} さんのカードです。',
    cardUnknown: 'このカードは、この窓口の記録にありません。',
    park: '開いている手続きを保留にする',
    goBack: '開いている手続きに戻る',
    parked: '{name} さんの{kind}を保留にしました。もう一度検索してください。',
    idleTitle: 'この手続きを続けますか',
    idleBody:
      '{name} さんの{kind}は、しばらく操作されていません。住民の方が窓口にいらっしゃれば「続ける」、離れた場合は「保留にする」を押してください。保留にした手続きは「未完了の手続き」から再開できます。',
    keep: '続ける',
    hold: '保留にする',
    held: '保留中',
    heldNote: 'この手続きは保留中です。次の操作で再開し、カードはもう一度確認します。',
  },
  takeover: {
    elsewhere: '窓口{counter}で手続き中',
    lead: 'この手続きは窓口{counter}で途中のままです。続きを再開できるのは窓口{counter}だけです。',
    means:
      '窓口{counter}で続けられないとき（窓口を閉じた、担当の職員が不在など）は、責任者の承認を受けて、この窓口に引き継げます。引き継ぐと、この窓口で続きから再開し、カードはこの窓口でもう一度読み取ります。窓口{counter}では、この手続きを再開できなくなります。',
    listNote:
      '「窓口Nで手続き中」の手続きは、その窓口でしか再開できません。その窓口で続けられないときは「責任者が引き継ぐ」で、責任者の承認を受けてこの窓口に引き継ぎます。',
    button: '責任者が引き継ぐ',
    buttonFor: '{name} さんの{kind}（窓口{counter}で手続き中）を責任者が引き継ぐ',
    busy: '引き継いでいます…',
    /** After a takeover, on the procedure and on its entry of the resident's page. */
    taken: '{from}から窓口{to}に引き継ぎました（責任者：{approver}、{time}）',
    counter: '窓口{counter}',
    unknownCounter: '別の窓口',
  },
  trainer: {
    title: '練習用カードの操作（研修用）',
    preset: '模擬カードの種類',
    insert: 'カードを挿入',
    remove: 'カードを取り出す',
    reinsert: '抜いたカードを差し直す',
    inserted: '挿入中のカード：{label}',
    empty: '模擬カードリーダーは空です。',
    applicationTitle: '申請のカード（交付の練習）',
    wrongPerson:
      '取り違えの練習：手続きの途中で、別の住民の申請のカードを挿入します（例：窓口 花子 さんの交付の途中に、同じ世帯の窓口 一郎 さん MD-2026-0012）。カードは拒否され、誰のカードか、開いている手続きはどれかが表示されます。',
    applicationCard: '申請',
    applicationOption: '{notice}（{name} さん）',
    noApplications: 'カードを挿入できる申請はありません。',
    insertApplication: '申請のカードを差し込む',
    insertedApplication: '{notice} のカードを挿入しました。',
    authorityOffline: '認証局の障害（練習）',
    authorityOfflineHint: 'オンにすると、電子証明書の発行が失敗します（後日交付の練習）。',
    facePhotos: '顔写真を本物の写真にする（類似度の練習）',
    facePhotosHint:
      'オンにすると、顔写真の確認でカードと申請書の写真がテスト用の実写の写真になり、類似度が判断の参考になります。オフでは絵の写真どうしの値で、「練習用」と表示します。',
    receiveTitle: '新しいカードの入庫（練習）',
    receiveNotice: '再交付の申請の番号（交付通知書の番号）',
    receiveHint:
      '再交付の手続きの最後に表示された番号です。入庫すると、そのカードを「交付」で交付できます。',
    receive: '入庫する',
    received: '{notice} の新しいカードを入庫しました。「交付」で交付の手続きをしてください。',
    drawer: '研修講師用パネル',
    drawerOpen: '研修講師用パネルを開く',
    drawerClose: '研修講師用パネルを閉じる',
    presets: {
      prepared: '交付前（暗証番号・証明書なし）',
      issued: '交付済み（標準）',
      'signing-locked': '署名用パスワードがロック',
      'auth-locked': '利用者証明用暗証番号がロック',
      suspended: '一時停止中',
      terminated: '廃止済み',
      'cert-expired': '電子証明書の有効期限切れ',
      tampered: '改ざん検知（無応答）',
      'unknown-card': 'マイナンバーカード以外のICカード',
      'test-card': 'テストカード（公開データの券面）',
      minor: '15歳未満（署名用証明書なし）',
      moved: '住所変更後（署名用証明書の再発行）',
    },
  },
  practiceClock: {
    title: '練習の時刻（研修用）',
    real: '実際の時刻で動いています。',
    set: '練習の時刻：{time}（電子証明書サービスの受付時間は、この時刻で判断します）',
    time: '練習の時刻',
    hint: '24時間の表し方で入力します。例：20:30 にすると、電子証明書サービスの受付時間外（夜の来庁）の練習になります。日付は今日のままです。',
    apply: 'この時刻にする',
    backToReal: '実際の時刻に戻す',
    header: '練習の時刻 {time}',
  },
  stock: {
    title: 'カードの在庫',
    lead: '届いたカードのうち、交付通知書を送ったのに受け取られていないものです。住民の方から問い合わせがあれば、督促の期日と廃棄できる日をお伝えください。',
  },
  staffCall: {
    notice:
      '住民の方が「職員を呼ぶ」を押しました（{time}、日本時間）。住民用画面のそばへ行ってください。',
    again: '（{count}回）',
    dismiss: '確認した',
  },
  errorBox: {
    codeForIt: 'IT担当者向け：{code}',
    codeAndDetailForIt: 'IT担当者向け：{code}（{detail}）',
    errorId: 'エラー番号 {id} をIT担当者にお伝えください。',
    tooNewVersions:
      'このデータベースは新しい版のアプリ（{database}）で更新されたため、この版（{app}）では開けません。ファイルは変更していません。IT担当者に連絡して、アプリを{database}以降に更新してください。',
  },
  roles: {
    clerk: '窓口職員',
    supervisor: '責任者',
    trainer: '研修講師',
    admin: '管理者',
  },
  form: {
    passwordMismatch:
      '2つのパスワードが一致しません。確認用の欄に、同じパスワードをもう一度入力してください。',
    passwordRule: '{min}文字以上で決めてください。',
    cancel: 'キャンセル',
    busy: '処理しています…',
    bytes: '{kb} KB（{bytes} バイト）',
  },
  session: {
    operator: 'ログイン中：{name}（{role}）',
    logout: 'ログアウト',
  },
  startup: {
    title: 'アプリを起動できませんでした',
  },
  setup: {
    title: '最初の管理者の登録',
    lead: 'このパソコンには、まだ職員が1人も登録されていません。最初に管理者を1人登録してください。管理者は、職員の登録、監査ログ、バックアップを担当します。',
    loginId: '職員ID',
    loginIdHint: '半角の英字・数字と「. _ -」が使えます（例：kanri01）。',
    displayName: '氏名',
    password: 'パスワード',
    passwordHint:
      '決まった初期パスワードはありません。ご自身で決めて、ほかの人に知られないようにしてください。',
    passwordAgain: 'パスワード（確認のため、もう一度）',
    setupCode: 'セットアップコード',
    setupCodeHint:
      'IT担当者が端末の設定ファイルに設定したコードです。わからない場合はIT担当者に確認してください。',
    submit: '管理者を登録してログイン',
  },
  changePassword: {
    title: 'パスワードの変更',
    lead: '管理者が設定したパスワードでログインしました。ほかの人が知っているパスワードのままでは使えないため、ご自身のパスワードに変更してください。',
    current: '今のパスワード（管理者から伝えられたもの）',
    new: '新しいパスワード',
    newAgain: '新しいパスワード（確認のため、もう一度）',
    hint: '今のパスワードとは違うものにしてください。',
    submit: 'パスワードを変更する',
  },
  login: {
    title: 'ログイン',
    lead: '職員IDとパスワードを入力してください。',
    loginId: '職員ID',
    password: 'パスワード',
    submit: 'ログイン',
    triesLeft: 'あと {n} 回間違えるとロックされます。',
    lockedUntil: 'ロックが解除される時刻：{time}（日本時間）',
    afterPracticeReset: '練習データを初期状態に戻しました。もう一度ログインしてください。',
  },
  lock: {
    title: '画面をロックしています',
    lead: '{minutes}分間操作がなかったため、画面をロックしました。',
    who: 'ログイン中の職員',
    whoValue: '{name}（{role}・職員ID {loginId}）',
    password: 'パスワード',
    unlock: 'ロックを解除',
    otherPerson: '別の職員が使う場合は「ログアウト」を押してください。',
    residentGoesOn:
      'お客様用画面での暗証番号の入力は、ロック中もそのまま続けられます。手続きは、ロックを解除すると次の手順から続けられます。',
    logout: 'ログアウト',
  },
  nav: {
    label: '画面の切り替え',
    cardHealth: 'カードの状態確認',
    issuance: '交付',
    life: 'カード・住民の検索',
    procedure: '手続き',
    reports: '日報',
    stock: 'カードの在庫',
    operators: '職員の管理',
    audit: '監査ログ',
    backup: 'バックアップ',
    preflight: '端末の点検',
    scenarios: '練習シナリオの成績',
  },
  operators: {
    title: '職員の管理',
    lead: 'この窓口アプリを使う職員を登録し、無効にしたり、パスワードを再設定したりします。',
    listTitle: '登録されている職員',
    loginId: '職員ID',
    displayName: '氏名',
    role: '役割',
    state: '状態',
    actions: '操作',
    enabled: '有効',
    disabled: '無効',
    lockedUntil: 'ロック中（{time}まで）',
    mustChange: '次回ログイン時にパスワード変更',
    you: '（あなた）',
    disable: '無効にする',
    enable: '有効に戻す',
    resetPassword: 'パスワードを再設定',
    addTitle: '職員を追加',
    password: '初期パスワード',
    passwordAgain: '初期パスワード（確認のため、もう一度）',
    add: '追加する',
    added: '{name}（職員ID {loginId}）を追加しました。初期パスワードは本人に直接伝えてください。',
    disabledDone: '{name} を無効にしました。このIDではログインできません。',
    enabledDone: '{name} を有効に戻しました。',
    resetTitle: 'パスワードの再設定',
    resetFor: '対象の職員：{name}（職員ID {loginId}）',
    newPassword: '新しいパスワード',
    newPasswordAgain: '新しいパスワード（確認のため、もう一度）',
    resetSubmit: '再設定する',
    resetDone: '{name} のパスワードを再設定しました。新しいパスワードは本人に直接伝えてください。',
  },
  audit: {
    procedureAction: '{kind}：{step}',
    detailPair: '{name}：{value}',
    detailSeparator: '、',
    yes: 'はい',
    no: 'いいえ',
    operatorId: '職員番号 {id}',
    operatorName: '{name}（{loginId}）',
    scopes: {
      recent: '前回の検査以降',
      full: 'すべての記録',
    },
    detailKeys: {
      procedure: '手続き番号',
      operator: '職員',
      approver: '承認した責任者',
      requester: '依頼した職員',
      releasedBy: '解除した職員',
      role: '役割',
      kind: '種類',
      reason: '理由',
      serial: 'カード製造番号',
      notice: '交付通知書番号',
      noticeNumber: '交付通知書番号',
      under15: '15歳未満',
      attempt: '失敗の回数',
      until: 'ロック解除の時刻',
      approval: '承認番号',
      purpose: '目的',
      bytes: 'サイズ（バイト）',
      rows: '件数',
      count: '件数',
      scope: '範囲',
      code: 'コード',
      alarmSeq: '警報の記録番号',
      deferred: '後から記録した理由',
      dataKeys: '暗号鍵の数',
      practice: '練習用',
      trainerLoginId: '研修講師のログインID',
      movedTo: '退避先',
      replaces: '置き換えるカード',
      residentId: '住民番号',
      returnOnly: '返納のみ',
      revoked: '失効',
      kinds: '種類',
      birthDate: '生年月日',
      express: '特急発行',
      status: '状態',
      amountYen: '金額（円）',
      previousFile: '前のデータベースファイル',
      residents: '住民の数',
      applications: '申請の数',
      cards: 'カードの数',
      operators: '職員の数',
    },
    title: '監査ログ',
    lead: 'この窓口アプリで行われた操作の記録です。記録は1件ごとに前の記録と鍵でつながっていて、書き換えや削除は「改ざん検査」で見つかります。日報や書き出したCSVに印字される「監査ログ照合情報」は、記録の控えとして保管してください。',
    filterTitle: '絞り込み',
    operator: '職員',
    anyOperator: 'すべての職員',
    action: '操作',
    anyAction: 'すべての操作',
    from: '開始日',
    to: '終了日（この日を含む）',
    search: '絞り込む',
    clear: '条件をクリア',
    seq: '番号',
    at: '日時（日本時間）',
    target: '住民・カード',
    details: '詳細',
    system: '（システム）',
    resident: '住民 {id}',
    card: 'カード {id}',
    none: '条件に合う記録はありません。',
    pageInfo: '全{total}件中 {first}〜{last}件目を表示',
    prev: '前のページ',
    next: '次のページ',
    verify: '改ざん検査',
    verifyFull: 'すべての記録を検査',
    verifyOk: '改ざんは見つかりませんでした（{rows}件）',
    verifiedRecent:
      '前回の検査より後の記録（{from}番〜{to}番）を調べました。それより前の記録も調べるには「すべての記録を検査」を押してください。',
    verifiedAll: 'すべての記録（{from}番〜{to}番）を調べました。',
    verifiedNothingNew: '前回の検査より後の記録はありません（最後の記録は{to}番）。',
    verifyBroken: '改ざんが見つかりました：',
    progress: '検査中：{checked}件 / {total}件',
    progressLabel: '検査の進み具合',
    nextSteps:
      'この画面を閉じずに、IT担当者と責任者に報告してください。データベースのファイルは消したり移したりしないでください。IT担当者が、控え（アンカー）のファイルとバックアップで、いつ何が変わったかを調べます。',
    alarmTitle: '監査ログの検査で問題が見つかっています（{at}の検査）',
    acknowledge: '確認しました（この警告を閉じる）',
    startupRunning: '起動時の監査ログの検査を実行中です。終わると結果がここに出ます。',
    startupError:
      '起動時の監査ログの検査を実行できませんでした。「改ざん検査」を押して検査し、結果をIT担当者に伝えてください。',
    anchorsMissing:
      '監査ログの控え（アンカー）の保存先が設定されていません。記録が後から削除・書き換えられたときに見つけにくくなります。IT担当者に保存先（auditAnchorsDir）の設定を依頼してください。',
    anchorsFailing:
      '監査ログの控え（アンカー）を保存先に書き込めません（{error}：{file}）。窓口の業務はそのまま続けられます。IT担当者に保存先の確認を依頼してください。',
    anchorsOk: '監査ログの控え（アンカー）の保存先：{file}（最後の書き込み：{at}）',
    problems: {
      truncated: '記録の末尾が削除されています：{seq}番以降の記録がありません。',
      rewritten:
        '{seq}番の記録が書き換えられています（{seq}番以降の記録は正しいと確認できません）。',
      gap: '{seq}番の記録が抜けています（削除されています）。',
      triggers:
        '記録の書き換えを防ぐ仕組み（トリガー）が外されていました（{detail}）。{seq}番以降の記録は、その間に書き換えられたおそれがあります。仕組みは元に戻しました。',
      seals: '検査用の封印または検査の記録が削除・変更されています（{seq}番以降）。',
      key: '監査ログの鍵が、控えや記録を作った時の鍵と違います（{detail}）。',
      unkeyed: 'この監査ログは、まだ鍵で保護されていません。',
      anchor: '控え（アンカー）の一つが正しくありません（書き換えられたか、壊れています）。',
    },
    exportCsv: 'CSVに書き出す',
    exported: '表示中の条件の記録をCSVファイルに書き出しました（{rows}件）。',
    savedAt: '保存先',
  },
  // Audit action codes with '.' as '_' (a dot in a key would be read as a path by vue-i18n).
  auditActions: {
    operator_login: 'ログイン',
    'resident_staff-called': '住民の方が職員を呼んだ',
    'operator_login-failed': 'ログイン失敗',
    'operator_login-unknown-id': 'ログイン失敗（登録されていない職員ID）',
    operator_locked: 'IDのロック（パスワードの連続失敗）',
    operator_logout: 'ログアウト',
    'operator_idle-locked': '画面のロック（操作なし）',
    operator_created: '職員の追加',
    operator_disabled: '職員の無効化',
    operator_enabled: '職員の有効化',
    'operator_password-reset': 'パスワードの再設定',
    'operator_password-rehashed': 'パスワードの保存形式の更新',
    'operator_setup-code-refused': 'セットアップコードの誤り',
    approval_recorded: '責任者の承認',
    approval_refused: '承認の失敗（責任者のIDまたはパスワードの誤り）',
    approval_paused: '承認の受付停止（責任者パスワードの連続失敗）',
    'card_health-read': 'カードの状態確認',
    'practice_card-inserted': '練習用カードの挿入',
    practice_seeded: '練習データの作成',
    practice_reset: '練習データの初期化',
    audit_verified: '改ざん検査',
    audit_exported: '監査ログの書き出し',
    'audit_check-failed': '監査ログの検査で問題を検出',
    'audit_alarm-acknowledged': '検査の警告を確認',
    'audit_anchor-failed': '控え（アンカー）の書き込み失敗',
    database_backup: 'バックアップ',
    database_restored: 'バックアップからの復元',
    'key_recovery-exported': '回復用パッケージの書き出し',
    'support_bundle-written': 'サポート用ファイルの書き出し',
    document_reprinted: '書類の再発行',
    'document_reprint-refused': '再発行の拒否（ほかの住民の書類）',
  },
  /** The procedures' own audit actions (<kind>.<step>): the step in words, after the kind. */
  auditSteps: {
    start: '開始',
    started: '開始',
    documents: '本人確認書類の記録',
    card: 'カードの確認',
    face: '顔写真の確認',
    'face-override': '顔写真の不一致からの続行（承認）',
    'card-face-shown': '券面の表示',
    'card-face': '券面確認（住民の回答）',
    choose: '入力方法の選択',
    'pin-entry-opened': '暗証番号の入力開始',
    pins: '暗証番号の入力',
    'secret-set': '暗証番号の設定',
    'secrets-set': '暗証番号の設定',
    'change-started': '暗証番号の変更開始',
    'keys-generated': '鍵の生成',
    certificates: '電子証明書の発行',
    'certificates-issued': '電子証明書の発行（認証局）',
    'certificates-written': '電子証明書の書き込み',
    'certificates-verified': '電子証明書の読み戻し確認',
    approval: '責任者の承認',
    reason: '理由の記録',
    report: '届出の記録',
    fee: '手数料',
    destroy: '穴あけ（廃棄）',
    completed: '完了',
    cancelled: '中止',
    parked: '後日交付（中断）',
    resumed: '再開',
    held: '保留',
    'taken-up': '保留からの再開',
    'other-resident-refused': '別の住民への操作を拒否',
    'wrong-card-refused': '別のカードを拒否',
    'receipt-printed': '受領書の印刷',
    'deferral-slip-printed': '後日交付のご案内の印刷',
  },
  auditBanner: {
    alarm:
      '監査ログの検査で、記録の改ざん・削除の疑いが見つかっています。「監査ログ」を開いて内容を確認し、IT担当者と責任者に報告してください。',
    anchorsMissing:
      '監査ログの控え（アンカー）の保存先が設定されていません。IT担当者に設定を依頼してください。',
    anchorsFailing:
      '監査ログの控え（アンカー）を保存先に書き込めません（{error}）。業務は続けられます。IT担当者に連絡してください。',
    open: '監査ログを開く',
  },
  preflight: {
    title: '端末の点検',
    lead: 'この端末で窓口業務ができるか（カードリーダー、カメラ、ディスプレイ、印刷、空き容量、バックアップ、データベース、暗号化、時計、バージョン）を確かめます。IT担当者に問い合わせるときは、サポート用ファイルを書き出して添付してください。',
    run: 'もう一度点検する',
    bundle: 'サポート用ファイルを書き出す',
    bundleDone:
      'サポート用ファイルを書き出しました。暗証番号、パスワード、個人番号、セットアップコード、鍵は含まれていません。',
    summary: '{at} の点検: 失敗 {fail}件、警告 {warn}件、確認できない項目 {skip}件',
    check: '項目',
    status: '結果',
    found: '見つかったこと',
    action: '対処',
    statuses: { pass: '正常', warn: '警告', fail: '失敗', skip: '確認できず' },
    strip: {
      clerk:
        'この端末の点検で問題が見つかりました（{checks}）。管理者またはIT担当者に連絡してください。',
      admin: 'この端末の点検で問題が見つかりました（{checks}）。',
      open: '端末の点検を開く',
    },
  },
  backup: {
    title: 'バックアップ',
    lead: 'データベースの複製を作り、その複製が開けること、壊れていないこと（整合性検査）を確かめます。',
    run: 'バックアップを作成',
    done: 'バックアップを作成し、検査で問題がないことを確かめました。',
    path: '保存先',
    size: '大きさ',
  },
  practiceReset: {
    button: '練習データを初期状態に戻す',
    title: '練習データを初期状態に戻しますか？',
    body: '練習で記録した内容はすべて消え、練習用の住民・カード・職員が最初の状態に戻ります。全員がログアウトされます。本番のデータには影響しません。',
    confirm: '初期状態に戻す',
    clearResults: '研修生のアカウントと練習シナリオの成績も消す',
    bodyWithResults: '{body}{results}',
    resultsKept: '研修生のアカウントと練習シナリオの成績は残ります。',
    resultsCleared: '研修生のアカウントと練習シナリオの成績も消えます。',
  },
  approval: {
    practiceTitle: '責任者の承認（練習）',
    practiceLead:
      '責任者の承認が必要な手続きで、承認を受ける流れを練習します。承認は練習用のデータにだけ記録されます。',
    step: '承認が必要な手続き',
    open: '責任者の承認を記録（練習）',
    title: '責任者の承認',
    lead: '責任者に来てもらい、責任者ご本人が職員IDとパスワードを入力してください。申請したあなた自身は承認できません。',
    forStep: '手続き：{step}',
    approverId: '責任者の職員ID',
    approverPassword: '責任者のパスワード',
    reason: '承認の理由',
    reasonHint: '例：本人確認書類を持参していないが、写真と面談で本人と確認した。',
    submit: '承認する',
    done: '{name} さんの承認を記録しました（承認番号 {id}）。',
    pausedUntil: '承認を再び受け付ける時刻：{time}（日本時間）',
    actions: {
      'face-check-override': '顔照合で一致しなかったときの、目視確認による続行',
      'face-check-second': '顔写真の確認（二人目の職員による確認）',
      revocation: 'カードの廃止（電子証明書の失効）',
      reissue: 'カードの再交付',
      'pin-reset-without-id': '通常の本人確認書類がない場合の暗証番号の初期化',
      'counter-takeover': '別の窓口で途中の手続きを、この窓口に引き継ぐ',
    },
    second: {
      title: '二人目の職員による確認',
      lead: '顔写真を確認したあなた以外の職員に来てもらい、その職員が写真とご本人を見比べてから、自分の職員IDとパスワードを入力してください。あなた自身は確認できません。',
      approverId: '確認する職員の職員ID',
      approverPassword: '確認する職員のパスワード',
      reason: '確認の内容',
      reasonHint: '確認した職員が、見比べた結果を書きます。',
      reasonDefault: 'カードの写真・申請書の写真とご本人が一致することを確認した',
      submit: '一致を確認した',
      selfHint:
        '顔写真を確認した職員は、自分の確認を確認できません。ほかの職員に入力してもらってください。',
    },
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
    holder: {
      title: 'このカードの持ち主（データベースの記録）',
      name: '氏名',
      kana: 'ふりがな',
      birthDate: '生年月日',
      openHistory: 'この住民の履歴を開く',
      revokedTitle: '廃止の記録',
      revokedReason: '廃止の理由',
      revokedAt: '廃止した日時',
      unknown:
        'このカードは、この窓口のデータベースに記録がありません。持ち主はICチップからは確かめられません。カード表面の氏名と生年月日を本人確認書類と照らし合わせてください。',
      unreadable:
        'ICチップからカード製造番号を読み取れないため、このカードが誰のものかは確かめられません。カード表面の氏名と生年月日で住民を探し、履歴で確認してください。',
      find: '氏名と生年月日で住民を探す',
    },
    nextAction: {
      title: '次の対応',
      lockedPins: 'ロック中：{names}',
      openHistory: 'このカードの住民の履歴を開く',
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
      chipTerminatedInDb: '廃止済み（データベース）',
      kind: 'カードの種類',
      kindUnknown: '不明（ATR：{atr}）',
      cardKind: '券面の種類',
      factsMatch: 'ICチップの記載事項',
      factsSame: '住民票の記載と同じ',
      factsDiffer: '住民票の記載と違います（転居・氏名の変更など）',
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
        revoked: '失効',
        'on-hold': '一時停止中',
      },
    },
  },
  issuance: {
    title: '交付',
    find: {
      title: 'マイナンバーカードの交付',
      lead: '交付通知書の番号と生年月日で申請を探します。番号がわからないときは、氏名と生年月日で検索してください。',
      byNotice: '交付通知書の番号で探す',
      noticeNumber: '交付通知書番号',
      noticeHint: '交付通知書の右上にある番号です（例：MD-2026-0001）。',
      birthDate: '生年月日',
      birthDateHint:
        '西暦（例：1992-07-08、19920708）でも和暦（例：平成4年7月8日、H4.7.8）でも入力できます。',
      find: '申請を探す',
      name: '氏名（カナまたは漢字）',
      nameHint: '姓だけなど、一部でも検索できます（例：ヤマダ）。',
      search: '検索する',
      results: '検索結果（{n}件）',
    },
    application: {
      title: '申請の内容',
      name: '氏名',
      kana: 'フリガナ',
      birthDate: '生年月日',
      ageValue: '{age}歳',
      address: '住所',
      notice: '交付通知書番号',
      serial: 'カード製造番号',
      serialNone: '—（カードはまだ届いていません）',
      kinds: {
        new: '新規',
        reissue: '再交付',
      },
      under15: '15歳未満：法定代理人の同行が必要です',
      start: '交付を始める',
      resume: '中断した交付を再開する',
      openNote:
        'この申請には、途中で止まった交付の手続きがあります。再開すると、止まった手順から続けます。',
      notReady:
        'この申請のカードはまだ届いていません。交付通知書の日付を確かめ、後日あらためて来庁するよう案内してください。',
      issued: 'この申請のカードはすでに交付済みです。',
      cancelled: 'この申請は取り消されています。交付できません。',
      needsNotice:
        '氏名で検索したため、この申請の交付は始められません。交付通知書の番号と生年月日で検索し直してください。',
    },
    lookAlikes: {
      title: '取り違えに注意：よく似た方がいます',
      'same-name': '同姓同名で生年月日も同じ方：{name}さん（申請 {notice}）',
      'same-household': '同じ世帯で一緒に申請した方：{name}さん（申請 {notice}）',
      byName:
        '氏名では交付を始められません。交付通知書の番号と生年月日で検索し直し、申請書の番号で照合してください。',
      byNotice:
        '交付通知書の番号で照合しました。顔写真の確認では、この方の申請書の写真とほかの方の写真を並べて表示します。',
    },
    open: {
      title: '未完了の手続き',
      resident: '住民の方',
      step: '止まっている手順',
      started: '開始日時',
      resume: '再開する',
      noticeValue: '交付通知書 {number}',
    },
    steps: {
      request: '代理人の申し出',
      'awaiting-reply': '照会書の回答待ち',
      reply: '照会書の受付',
      documents: '本人確認書類',
      card: 'カード確認',
      face: '顔写真の確認',
      'face-mismatch': '顔写真の確認（停止中）',
      'card-face': '券面確認',
      'card-face-wrong': '券面確認（停止中）',
      pins: '暗証番号の設定',
      certificates: '電子証明書の発行',
      handover: 'お渡し',
      parked: '後日交付',
      completed: '交付完了',
      cancelled: '中止',
    },
    header: {
      label: '交付の手順',
      resident: '{name} さん',
      notice: '交付通知書番号 {number}',
      age: '{age}歳',
      done: '（済）',
      cancel: '中止',
    },
    cancel: {
      title: '交付の手続きを中止しますか？',
      body: '中止すると、この手続きは終了します。あとで交付するときは、最初から手続きをやり直します。',
      reason: '中止の理由',
      reasonHint: '例：本人確認書類が足りないため、後日あらためて来庁。',
      confirm: '中止する',
      back: '手続きに戻る',
    },
    documents: {
      title: '本人確認書類の確認',
      lead: '住民の方がお持ちの本人確認書類を確認し、確認した書類を選んでください。A欄の書類なら1点、B欄の書類なら2点が必要です。',
      listA: 'A欄（1点で確認できる書類）',
      listB: 'B欄（2点で確認できる書類）',
      guardianship: '成年被後見人の方です',
      guardianshipHint: '成年被後見人の方の交付には、成年後見人の同行が必要です。',
      representativeTitle: '法定代理人の確認',
      representativeLeadUnder15:
        '15歳未満の方の交付には、法定代理人（親権者など）の同行が必要です。法定代理人の方の本人確認もしてください。',
      representativeLeadGuardianship:
        '成年被後見人の方の交付には、成年後見人の同行が必要です。成年後見人の方の本人確認もしてください。',
      relation: '法定代理人の続柄',
      representativeDocuments: '法定代理人の方の本人確認書類',
      noCopies: '書類の番号や写しは記録しません。確認した書類の種類だけを記録します。',
      next: '次へ',
      ready: '書類はそろっています。「次へ」を押してください。',
      why: {
        'choose-documents': 'A欄の書類を1点、またはB欄の書類を2点選んでください。',
        'one-more-b': 'B欄の書類はあと1点必要です（またはA欄の書類を1点選んでください）。',
        'choose-relation': '法定代理人の続柄（親権者または成年後見人）を選んでください。',
        'representative-documents':
          '法定代理人の方の書類を、A欄から1点、またはB欄から2点選んでください。',
        'representative-one-more-b': '法定代理人の方のB欄の書類が、あと1点必要です。',
      },
    },
    card: {
      insert: 'この申請のカードをカードリーダーに差し込んでください',
      insertHint: 'この申請のカードの製造番号：{serial}',
      insertHintNoSerial:
        '差し込むと自動で確認します。すでに入っている場合だけ「カードを確認」を押してください。',
      noReader: 'カードリーダーが見つかりません。ケーブルを確かめてください。',
      cardIn: '{reader} にカードが入っています。',
      cardOut: '{reader} にカードが入っていません。',
      check: 'カードを確認',
      checking: 'カードを確認しています。カードを抜かずにお待ちください…',
      practice:
        '練習モードでは、右端の「研修講師用パネル」の「練習用カードの操作」で、この申請のカードを挿入できます。',
    },
    needsCard: {
      title: 'カードをもう一度確認します',
      body: 'この申請のカードを差し込んでください。差し込むと自動で確認します（すでに入っている場合だけ「カードを確認」を押してください）。確認できたら、止まった手順から続けます。',
    },
    face: {
      title: '顔写真の確認',
      lead: '写真とカメラの画像をご本人と見比べてください（保存・送信はしません）。',
      chip: 'カードの写真',
      chipHint: 'ICチップから読み取った写真',
      application: '申請書の写真',
      applicationNone: '申請書の写真はありません。カードの写真とライブカメラで確認してください。',
      live: 'ライブカメラ',
      still: '撮影した画像',
      stillNone: '「撮影」を押すか、スペースキーを押すと、ここに静止画を表示します。',
      capture: '撮影',
      captureHint: 'スペースキーで撮影',
      cameraStarting: 'カメラを起動しています…',
      cameraFailed:
        'カメラを使えません。カメラがつながっているか確かめてください。カメラがなくても、カードの写真とご本人を見比べて判断できます。',
      loadingPhotos: 'カードから写真を読み取っています。カードを抜かずにお待ちください…',
      reloadPhotos: '写真を読み直す',
      question: 'カードの写真は、窓口のご本人ですか？',
      match: '一致',
      mismatch: '不一致',
      decisionNote:
        '記録に残るのは判断の結果と、表示された類似度の数値だけです。写真は残りません。',
      secondNote:
        'この窓口では、「一致」をもう一人の職員が確認します（確認する職員のIDとパスワード）。記録するのは判断の結果と、二人の職員だけです。',
      keys: 'スペース：撮影／ライブに戻す　1・2・3：カード・申請書・撮影した画像を拡大（クリックでも拡大）',
      zoomOf: '{what}を拡大（{key}キー）',
      zoomClose: '閉じる（Esc）',
      applicationHint: '申請時に提出された写真',
      ownApplication: 'この方の申請書 {notice}',
      otherTitle: '別の方の申請書',
      other: '{name}さん {notice}',
      liveAgain: 'ライブに戻す',
      liveAgainHint: 'スペースキーでライブに戻る',
      score: {
        title: '顔の類似度',
        advisory: '参考値です。判断するのは職員です',
        loading: '類似度の計算を準備しています…',
        failed: '類似度を計算できません。写真とご本人を見比べて判断してください。',
        takeStill: '撮影すると、撮影した画像と写真の類似度を表示します。',
        scoring: '類似度を計算しています…',
        pairs: {
          liveChip: '撮影した画像とカードの写真',
          liveApplication: '撮影した画像と申請書の写真',
          chipApplication: 'カードの写真と申請書の写真',
        },
        none: '計算できません',
        low: '低い',
        practiceMark: '練習用',
        practice:
          '練習用：練習の写真は絵のため、この値は判断の材料になりません（トレーナーが「顔写真を本物の写真にする」を選ぶと実写で練習できます）。',
        thresholdNote: '基準 {threshold}（0〜1、1に近いほど似ています）',
        images: {
          chip: 'カードの写真',
          application: '申請書の写真',
          live: '撮影した画像',
        },
        findings: {
          ok: '顔を確認できました',
          none: '顔が見つかりません',
          several: '複数の顔が写っています',
          'too-small': '顔が小さすぎます',
          'eyes-closed': '目を閉じています',
          'turned-away': '顔が正面を向いていません',
        },
        presentationAttack:
          '撮影した画像が、写真や画面をカメラにかざしたものである可能性があります。ご本人がカメラの前にいるか確かめてください。',
        secondLookTitle: 'もう一度見比べてください：',
        secondLook: {
          'low-score': '類似度が基準（{threshold}）を下回っています。',
          'no-score': '顔が見つからない画像があり、類似度を計算できません。',
        },
        secondLookBySelf: '「一致」の前に、写真とご本人をもう一度よく見比べてください。',
        secondLookByColleague: '「一致」はもう一人の職員が見比べて確認します。',
        secondLookDialog: 'もう一度見比べてください',
        secondLookAsk:
          '写真とご本人を、顔の形・目・鼻・口・耳の位置でもう一度見比べてください。同じ方だと判断できたときだけ「一致」としてください。',
        secondLookMatch: '見比べ直した上で「一致」とする',
        secondLookBack: '戻る',
      },
      lookAlikeTitle: '取り違えに注意：',
      lookAlike: {
        'same-name':
          '同姓同名で生年月日も同じ {name}さん（{notice}）がいます。青枠がこの方の申請書です。',
        'same-household':
          '同じ世帯の {name}さん（{notice}）も一緒に申請。青枠がこの方の申請書です。',
      },
    },
    cardFace: {
      title: '券面確認',
      lead: '住民の方の画面に、カードのICチップから読み取った氏名・住所・生年月日・性別を表示し、住民の方ご自身に確かめていただきます',
      leadHint:
        '住民の方と一緒に、カードの券面と画面の内容を見比べてください。確認が済むまで暗証番号の設定には進めません。',
      show: '住民画面に券面の内容を表示する',
      waiting: '住民の方が画面の内容を確認しています',
      factsCaption: 'ICチップから読み取った券面の内容',
      name: '氏名',
      address: '住所',
      birthDate: '生年月日',
      sex: '性別',
      sexes: { male: '男', female: '女', 'not-applicable': '適用なし', unknown: '不明' },
      confirmed: '住民の方が券面の内容を確認しました（{time}）',
      wrongTitle: '住民の方が「違うところがある」と答えたため、交付を止めています',
      nextTitle: 'これからすること',
      next: [
        'カードは住民の方に渡さないでください。',
        '住民の方に、どこが違うかを伺ってください。',
        '交付申請書と住民票の記載を、カードの券面と照合してください。',
        'カードの記録が誤っている場合は、交付を中止してカードを保管し、地方公共団体情報システム機構（J-LIS）に連絡してください。',
      ],
      stop: '交付を中止する',
    },
    mismatch: {
      title: '顔写真が一致しないため、手続きを止めています',
      continue: '責任者の承認を得て続ける',
      continueHint: '責任者が目視でご本人と確認した場合だけ、理由を入力して続けられます。',
      stop: '交付を中止する',
    },
    pins: {
      title: '暗証番号の設定',
      lead: '住民の方の画面で暗証番号を入力していただきます',
      leadHint:
        '職員の画面には数字は表示されません。住民の方が入力している間は、手元をのぞき込まないようにしてください。',
      required: '設定する暗証番号',
      noSigning: '15歳未満のため、署名用電子証明書は発行しません（パスワードも設定しません）。',
      start: '暗証番号の入力を始める',
      progressTitle: '入力の進み具合',
      waitingResident: '住民の方の画面で入力していただいています…',
      stateAccepted: '✓ 入力済み',
      stateCurrent: '入力中',
      stateWaiting: '待ち',
      attempts: 'やり直し {n}回',
      attemptsNone: '—',
      colName: '暗証番号',
      colState: '状態',
      colAttempts: 'やり直した回数',
      faceAuth: {
        title: '顔認証マイナンバーカードを希望された場合',
        lead: '暗証番号を一つも設定せず、署名用電子証明書も発行しません。利用者証明用電子証明書は、顔認証（健康保険証としての利用など）だけで使います。あとから通常のカードに切り替えることもできます（無料）。',
        confirm: 'ご本人（代理人の方）が顔認証マイナンバーカードを希望していることを確かめました',
        issue: '顔認証マイナンバーカードとして交付する',
        chosenTitle: '顔認証マイナンバーカードとして交付します',
        chosenLead:
          '暗証番号は設定しません。住民の方の入力はありません。カードを読み取り機に置いたまま「カードに書き込む」を押してください。',
        write: 'カードに書き込む',
      },
    },
    certs: {
      title: '電子証明書の発行',
      doNotPull: 'カードを抜かないでください',
      lead: 'カードの中で鍵を作り、電子証明書を発行して書き込んでいます。カードによっては数十秒かかります。',
      progress: '進み具合：{n} / {total}',
      noSigning: '15歳未満のため、利用者証明用電子証明書だけを発行します。',
      faceAuth:
        '顔認証マイナンバーカードのため、利用者証明用電子証明書だけを発行します。暗証番号は残しません。',
      phases: {
        'setting-pins': '暗証番号の設定',
        'generating-keys': '鍵の生成',
        issuing: '証明書の発行',
        writing: '書き込み',
        verifying: '確認',
      },
      phaseDone: '済',
      phaseNow: '処理中',
      waiting: '住民の方の暗証番号の入力が終わると、自動で始まります。',
    },
    parked: {
      title: '後日交付になりました',
      lead: '電子証明書の発行システムに接続できなかったため、この手続きを保存して止めました。住民の方に「後日交付のご案内」を印刷してお渡しし、後日あらためて来庁していただいてください。',
      leadClosed:
        '国の電子証明書サービスの受付時間外のため、電子証明書を後日にして、この交付を保存しました。住民の方に「後日交付のご案内」を印刷してお渡しし、受付時間内にあらためて来庁していただいてください。',
      print: '後日交付のご案内を印刷',
      printed: '後日交付のご案内（PDF）を作成しました。印刷してお渡しください。',
      resumeTitle: '再開するとき',
      resumeLead:
        '住民の方が再来庁されたら「交付を再開する」を押してください。カードを確認してから、暗証番号の設定をやり直します（暗証番号はもう一度入力していただきます）。',
      resume: '交付を再開する',
      home: 'ホームに戻る',
    },
    handover: {
      title: 'カードのお渡し',
      lead: '内容を確かめ、回収したものに印を付けてください。カードをお渡ししたら「交付を完了する」を押します。受領書は完了のあとで印刷します。',
      summary: '交付するカード',
      serial: 'カード製造番号',
      expiry: 'カードの有効期限',
      pins: '設定した暗証番号',
      certificates: '格納した電子証明書',
      collectedTitle: '回収したもの',
      collectedJuki: '住基カードを回収した',
      collectedNotification: '通知カードを回収した',
      certUntil: '{date}まで',
      listSeparator: '、',
      readBack: 'いま読み取ったカード {serial}：{chip}。{pins}',
      pinsOk: '暗証番号はすべて設定済みです。',
      pinsNotOk: '設定されていない、またはロックされた暗証番号があります。',
      pinsNone: '設定しない（顔認証マイナンバーカード）',
      pinsNoneOk: '暗証番号は設定されていません（顔認証マイナンバーカード）。',
      pinsNoneNotOk: '顔認証マイナンバーカードなのに、設定された暗証番号があります。',
      kind: 'カードの種類',
      printReceipt: '受領書を印刷',
      printed: '受領書（PDF）を作成しました。印刷して、住民の方に署名をいただいてください。',
      savedAt: '保存先',
      complete: '交付を完了する',
    },
    completed: {
      title: '交付が完了しました',
      lead: '{name} さんへのカードの交付を記録しました。カードは交付済みになりました。',
      collectedJuki: '住基カード：回収済み',
      collectedNotification: '通知カード：回収済み',
      next: '次の交付へ',
      home: 'カードの状態確認へ',
    },
    cancelled: {
      title: 'この交付の手続きは中止しました',
      lead: 'あらためて交付するときは、申請を探して最初から始めてください。',
      back: '交付の最初の画面へ',
    },
    loading: '手続きを読み込んでいます…',
  },
  documentNames: {
    'driving-licence': '運転免許証',
    'driving-history': '運転経歴証明書',
    passport: '旅券（パスポート）',
    'residence-card': '在留カード',
    'special-permanent-resident': '特別永住者証明書',
    'disability-physical': '身体障害者手帳',
    'disability-mental': '精神障害者保健福祉手帳',
    'disability-intellectual': '療育手帳',
    'juki-card-photo': '住民基本台帳カード（写真付き）',
    'health-insurance': '健康保険の資格確認書・被保険者証',
    'pension-book': '年金手帳・基礎年金番号通知書',
    'long-term-care': '介護保険被保険者証',
    'medical-recipient': '医療受給者証',
    'employee-id': '社員証（写真付き）',
    'student-id': '学生証（写真付き）',
    bankbook: '預金通帳・キャッシュカード',
    'maternal-handbook': '母子健康手帳',
  } satisfies Record<DocumentKind, string>,
  relations: {
    parent: '親権者',
    guardian: '成年後見人',
  } satisfies Record<RepresentativeRelation, string>,
  pinNames,
  certNames: {
    signing: '署名用電子証明書',
    auth: '利用者証明用電子証明書',
  },
  nextActions,
  life,
  delivery,
  reports,
  errors,
  date: '{y}年{m}月{d}日',
  dateWithEra: '{date}（{era}）',
  dateTime: '{y}年{m}月{d}日 {hh}時{mm}分',
  dateTimeSeconds: '{y}年{m}月{d}日 {hh}時{mm}分{ss}秒',
  timeOfDay: '{hh}:{mm}',
};

export type Messages = typeof ja;
