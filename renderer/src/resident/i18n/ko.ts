// 한국어.
import type { Messages } from './messages';

export const ko: Messages = {
  languageName: '한국어',
  languageChoice: '언어를 선택하세요',
  waiting: {
    title: '직원의 안내를 기다려 주십시오',
    body: '이 화면에서 비밀번호를 설정합니다',
  },
  secret: {
    signing: '서명용 전자증명서 비밀번호',
    auth: '이용자 증명용 전자증명서 비밀번호',
    juki: '주민기본대장용 비밀번호',
    text: '권면사항 입력보조용 비밀번호',
    shared: '세 가지 공통 비밀번호',
  },
  purpose: {
    signing: 'e-Tax 등에서 서류를 전자적으로 제출할 때 사용합니다',
    auth: '마이나포털 로그인이나 편의점에서 증명서를 발급받을 때 사용합니다',
    juki: '주소 변경 등의 절차에 사용합니다',
    text: '성명이나 주소를 읽어 들일 때 사용합니다',
    shared: '이용자 증명용, 주민기본대장용, 권면사항 입력보조용에 같은 숫자를 사용합니다',
  },
  rule: {
    pin: '숫자 4자리',
    password: '영문자(A～Z)와 숫자(0～9)를 모두 사용하여 6～16자',
  },
  entry: {
    first: '입력해 주십시오',
    confirm: '확인을 위해 한 번 더 입력해 주십시오',
    again: '처음부터 다시 입력해 주십시오',
    resume: '번거로우시겠지만 다시 한 번 입력해 주십시오',
    checking: '확인 중입니다…',
    typed: (count) => `${count}자 입력함`,
  },
  keys: {
    ok: '확인',
    erase: '한 글자 지우기',
    clear: '모두 지우기',
    pad: '입력 키',
  },
  same: {
    title: '세 가지 비밀번호를 같은 숫자로 하시겠습니까?',
    body: '이용자 증명용, 주민기본대장용, 권면사항 입력보조용의 세 가지입니다',
    yes: '세 가지를 같은 숫자로 하기',
    no: '각각 다른 숫자로 하기',
  },
  review: {
    title: '입력이 끝났습니다',
    body: '이 내용으로 설정합니다. 괜찮으십니까?',
    shared: '세 가지 모두 같음',
    submit: '설정하기',
    restart: '처음부터 다시 하기',
  },
  processing: '처리 중입니다. 카드를 빼지 마십시오.',
  progress: {
    label: '진행 상황',
    stages: {
      pins: '비밀번호를 설정하고 있습니다',
      keys: '키를 만들고 있습니다',
      certificates: '전자 증명서를 발급하고 있습니다',
      write: '전자 증명서를 카드에 기록하고 있습니다',
      'read-back': '카드에서 다시 읽어 확인하고 있습니다',
      'test-sign': '시험 서명으로 확인하고 있습니다',
    },
  },
  callStaff: {
    button: '직원 호출',
    called: '직원을 불렀습니다. 잠시 기다려 주십시오.',
    failed: '직원을 부르지 못했습니다. 창구 직원에게 직접 말씀해 주십시오.',
  },
  done: {
    title: '감사합니다',
    body: '직원에게 말씀해 주십시오',
  },
  failed: {
    title: '설정하지 못했습니다',
    body: '직원을 불러 주십시오',
  },
  violation: {
    'pin-format': '비밀번호는 숫자 4자리입니다',
    'pin-same-digits': '같은 숫자 4개(1111 등)는 사용할 수 없습니다',
    'pin-sequence': '1234나 9876처럼 연속된 숫자는 사용할 수 없습니다',
    'pin-birth-date': '생년월일과 관련된 숫자(월일, 연월, 태어난 해)는 사용할 수 없습니다',
    'password-format': '비밀번호는 영문자(A～Z)와 숫자(0～9)로 6～16자입니다',
    'password-letter-digit': '영문자와 숫자를 모두 사용해 주십시오',
    'pin-confirmation-differs': '첫 번째와 두 번째 입력이 다릅니다',
  },
  error: {
    callClerk: '지금은 접수할 수 없습니다. 직원을 불러 주십시오',
  },
  later: {
    title: {
      release: '일시정지 해제',
      'pin-reset': '비밀번호 초기화 및 재설정',
      renewal: '전자증명서 갱신',
    },
    why: {
      release: '일시정지를 해제하고 새 전자증명서를 넣기 위해 비밀번호를 입력해 주십시오',
      'pin-reset': '비밀번호를 다시 설정하기 위해 입력해 주십시오',
      renewal: '전자증명서 갱신을 위해 비밀번호를 입력해 주십시오',
    },
    listTitle: '다음 순서로 입력합니다:',
    start: '시작하기',
    plan: {
      current: '지금 사용하는 것을 입력(그대로 사용)',
      change: '지금 사용하는 것과 새 것을 입력',
      new: '새 것을 정해서 입력',
    },
    outcome: {
      current: '그대로 사용합니다',
      change: '새 것으로 변경합니다',
      new: '새로 설정합니다',
    },
    current: {
      pin: '지금 사용하는 비밀번호를 입력해 주십시오',
      password: '지금 사용하는 비밀번호(영문자와 숫자)를 입력해 주십시오',
    },
    newFirst: {
      pin: '새 비밀번호를 입력해 주십시오',
      password: '새 비밀번호(영문자와 숫자)를 입력해 주십시오',
    },
    newConfirm: {
      pin: '확인을 위해 새 비밀번호를 한 번 더 입력해 주십시오',
      password: '확인을 위해 새 비밀번호를 한 번 더 입력해 주십시오',
    },
    steps: { current: '지금 비밀번호', first: '새 비밀번호', confirm: '확인' },
    triesLeft: (count) => `앞으로 ${count}번 틀리면 잠겨서 사용할 수 없게 됩니다`,
    lastTry: '한 번 더 틀리면 잠겨서 사용할 수 없게 됩니다',
    unsure: '확실하지 않으면 입력하지 말고 직원을 불러 주십시오',
    reviewBody: '이 내용으로 절차를 진행합니다. 괜찮으십니까?',
    submit: '확정하기',
    wrong: {
      pin: '지금 사용하는 비밀번호가 틀립니다',
      password: '지금 사용하는 비밀번호가 틀립니다',
    },
    locked: {
      pin: '이 비밀번호는 잠겨 있어서 사용할 수 없습니다',
      password: '이 비밀번호는 잠겨 있어서 사용할 수 없습니다',
    },
    lockedHelp: '새 비밀번호를 다시 설정할 수 있습니다',
    askClerk: '직원을 불러 주십시오',
    again: '다시 입력하기',
    continue: '다음으로',
  },
  cardFace: {
    title: '카드의 내용을 확인해 주십시오',
    body: '카드에 기록된 내용입니다. 직원과 함께 틀린 곳이 없는지 확인해 주십시오.',
    name: '성명',
    address: '주소',
    birthDate: '생년월일',
    sex: '성별',
    sexes: { male: '남', female: '여', 'not-applicable': '해당 없음', unknown: '불명' },
    yes: '예, 맞습니다',
    no: '아니요, 틀린 곳이 있습니다',
    thanks: { title: '확인해 주셔서 감사합니다', body: '직원의 안내를 기다려 주십시오' },
    wrong: {
      title: '직원이 설명해 드리겠습니다',
      body: '잠시 기다려 주시고, 틀린 곳을 직원에게 알려 주십시오',
    },
  },
};
