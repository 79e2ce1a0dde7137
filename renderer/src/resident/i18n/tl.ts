// Tagalog / Filipino.
import type { Messages } from './messages';

export const tl: Messages = {
  languageName: 'Filipino',
  languageChoice: 'Pumili ng wika',
  waiting: {
    title: 'Pakihintay ang gabay ng kawani',
    body: 'Dito sa screen na ito ninyo itatakda ang inyong mga PIN',
  },
  secret: {
    signing: 'Password ng sertipiko para sa pirma',
    auth: 'PIN ng sertipiko para sa pagkakakilanlan ng gumagamit',
    juki: 'PIN para sa Basic Resident Register',
    text: 'PIN para sa pagbasa ng impormasyon sa harap ng card',
    shared: 'Iisang PIN para sa tatlo',
  },
  purpose: {
    signing: 'Ginagamit sa pagpapadala ng mga dokumento online, halimbawa sa e-Tax',
    auth: 'Ginagamit sa pag-log in sa Mynaportal at sa pagkuha ng mga sertipiko sa convenience store',
    juki: 'Ginagamit sa mga proseso gaya ng pagpapalit ng address',
    text: 'Ginagamit kapag binabasa mula sa card ang inyong pangalan at address',
    shared:
      'Iisang numero para sa PIN ng pagkakakilanlan ng gumagamit, ng Resident Register at ng harap ng card',
  },
  rule: {
    pin: '4 na numero',
    password: '6 hanggang 16 na character, may malalaking titik (A–Z) at numero (0–9)',
  },
  entry: {
    first: 'Pakilagay',
    confirm: 'Pakilagay muli para makumpirma',
    again: 'Pakiulit mula sa simula',
    resume: 'Paumanhin po: pakilagay muli ang inyong mga PIN',
    checking: 'Sinusuri…',
    typed: (count) => `${count} character ang nailagay`,
  },
  keys: {
    ok: 'OK',
    erase: 'Burahin ang isa',
    clear: 'Burahin lahat',
    pad: 'Keypad',
  },
  same: {
    title: 'Iisang numero ba para sa tatlong PIN?',
    body: 'Ang PIN ng pagkakakilanlan ng gumagamit, ng Resident Register at ng harap ng card',
    yes: 'Iisang numero para sa tatlo',
    no: 'Magkakaibang numero',
  },
  review: {
    title: 'Tapos na ang paglalagay',
    body: 'Itatakda na ang mga ito sa inyong card. Ayos lang po ba?',
    shared: 'Pare-pareho ang tatlo',
    submit: 'Itakda',
    restart: 'Ulitin mula sa simula',
  },
  processing: 'Pinoproseso. Huwag pong alisin ang card.',
  progress: {
    label: 'Progreso',
    stages: {
      pins: 'Itinatakda ang inyong mga PIN',
      keys: 'Ginagawa ang mga susi (key)',
      certificates: 'Inilalabas ang mga sertipiko',
      write: 'Isinusulat ang mga sertipiko sa card',
      'read-back': 'Binabasa muli mula sa card',
      'test-sign': 'Sinusuri gamit ang pansubok na pirma',
    },
  },
  callStaff: {
    button: 'Tumawag ng kawani',
    called: 'Natawagan na ang kawani. Pakihintay sandali.',
    failed: 'Hindi natuloy ang tawag. Pakikausap ang kawani sa counter.',
  },
  done: {
    title: 'Salamat po',
    body: 'Pakisabi sa kawani na tapos na kayo',
  },
  failed: {
    title: 'Hindi naitakda ang mga PIN',
    body: 'Pakitawag ang kawani',
  },
  violation: {
    'pin-format': 'Ang PIN ay 4 na numero',
    'pin-same-digits': 'Hindi puwede ang apat na magkaparehong numero (gaya ng 1111)',
    'pin-sequence': 'Hindi puwede ang sunud-sunod na numero gaya ng 1234 o 9876',
    'pin-birth-date':
      'Hindi puwede ang numerong galing sa inyong kaarawan (buwan at araw, taon at buwan, o taon)',
    'password-format':
      'Ang password ay 6 hanggang 16 na character na malalaking titik (A–Z) at numero (0–9)',
    'password-letter-digit': 'Pakigamit ang parehong titik at numero',
    'pin-confirmation-differs': 'Hindi magkapareho ang dalawang inilagay',
  },
  error: {
    callClerk: 'Hindi ito matatanggap sa ngayon. Pakitawag ang kawani',
  },
  later: {
    title: {
      release: 'Pagtatapos ng suspensiyon ng inyong card',
      'pin-reset': 'Muling pagtatakda ng inyong mga PIN',
      renewal: 'Pag-renew ng inyong mga electronic na sertipiko',
    },
    why: {
      release:
        'Magagamit muli ang inyong card, na may bagong mga electronic na sertipiko. Para rito, pakilagay ang inyong mga PIN',
      'pin-reset': 'Para muling maitakda ang inyong mga PIN, pakilagay ang mga ito',
      renewal: 'Para ma-renew ang inyong mga electronic na sertipiko, pakilagay ang inyong mga PIN',
    },
    listTitle: 'Ilalagay ninyo, sa ganitong pagkakasunod:',
    start: 'Magsimula',
    plan: {
      current: 'Ang ginagamit ninyo ngayon (hindi ito magbabago)',
      change: 'Ang ginagamit ninyo ngayon, pagkatapos ay bago',
      new: 'Bagong pipiliin ninyo',
    },
    outcome: {
      current: 'hindi magbabago',
      change: 'papalitan ng bago',
      new: 'itatakda nang bago',
    },
    current: {
      pin: 'Pakilagay ang PIN na ginagamit ninyo ngayon',
      password: 'Pakilagay ang password na ginagamit ninyo ngayon',
    },
    newFirst: {
      pin: 'Pakilagay ang inyong bagong PIN',
      password: 'Pakilagay ang inyong bagong password',
    },
    newConfirm: {
      pin: 'Pakilagay muli ang bagong PIN para makumpirma',
      password: 'Pakilagay muli ang bagong password para makumpirma',
    },
    steps: { current: 'Ang ginagamit', first: 'Ang bago', confirm: 'Kumpirmahin' },
    triesLeft: (count) =>
      `Kapag nagkamali pa nang ${count} beses, mala-lock ito at hindi na magagamit`,
    lastTry: 'Kapag nagkamali pa nang isang beses, mala-lock ito at hindi na magagamit',
    unsure: 'Kung hindi kayo sigurado, huwag munang ilagay: pakitawag ang kawani',
    reviewBody: 'Magpapatuloy ang proseso gamit ang mga ito. Ayos lang po ba?',
    submit: 'Kumpirmahin',
    wrong: {
      pin: 'Mali ang PIN na ginagamit ninyo ngayon',
      password: 'Mali ang password na ginagamit ninyo ngayon',
    },
    locked: {
      pin: 'Naka-lock ang PIN na ito at hindi magagamit',
      password: 'Naka-lock ang password na ito at hindi magagamit',
    },
    lockedHelp: 'Maaaring magtakda ng bago bilang kapalit',
    askClerk: 'Pakitawag ang kawani',
    again: 'Ilagay muli',
    continue: 'Magpatuloy',
  },
  cardFace: {
    title: 'Pakisuri ang mga detalye sa inyong card',
    body: 'Ito ang mga detalyeng nakatala sa inyong card. Pakisuri ito kasama ng kawani.',
    name: 'Pangalan',
    address: 'Address',
    birthDate: 'Petsa ng kapanganakan',
    sex: 'Kasarian',
    sexes: {
      male: 'lalaki',
      female: 'babae',
      'not-applicable': 'hindi naaangkop',
      unknown: 'hindi alam',
    },
    yes: 'Oo, tama ito',
    no: 'Hindi, may mali',
    thanks: { title: 'Salamat sa pagsusuri', body: 'Pakihintay ang gabay ng kawani' },
    wrong: {
      title: 'Ipapaliwanag ito ng kawani',
      body: 'Pakihintay dito at sabihin sa kawani kung ano ang mali',
    },
  },
};
