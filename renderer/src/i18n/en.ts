// English UI text. Typed as the Japanese message set, so a missing or extra key fails typecheck.
import type { Messages } from './ja';

export const en: Messages = {
  app: {
    name: 'Madoguchi',
    subtitle: 'My Number Card counter',
    version: 'Version {version}',
    loading: 'Starting…',
  },
  language: {
    label: 'Language',
    ja: '日本語',
    en: 'English',
  },
  practice: {
    mark: 'PRACTICE',
    banner: 'PRACTICE MODE — using the simulated card reader. Nothing is written to a real card.',
  },
  trainer: {
    title: 'Practice cards (training)',
    preset: 'Simulated card',
    insert: 'Insert card',
    remove: 'Remove card',
    inserted: 'Card in the reader: {label}',
    empty: 'The simulated reader is empty.',
  },
  errorBox: {
    codeForIt: 'For IT staff: {code}',
    codeAndDetailForIt: 'For IT staff: {code} ({detail})',
  },
  cardHealth: {
    title: 'Card health',
    lead: 'Insert a card: it is read automatically and its state is shown here.',
    readers: {
      title: 'Card readers',
      none: 'No card reader found.',
      unavailable: 'The card reader service cannot be used, so readers cannot be checked.',
      starting: 'Looking for card readers…',
      cardPresent: 'Card inserted',
      cardAbsent: 'No card',
      cardMute: 'Card does not answer',
    },
    insertCard: 'Please insert a card into the card reader.',
    insertCardHint: 'Reading starts automatically once the card is in.',
    reading: 'Reading the card. Do not remove it…',
    result: 'Result',
    reread: 'Read again',
    readAt: 'Read at {time}',
    nextAction: {
      title: 'What to do next',
      lockedPins: 'Locked: {names}',
      separator: ', ',
    },
    card: {
      title: 'Card',
      serial: 'Card serial number',
      serialHint: 'as read from the chip',
      municipality: 'Municipality code',
      expiry: 'Card expiry date',
      chipState: 'Chip state',
      chipActive: 'Active (usable)',
      chipSuspended: 'Suspended',
      kind: 'Card type',
      kindUnknown: 'Unknown (ATR: {atr})',
    },
    pins: {
      title: 'PINs and password',
      caption: 'Tries left are checked without using a try.',
      name: 'Secret',
      tries: 'Tries left',
      state: 'State',
      triesValue: '{left} of {max} left',
      triesNotSet: '— (not set, so no tries)',
      ok: 'Set',
      locked: 'Locked',
      notSet: 'Not set',
    },
    certs: {
      title: 'Electronic certificates',
      name: 'Certificate',
      presence: 'On card',
      period: 'Validity period',
      status: 'Status',
      present: 'Yes',
      absent: 'No',
      periodValue: '{from} to {to}',
      signingDatesHidden:
        'The signature certificate’s validity period cannot be read from the chip without the signature password, so it is not shown here.',
      signingDatesHiddenShort: 'Not shown (see the note below)',
      signingAbsent:
        'There is no signature certificate on this card. For a child under 15, or a resident who chose not to have one, this is normal.',
      validity: {
        valid: 'Valid',
        expiring: 'Valid (expires within 3 months; can be renewed)',
        expired: 'Expired',
        'not-yet-valid': 'Not yet valid',
        absent: 'Not on the card',
      },
    },
  },
  pinNames: {
    signing: 'Signature certificate password',
    auth: 'User authentication certificate PIN',
    juki: 'Basic Resident Register PIN',
    text: 'Card-face data input support PIN',
  },
  certNames: {
    signing: 'Signature certificate',
    auth: 'User authentication certificate',
  },
  nextActions: {
    none: 'Nothing to do. The card can be used as it is.',
    'issue-card':
      'This card has not been issued yet (no PINs set). Set the PINs in the issuance procedure.',
    'reset-locked-pin':
      'A PIN is locked. After checking identity, run the PIN reset procedure (free of charge).',
    'renew-certificates':
      'The electronic certificates expire within 3 months. Offer the certificate renewal procedure.',
    'certificates-expired':
      'The electronic certificates have expired. Issue new ones with the certificate renewal procedure.',
    'card-expired':
      'The card has expired and can no longer be used. Offer the card reissue procedure.',
    'card-expiring':
      'The card expires within 3 months. Offer a card renewal (application for a new card).',
    'release-suspension':
      'This card is suspended. After checking identity, run the suspension release procedure.',
  },
  errors: {
    validation:
      'An internal request had the wrong form and was not processed. Try again. If this keeps happening, contact IT staff.',
    'unknown-channel':
      'An internal request asked for an operation that does not exist. Restart the app. If this keeps happening, contact IT staff.',
    'forbidden-sender':
      'Requests from this screen are not allowed. Restart the app. If this keeps happening, contact IT staff.',
    'not-practice-mode': 'This works in practice mode only, not at a live counter.',
    internal: 'An internal error occurred. Try again. If this keeps happening, contact IT staff.',
    'pcsc-unavailable': 'The card reader service (PC/SC) is not running. Contact IT staff.',
    'pcsc-addon-missing':
      'The component needed to use card readers is missing on this computer. Contact IT staff.',
    'no-reader':
      'No card reader found. Check that the reader’s cable is plugged into this computer.',
    'reader-gone':
      'The card reader was disconnected while reading. Check the cable, re-insert the card and press “Read again”.',
    'no-card': 'There is no card in the reader. Insert the card into the card reader.',
    'card-mute':
      'The card does not answer. Check its orientation and insert it again. If it still does not answer, it may be damaged: ask a supervisor.',
    'card-removed':
      'The card was pulled out while it was being read. Insert it again and press “Read again”.',
    'card-busy':
      'The card is being used by another operation. Wait a moment, then press “Read again”.',
    'card-changed':
      'A different card was inserted during the procedure. Insert the first card again and restart the procedure.',
    'not-my-number-card':
      'This is not a My Number Card. Check the card and insert a My Number Card.',
    'card-terminated':
      'This card has been terminated and can no longer be used. Check why it was terminated; if the resident needs a new card, offer the reissue procedure.',
    'card-tampered':
      'The card’s chip is faulty (it may have been tampered with or damaged). Do not use this card: keep it and report to a supervisor.',
    'card-timeout':
      'The card did not answer in time. Insert it again and press “Read again”. If this repeats, the card may be damaged: ask a supervisor.',
    'card-error':
      'An error occurred while reading the card. Insert it again and press “Read again”. If this repeats, ask a supervisor.',
  },
  date: '{d} {month} {y}',
  dateTime: '{d} {month} {y}, {hh}:{mm}',
};
