// English.
import type { Messages } from './messages';

export const en: Messages = {
  languageName: 'English',
  languageChoice: 'Choose your language',
  waiting: {
    title: 'Please wait for the staff to guide you',
    body: 'You will set your PINs on this screen',
  },
  secret: {
    signing: 'Password for the signature certificate',
    auth: 'PIN for the user identification certificate',
    juki: 'PIN for the Basic Resident Register',
    text: 'PIN for reading the card surface information',
    shared: 'One PIN for all three',
  },
  purpose: {
    signing: 'Used to send documents electronically, for example to e-Tax',
    auth: 'Used to log in to Mynaportal and to get certificates at convenience stores',
    juki: 'Used for procedures such as a change of address',
    text: 'Used when your name and address are read from the card',
    shared: 'The same number for the user identification, Resident Register and card surface PINs',
  },
  rule: {
    pin: '4 digits',
    password: '6 to 16 characters, with both letters (A–Z) and numbers (0–9)',
  },
  entry: {
    first: 'Please enter it',
    confirm: 'Please enter it once more to confirm',
    again: 'Please start again from the beginning',
    resume: 'We are sorry: please enter your PINs once more',
    checking: 'Checking…',
    typed: (count) => `${count} ${count === 1 ? 'character' : 'characters'} entered`,
  },
  keys: {
    ok: 'OK',
    erase: 'Delete one',
    clear: 'Delete all',
    pad: 'Keypad',
  },
  same: {
    title: 'Use the same number for three PINs?',
    body: 'The user identification, Resident Register and card surface PINs',
    yes: 'Use the same number for all three',
    no: 'Use different numbers',
  },
  review: {
    title: 'All entries are done',
    body: 'These will now be set on your card. Is that all right?',
    shared: 'All three the same',
    submit: 'Set them',
    restart: 'Start again',
  },
  processing: 'Processing. Please do not remove the card.',
  progress: {
    label: 'Progress',
    stages: {
      pins: 'Setting your PINs',
      keys: 'Making the keys',
      certificates: 'Issuing the certificates',
      write: 'Writing the certificates to the card',
      'read-back': 'Reading them back from the card',
      'test-sign': 'Checking with a test signature',
    },
  },
  callStaff: {
    button: 'Call a staff member',
    called: 'A staff member has been called. Please wait a moment.',
    failed: 'The call did not go through. Please speak to the staff at the counter.',
  },
  done: {
    title: 'Thank you',
    body: 'Please let the staff know you have finished',
  },
  failed: {
    title: 'The PINs could not be set',
    body: 'Please call the staff',
  },
  violation: {
    'pin-format': 'A PIN is 4 digits',
    'pin-same-digits': 'Four identical digits (such as 1111) cannot be used',
    'pin-sequence': 'Consecutive digits such as 1234 or 9876 cannot be used',
    'pin-birth-date':
      'Numbers taken from your date of birth (month and day, year and month, or year) cannot be used',
    'password-format': 'The password is 6 to 16 characters of letters (A–Z) and numbers (0–9)',
    'password-letter-digit': 'Please use both letters and numbers',
    'pin-confirmation-differs': 'The two entries were not the same',
  },
  error: {
    callClerk: 'This cannot be accepted right now. Please call the staff',
  },
  later: {
    title: {
      release: 'Ending the suspension of your card',
      'pin-reset': 'Setting your PINs again',
      renewal: 'Renewing your electronic certificates',
    },
    why: {
      release:
        'Your card will be usable again, with new electronic certificates. For this, please enter your PINs',
      'pin-reset': 'To set your PINs again, please enter them',
      renewal: 'To renew your electronic certificates, please enter your PINs',
    },
    listTitle: 'You will enter, in this order:',
    start: 'Start',
    plan: {
      current: 'The one you use now (it stays the same)',
      change: 'The one you use now, then a new one',
      new: 'A new one that you choose',
    },
    outcome: {
      current: 'stays the same',
      change: 'will be changed to the new one',
      new: 'will be newly set',
    },
    current: {
      pin: 'Please enter the PIN you use now',
      password: 'Please enter the password you use now',
    },
    newFirst: {
      pin: 'Please enter your new PIN',
      password: 'Please enter your new password',
    },
    newConfirm: {
      pin: 'Please enter your new PIN once more to confirm',
      password: 'Please enter your new password once more to confirm',
    },
    steps: { current: 'The one in use', first: 'The new one', confirm: 'Confirm' },
    triesLeft: (count) =>
      `If it is entered wrongly ${count} more times, it will be locked and can no longer be used`,
    lastTry: 'If it is entered wrongly once more, it will be locked and can no longer be used',
    unsure: 'If you are not sure, do not enter it: please call the staff',
    reviewBody: 'The procedure will go on with these. Is that all right?',
    submit: 'Confirm',
    wrong: {
      pin: 'The PIN you use now was not correct',
      password: 'The password you use now was not correct',
    },
    locked: {
      pin: 'This PIN is locked and cannot be used',
      password: 'This password is locked and cannot be used',
    },
    lockedHelp: 'A new one can be set instead',
    askClerk: 'Please call the staff',
    again: 'Enter it again',
    continue: 'Continue',
  },
  cardFace: {
    title: 'Please check the details on your card',
    body: 'These are the details recorded on your card. Please check them with the staff member.',
    name: 'Name',
    address: 'Address',
    birthDate: 'Date of birth',
    sex: 'Sex',
    sexes: {
      male: 'male',
      female: 'female',
      'not-applicable': 'not applicable',
      unknown: 'unknown',
    },
    yes: 'Yes, this is correct',
    no: 'No, something is wrong',
    thanks: { title: 'Thank you for checking', body: 'Please wait for the staff to guide you' },
    wrong: {
      title: 'A staff member will explain',
      body: 'Please wait here and tell the staff what is wrong',
    },
  },
};
