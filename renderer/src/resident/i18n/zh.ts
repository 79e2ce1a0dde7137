// 中文（简体）.
import type { Messages } from './messages';

export const zh: Messages = {
  languageName: '中文（简体）',
  languageChoice: '请选择语言',
  waiting: {
    title: '请等候工作人员的引导',
    body: '您将在此画面上设置密码',
  },
  secret: {
    signing: '签名用电子证书的密码',
    auth: '用户身份证明用电子证书的密码',
    juki: '居民基本台账用密码',
    text: '卡面信息输入辅助用密码',
    shared: '三个密码通用的数字',
  },
  purpose: {
    signing: '用于通过 e-Tax 等以电子方式提交文件',
    auth: '用于登录 Mynaportal 以及在便利店领取证明书',
    juki: '用于办理住址变更等手续',
    text: '用于读取姓名、住址等信息',
    shared: '用户身份证明用、居民基本台账用、卡面信息输入辅助用使用同一个数字',
  },
  rule: {
    pin: '4位数字',
    password: '6～16个字符，须同时包含英文字母（A～Z）和数字（0～9）',
  },
  entry: {
    first: '请输入',
    confirm: '为了确认，请再输入一次',
    again: '请从头重新输入',
    resume: '给您添麻烦了，请再输入一次',
    checking: '正在确认…',
    typed: (count) => `已输入${count}个字符`,
  },
  keys: {
    ok: '确定',
    erase: '删除一个',
    clear: '全部删除',
    pad: '输入键盘',
  },
  same: {
    title: '三个密码要设置为相同的数字吗？',
    body: '即用户身份证明用、居民基本台账用、卡面信息输入辅助用这三个密码',
    yes: '三个密码使用相同的数字',
    no: '分别设置不同的数字',
  },
  review: {
    title: '输入已完成',
    body: '将按以上内容进行设置。可以吗？',
    shared: '三个相同',
    submit: '设置',
    restart: '从头重新输入',
  },
  processing: '正在处理，请不要拔出卡片。',
  done: {
    title: '谢谢',
    body: '请告知工作人员',
  },
  failed: {
    title: '未能完成设置',
    body: '请叫工作人员',
  },
  violation: {
    'pin-format': '密码为4位数字',
    'pin-same-digits': '不能使用4个相同的数字（如1111）',
    'pin-sequence': '不能使用1234、9876这样的连续数字',
    'pin-birth-date': '不能使用与出生日期有关的数字（月日、年月、出生年份）',
    'password-format': '密码须为6～16个英文字母（A～Z）和数字（0～9）',
    'password-letter-digit': '请同时使用英文字母和数字',
    'pin-confirmation-differs': '两次输入的内容不一致',
  },
  error: {
    callClerk: '目前无法受理，请叫工作人员',
  },
  later: {
    title: {
      release: '解除暂停',
      'pin-reset': '密码的初始化与重新设置',
      renewal: '电子证书的更新',
    },
    why: {
      release: '为了解除暂停并在卡中写入新的电子证书，请输入密码',
      'pin-reset': '为了重新设置密码，请输入',
      renewal: '为了更新电子证书，请输入密码',
    },
    listTitle: '将按以下顺序输入：',
    start: '开始',
    plan: {
      current: '输入现在使用的密码（继续使用）',
      change: '输入现在使用的密码和新密码',
      new: '决定并输入新密码',
    },
    outcome: {
      current: '继续使用',
      change: '更改为新密码',
      new: '重新设置',
    },
    current: {
      pin: '请输入您现在使用的密码',
      password: '请输入您现在使用的密码（英文字母和数字）',
    },
    newFirst: {
      pin: '请输入新密码',
      password: '请输入新密码（英文字母和数字）',
    },
    newConfirm: {
      pin: '为了确认，请再输入一次新密码',
      password: '为了确认，请再输入一次新密码',
    },
    steps: { current: '现在的密码', first: '新密码', confirm: '确认' },
    triesLeft: (count) => `再输错${count}次，密码将被锁定，无法使用`,
    lastTry: '如果再输错一次，密码将被锁定，无法使用',
    unsure: '如果没有把握，请不要输入，请叫工作人员',
    reviewBody: '将按以上内容继续办理。可以吗？',
    submit: '确定',
    wrong: {
      pin: '您现在使用的密码不正确',
      password: '您现在使用的密码不正确',
    },
    locked: {
      pin: '该密码已被锁定，无法使用',
      password: '该密码已被锁定，无法使用',
    },
    lockedHelp: '可以重新设置新密码',
    askClerk: '请叫工作人员',
    again: '再输入一次',
    continue: '继续',
  },
  cardFace: {
    title: '请确认卡片上的内容',
    body: '以下是卡片中记录的内容。请与工作人员一起确认是否有误。',
    name: '姓名',
    address: '住址',
    birthDate: '出生日期',
    sex: '性别',
    sexes: { male: '男', female: '女', 'not-applicable': '不适用', unknown: '不明' },
    yes: '是，内容正确',
    no: '不，有不正确的地方',
    thanks: { title: '感谢您的确认', body: '请等待工作人员的引导' },
    wrong: { title: '工作人员将为您说明', body: '请在此稍候，并告诉工作人员哪里不正确' },
  },
};
