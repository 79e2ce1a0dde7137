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
};
