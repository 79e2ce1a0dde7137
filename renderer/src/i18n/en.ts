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
    reinsert: 'Put the same card back',
    inserted: 'Card in the reader: {label}',
    empty: 'The simulated reader is empty.',
    applicationTitle: 'Application cards (issuance practice)',
    applicationCard: 'Application',
    applicationOption: '{notice} ({name})',
    noApplications: 'No application has a card to insert.',
    insertApplication: 'Insert the application’s card',
    insertedApplication: 'The card of {notice} is inserted.',
    authorityOffline: 'Certificate authority failure (practice)',
    authorityOfflineHint: 'When on, issuing certificates fails (deferred issuance practice).',
  },
  errorBox: {
    codeForIt: 'For IT staff: {code}',
    codeAndDetailForIt: 'For IT staff: {code} ({detail})',
  },
  roles: {
    clerk: 'Clerk',
    supervisor: 'Supervisor',
    trainer: 'Trainer',
    admin: 'Administrator',
  },
  form: {
    passwordMismatch:
      'The two passwords differ. Enter the same password again in the second field.',
    passwordRule: 'At least 8 characters.',
    cancel: 'Cancel',
    busy: 'Working…',
    bytes: '{kb} KB ({bytes} bytes)',
  },
  session: {
    operator: 'Signed in: {name} ({role})',
    logout: 'Log out',
  },
  startup: {
    title: 'The app could not start',
  },
  setup: {
    title: 'Register the first administrator',
    lead: 'No staff member is registered on this computer yet. First register one administrator, who manages staff accounts, the audit log and backups.',
    loginId: 'Staff ID',
    loginIdHint: 'Letters, digits and “. _ -” (e.g. kanri01).',
    displayName: 'Name',
    password: 'Password',
    passwordHint: 'There is no default password: choose your own and keep it to yourself.',
    passwordAgain: 'Password (again, to confirm)',
    submit: 'Register administrator and log in',
  },
  changePassword: {
    title: 'Change your password',
    lead: 'You logged in with a password an administrator set. Someone else knows it, so choose your own password before you continue.',
    current: 'Current password (the one the administrator gave you)',
    new: 'New password',
    newAgain: 'New password (again, to confirm)',
    hint: 'It must differ from the current one.',
    submit: 'Change password',
  },
  login: {
    title: 'Log in',
    lead: 'Enter your staff ID and password.',
    loginId: 'Staff ID',
    password: 'Password',
    submit: 'Log in',
    triesLeft: '{n} more wrong tries will lock this ID.',
    lockedUntil: 'Locked until: {time} (Japan time)',
    afterPracticeReset: 'The practice data was reset. Please log in again.',
  },
  lock: {
    title: 'The screen is locked',
    lead: 'The screen was locked after {minutes} minutes without activity.',
    who: 'Signed in',
    whoValue: '{name} ({role}, staff ID {loginId})',
    password: 'Password',
    unlock: 'Unlock',
    otherPerson: 'If someone else will use this counter, press “Log out”.',
    logout: 'Log out',
  },
  nav: {
    label: 'Screens',
    cardHealth: 'Card check',
    issuance: 'Issuance',
    operators: 'Staff accounts',
    audit: 'Audit log',
    backup: 'Backup',
  },
  operators: {
    title: 'Staff accounts',
    lead: 'Register the staff who use this counter app, disable them, or reset their password.',
    listTitle: 'Registered staff',
    loginId: 'Staff ID',
    displayName: 'Name',
    role: 'Role',
    state: 'State',
    actions: 'Actions',
    enabled: 'Active',
    disabled: 'Disabled',
    lockedUntil: 'Locked (until {time})',
    mustChange: 'Must change password at next login',
    you: '(you)',
    disable: 'Disable',
    enable: 'Enable again',
    resetPassword: 'Reset password',
    addTitle: 'Add a staff member',
    password: 'Initial password',
    passwordAgain: 'Initial password (again, to confirm)',
    add: 'Add',
    added: '{name} (staff ID {loginId}) was added. Tell them the initial password in person.',
    disabledDone: '{name} was disabled. This ID can no longer log in.',
    enabledDone: '{name} was enabled again.',
    resetTitle: 'Reset password',
    resetFor: 'Staff member: {name} (staff ID {loginId})',
    newPassword: 'New password',
    newPasswordAgain: 'New password (again, to confirm)',
    resetSubmit: 'Reset',
    resetDone: 'The password of {name} was reset. Tell them the new password in person.',
  },
  audit: {
    title: 'Audit log',
    lead: 'The record of what was done in this counter app. Each entry is chained to the one before, so a changed entry is found by “Check for tampering”.',
    filterTitle: 'Filter',
    operator: 'Staff',
    anyOperator: 'All staff',
    action: 'Action',
    anyAction: 'All actions',
    from: 'From',
    to: 'To (inclusive)',
    search: 'Filter',
    clear: 'Clear',
    seq: 'No.',
    at: 'Time (Japan)',
    target: 'Resident / card',
    details: 'Details',
    system: '(system)',
    resident: 'Resident {id}',
    card: 'Card {id}',
    none: 'No entries match.',
    pageInfo: '{first}–{last} of {total}',
    prev: 'Previous page',
    next: 'Next page',
    verify: 'Check for tampering',
    verifyOk: 'No tampering found ({rows} entries)',
    verifyBroken:
      'Tampering found: entry no. {seq} was changed (entries from no. {seq} on cannot be trusted). Keep this screen open and report to IT staff and a supervisor.',
    exportCsv: 'Export CSV',
    exported: 'The entries of the current filter were written to a CSV file ({rows} entries).',
    savedAt: 'Saved to',
  },
  auditActions: {
    operator_login: 'Log in',
    'operator_login-failed': 'Failed login',
    operator_locked: 'ID locked (5 failures)',
    operator_logout: 'Log out',
    'operator_idle-locked': 'Screen locked (idle)',
    operator_created: 'Staff added',
    operator_disabled: 'Staff disabled',
    operator_enabled: 'Staff enabled',
    'operator_password-reset': 'Password reset',
    approval_recorded: 'Supervisor approval',
    'card_health-read': 'Card check',
    'practice_card-inserted': 'Practice card inserted',
    practice_seeded: 'Practice data created',
    practice_reset: 'Practice data reset',
    audit_verified: 'Tampering check',
    audit_exported: 'Audit log export',
    database_backup: 'Backup',
  },
  backup: {
    title: 'Backup',
    lead: 'Makes a copy of the database and checks that the copy opens and is intact (integrity check).',
    run: 'Make a backup',
    done: 'The backup was made and passed the check.',
    path: 'Saved to',
    size: 'Size',
  },
  practiceReset: {
    button: 'Reset the practice data',
    title: 'Reset the practice data?',
    body: 'Everything recorded in practice is removed and the practice residents, cards and staff return to their first state. Everyone is logged out. Production data is not affected.',
    confirm: 'Reset',
  },
  approval: {
    practiceTitle: 'Supervisor approval (practice)',
    practiceLead:
      'Practise getting a supervisor’s approval for a step that needs one. It is recorded in the practice data only.',
    step: 'Step that needs approval',
    open: 'Record a supervisor approval (practice)',
    title: 'Supervisor approval',
    lead: 'Ask a supervisor to come and enter their own staff ID and password. You cannot approve your own request.',
    forStep: 'Step: {step}',
    approverId: 'Supervisor’s staff ID',
    approverPassword: 'Supervisor’s password',
    reason: 'Reason for approval',
    reasonHint: 'E.g. no usual ID document; identity confirmed by photo and interview.',
    submit: 'Approve',
    done: 'The approval of {name} was recorded (approval no. {id}).',
    actions: {
      'face-check-override': 'Continue after a failed face check, on visual confirmation',
      revocation: 'Revoke a certificate',
      reissue: 'Reissue a card',
      'pin-reset-without-id': 'PIN reset without the usual ID document',
    },
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
  issuance: {
    title: 'Issuance',
    find: {
      title: 'Issuing a My Number Card',
      lead: 'Find the application by the number on the issuance notice (交付通知書) and the birth date. Without the number, search by name and birth date.',
      byNotice: 'Find by notice number',
      noticeNumber: 'Notice number',
      noticeHint: 'The number at the top right of the notice (for example MD-2026-0001).',
      birthDate: 'Date of birth',
      birthDateHint:
        'Western (for example 1992-07-08 or 19920708) or Japanese era (for example 平成4年7月8日 or H4.7.8).',
      find: 'Find the application',
      byName: 'Search by name and date of birth',
      name: 'Name (kana or kanji)',
      nameHint: 'Part of it is enough, such as the family name (for example ヤマダ).',
      search: 'Search',
      results: 'Results ({n})',
      noResults:
        'No application matches. Check how the name is written (kana or kanji) and the date of birth, and search again.',
      select: 'Choose this application',
      missingNotice: 'Enter the notice number.',
      missingName: 'Enter the name.',
      missingBirthDate: 'Enter the date of birth.',
      badBirthDate:
        'The date of birth is not in a form the app reads. Type it like 1992-07-08, 19920708 or 平成4年7月8日.',
    },
    application: {
      title: 'Application',
      name: 'Name',
      kana: 'Kana',
      birthDate: 'Date of birth',
      age: 'Age',
      ageValue: '{age}',
      address: 'Address',
      notice: 'Notice number',
      serial: 'Card serial number',
      serialNone: '— (the card has not arrived yet)',
      kind: 'Application',
      kinds: {
        new: 'New card',
        reissue: 'Reissue',
      },
      under15: 'Under 15: a legal representative must come too',
      start: 'Start the issuance',
      resume: 'Resume the interrupted issuance',
      openNote:
        'An issuance of this application was left unfinished. Resuming continues at the step where it stopped.',
      notReady:
        'The card for this application has not arrived yet. Check the date on the notice and ask the resident to come back later.',
      issued: 'The card for this application has already been issued.',
      cancelled: 'This application was cancelled. It cannot be issued.',
    },
    open: {
      title: 'Unfinished procedures',
      lead: 'Issuances that stopped part-way. When the resident comes back, press Resume to continue.',
      resident: 'Resident',
      notice: 'Notice number',
      step: 'Stopped at',
      started: 'Started',
      operator: 'Staff',
      resume: 'Resume',
      resumeFor: 'Resume the issuance for {name}',
    },
    steps: {
      documents: 'ID documents',
      card: 'Card check',
      face: 'Face check',
      'face-mismatch': 'Face check (stopped)',
      pins: 'PIN setting',
      certificates: 'Certificates',
      handover: 'Handover',
      parked: 'Deferred',
      completed: 'Issued',
      cancelled: 'Cancelled',
    },
    header: {
      label: 'Issuance steps',
      resident: '{name}',
      notice: 'Notice number {number}',
      age: 'age {age}',
      done: ' (done)',
      current: 'current step',
      cancel: 'Cancel issuance',
    },
    cancel: {
      title: 'Cancel this issuance?',
      body: 'Cancelling ends this procedure. To issue the card later, the procedure starts again from the beginning.',
      reason: 'Reason for cancelling',
      reasonHint: 'For example: ID documents missing; the resident will come back.',
      confirm: 'Cancel issuance',
      back: 'Back to the procedure',
    },
    documents: {
      title: 'Identity documents',
      lead: 'Check the resident’s identity documents and tick the ones you checked: one from list A, or two from list B.',
      listA: 'List A (one is enough)',
      listB: 'List B (two are needed)',
      guardianship: 'The resident is under guardianship (成年被後見人)',
      guardianshipHint: 'A resident under guardianship must come with their guardian.',
      representativeTitle: 'Legal representative',
      representativeLeadUnder15:
        'A resident under 15 must come with a legal representative (usually a parent). Check the representative’s identity too.',
      representativeLeadGuardianship:
        'A resident under guardianship must come with their guardian. Check the guardian’s identity too.',
      relation: 'Relation of the representative',
      representativeDocuments: 'Representative’s identity documents',
      noCopies:
        'No document number or copy is recorded: only which kinds of documents were checked.',
      next: 'Next',
      ready: 'The documents are sufficient. Press Next.',
      why: {
        'choose-documents': 'Choose one document from list A, or two from list B.',
        'one-more-b': 'One more document from list B is needed (or one from list A).',
        'choose-relation': 'Choose the representative’s relation (parent or guardian).',
        'representative-documents':
          'Choose the representative’s documents: one from list A, or two from list B.',
        'representative-one-more-b': 'One more list B document of the representative is needed.',
      },
    },
    card: {
      title: 'Card check',
      insert: 'Insert the card prepared for this application into the reader',
      insertHint: 'Serial number of this application’s card: {serial}',
      insertHintNoSerial: 'Then press Check card.',
      reader: 'Card reader',
      noReader: 'No card reader found. Check its cable.',
      cardIn: 'A card is in {reader}.',
      cardOut: 'No card in {reader}.',
      check: 'Check card',
      checking: 'Checking the card. Please do not remove it…',
      practice:
        'In practice mode, insert this application’s card with “Practice cards” on the right.',
      matched: 'This is the card prepared for this application (serial {serial}).',
    },
    needsCard: {
      title: 'The card is checked again',
      body: 'Insert this application’s card (or leave it in) and press Check card. The procedure then continues where it stopped.',
    },
    face: {
      title: 'Face check',
      lead: 'Compare the three images with the resident at the counter. The images are only shown here, never stored or sent.',
      chip: 'Photo on the card',
      chipHint: 'Read from the IC chip',
      application: 'Photo of the application',
      applicationNone:
        'There is no application photo. Compare the card photo with the live camera.',
      live: 'Live camera',
      still: 'Still image',
      stillNone: 'Press Capture or the space bar to show a still image here.',
      capture: 'Capture',
      captureHint: 'The space bar captures too.',
      cameraStarting: 'Starting the camera…',
      cameraFailed:
        'The camera cannot be used. Check that it is connected. Without a camera, compare the card photo with the resident directly.',
      loadingPhotos: 'Reading the photo from the card. Please do not remove it…',
      reloadPhotos: 'Read the photos again',
      question: 'Is the person on the card photo the resident at the counter?',
      match: 'Match',
      mismatch: 'No match',
      decisionNote: 'Only the decision is recorded.',
    },
    mismatch: {
      title: 'The face did not match: the procedure is stopped',
      continue: 'Continue with a supervisor’s approval',
      continueHint:
        'Only when a supervisor has confirmed the resident’s identity in person; a reason is required.',
      stop: 'Cancel the issuance',
      overridden: 'The supervisor’s approval (number {id}) is recorded.',
    },
    pins: {
      title: 'PIN setting',
      lead: 'The resident enters the PINs on the resident screen',
      leadHint:
        'No digit is shown on this screen. Please look away from the resident’s hands while they type.',
      required: 'PINs to set',
      noSigning: 'Under 15: no signature certificate is issued (and no signature password is set).',
      start: 'Start PIN entry',
      progressTitle: 'Progress',
      waitingResident: 'The resident is entering the PINs on their screen…',
      stateAccepted: '✓ Entered',
      stateCurrent: 'Entering',
      stateWaiting: 'Waiting',
      attempts: '{n} retries',
      attemptsNone: '—',
      colName: 'PIN',
      colState: 'State',
      colAttempts: 'Retries',
    },
    certs: {
      title: 'Issuing certificates',
      doNotPull: 'Do not remove the card',
      lead: 'Keys are generated on the card, and the certificates issued and written. This can take several tens of seconds.',
      progress: 'Progress: {n} of {total}',
      noSigning: 'Under 15: only the user authentication certificate is issued.',
      phases: {
        'setting-pins': 'Setting PINs',
        'generating-keys': 'Generating keys',
        issuing: 'Issuing certificates',
        writing: 'Writing',
        verifying: 'Verifying',
      },
      phaseDone: 'done',
      phaseNow: 'in progress',
      waiting: 'Starts by itself when the resident has entered the PINs.',
    },
    parked: {
      title: 'Issuance deferred',
      lead: 'The certificate authority could not be reached, so this procedure was saved and stopped. Print the deferral notice for the resident and ask them to come back another day.',
      print: 'Print the deferral notice',
      printed: 'The deferral notice (PDF) is ready. Print it and hand it over.',
      savedAt: 'Saved at',
      resumeTitle: 'To resume',
      resumeLead:
        'When the resident comes back, press Resume the issuance. The card is checked, then the PINs are set again (the resident enters them once more).',
      resume: 'Resume the issuance',
      home: 'Back to the start',
    },
    handover: {
      title: 'Handing over the card',
      lead: 'Check the details and tick what you took back. After handing the card over, press Complete the issuance; the receipt is printed after that.',
      summary: 'The card',
      serial: 'Card serial number',
      expiry: 'Card expiry',
      pins: 'PINs set',
      certificates: 'Certificates on the card',
      collectedTitle: 'Collected from the resident',
      collectedJuki: 'The Basic Resident Register card (住基カード) was collected',
      collectedNotification: 'The notification card (通知カード) was collected',
      health: 'The card as read just now',
      printReceipt: 'Print the receipt',
      printed: 'The receipt (PDF) is ready. Print it and ask the resident to sign it.',
      savedAt: 'Saved at',
      complete: 'Complete the issuance',
    },
    completed: {
      title: 'Issuance complete',
      lead: 'The card is recorded as issued to {name}.',
      collectedJuki: 'Basic Resident Register card: collected',
      collectedNotification: 'Notification card: collected',
      next: 'Next issuance',
      home: 'To card check',
    },
    cancelled: {
      title: 'This issuance was cancelled',
      lead: 'To issue the card later, find the application and start again.',
      back: 'Back to issuance',
    },
    loading: 'Loading the procedure…',
    busy: 'Working…',
  },
  documentNames: {
    'driving-licence': 'Driving licence',
    'driving-history': 'Driving history certificate',
    passport: 'Passport',
    'residence-card': 'Residence card',
    'special-permanent-resident': 'Special permanent resident certificate',
    'disability-physical': 'Physical disability certificate',
    'disability-mental': 'Mental disability certificate',
    'disability-intellectual': 'Rehabilitation certificate (療育手帳)',
    'juki-card-photo': 'Basic Resident Register card (with photo)',
    'health-insurance': 'Health insurance certificate',
    'pension-book': 'Pension book / basic pension number notice',
    'long-term-care': 'Long-term care insurance certificate',
    'medical-recipient': 'Medical care recipient certificate',
    'employee-id': 'Employee ID (with photo)',
    'student-id': 'Student ID (with photo)',
    bankbook: 'Bankbook / cash card',
    'maternal-handbook': 'Maternal and child health handbook',
  },
  relations: {
    parent: 'Parent (親権者)',
    guardian: 'Guardian (成年後見人)',
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
    'finish-issuance':
      'The PINs are set but there is no certificate: an issuance stopped half-way (deferred issuance, for example). Resume it from Unfinished procedures on the home screen.',
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
      'The card was pulled out while it was in use. Insert the same card again: it is read again automatically.',
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
    'not-logged-in': 'You are not logged in. Log in with your operator ID and password.',
    'session-locked':
      'The screen was locked after a period without activity. Enter your password to unlock it.',
    'forbidden-role':
      'Your role does not allow this. Ask an operator who has the right role (supervisor or administrator).',
    'setup-already-done':
      'The first administrator has already been created. Log in with a registered operator ID.',
    'login-invalid': 'The operator ID or password is wrong. Check them and try again.',
    'login-locked':
      'This ID is locked for 15 minutes after 5 wrong passwords in a row. Try again later or contact an administrator.',
    'login-disabled': 'This ID has been disabled. Contact an administrator.',
    'password-too-short': 'The password must have at least 8 characters.',
    'password-change-required':
      'Your password was set by an administrator. Change it to your own password first.',
    'password-reused': 'Enter a new password that is different from the current one.',
    'duplicate-login': 'This operator ID is already in use. Choose another ID.',
    'self-approval': 'You cannot approve your own request. Ask another supervisor to approve it.',
    'approver-not-allowed':
      'Only an enabled supervisor can approve. Ask a supervisor to enter their operator ID and password.',
    'not-found': 'The item was not found. Open the screen again and select it once more.',
    'db-corrupt':
      'The database file is damaged and cannot be opened. Nothing was overwritten. Close the app and ask IT staff to restore it from a backup.',
    'db-locked':
      'Another program is using the database. Close any other counter app and start this one again. If that does not help, contact IT staff.',
    'db-full':
      'The disk is full, so nothing was recorded (not even part of the procedure). Ask IT staff to free space, then try again.',
    'db-too-new':
      'This database was made by a newer version of the app and cannot be opened by this one. Ask IT staff to update the app.',
    'db-mode-mismatch':
      'The practice and production databases have been mixed up. The file was not opened. Contact IT staff.',
    'backup-failed':
      'The backup could not be made. Check the free space at the destination and try again.',
    'application-not-found':
      'No application matches this notice number and birth date. Check both and enter them again, or search by name and birth date.',
    'application-not-ready':
      'The card for this application has not arrived yet, so it cannot be issued. Check the date on the notice and ask the resident to come back later.',
    'application-issued':
      'The card for this application has already been issued. To check the card, insert it and open Card health.',
    'application-cancelled':
      'This application was cancelled and cannot be issued. Ask a supervisor about it.',
    'procedure-closed':
      'This procedure has already ended (completed or cancelled). Search for the application again from the first screen.',
    'procedure-busy':
      'This procedure is still processing another action. Wait a few seconds, then try again.',
    'step-not-allowed':
      'This action is not possible at the current step. Follow the steps shown on the screen.',
    'documents-invalid':
      'The identity documents are not enough. Choose one document from list A, or two from list B.',
    'representative-required':
      'A resident under 15 or under guardianship needs a legal representative, checked too. Choose the relation and the documents you checked.',
    'face-mismatch':
      "The face was judged not to match, so the procedure is stopped. Continuing needs a supervisor's approval with a reason; otherwise cancel the procedure.",
    'approval-invalid':
      'This approval belongs to another procedure or is of another kind. Ask the supervisor to approve again.',
    'wrong-card':
      "This is not the card prepared for this application (the serial differs). Remove it and insert this application's card.",
    'card-facts-mismatch':
      'The name, address, birth date, sex or 個人番号 on the card do not match this application. Do not issue it: keep the card and call a supervisor.',
    'card-not-issuable':
      'This card cannot be issued (already issued, suspended or terminated). Check the card and ask a supervisor.',
    'authority-unavailable':
      'The certificate authority cannot be reached. The procedure is saved. Print the deferred-issuance slip for the resident and resume the procedure later.',
    'authority-refused':
      "This card does not belong to this terminal's issuing system. Remove it and call a supervisor.",
    'certificate-check-failed':
      'The certificates written to the card could not be confirmed. Leave the card in and try again; if it repeats, call a supervisor.',
    'pin-entry-not-open':
      'PIN entry on the resident screen is not open. Press "Start PIN entry" on the clerk screen.',
    'pin-format': 'Wrong format: enter 4 digits.',
    'pin-same-digits': 'Four equal digits (such as 1111) cannot be used. Choose other digits.',
    'pin-sequence': 'A run of digits (such as 1234 or 4321) cannot be used. Choose other digits.',
    'pin-birth-date':
      'Your birth date (month and day, year and month, or year) cannot be used. Choose other digits.',
    'password-format':
      'The password is 6 to 16 capital letters and digits, with no symbols or spaces.',
    'password-letter-digit': 'The password needs at least one letter and one digit.',
    'pin-confirmation-differs': 'The two entries differ. Enter it again from the start.',
    'receipt-failed':
      'The document (PDF) could not be written. Check the free space and try again; the procedure record is kept.',
    'card-not-issued':
      'This card has not been issued, so this procedure is not possible. Check its state (an unissued card goes through Issuance).',
    'card-already-suspended':
      'This card is already suspended. Use Release to lift the suspension.',
    'card-not-suspended':
      'This card is not suspended; there is nothing to release. Check its state.',
    'card-revoked':
      'This card is revoked and can never be used again. Start a reissue. If the resident hands it back, record its return and destruction.',
    'card-not-present':
      'There is no card in the reader. Insert the card and try again.',
    'report-in-future':
      'The report time is in the future. Check when the report was received and enter it again.',
    'pin-wrong':
      'The current PIN is wrong. Ask the resident to enter it again.',
    'pin-locked':
      'This PIN is locked and cannot be used. Choose "set a new one" to reset it.',
    'renewal-too-early':
      'Certificates can be renewed from 3 months before they expire; not yet.',
    'facts-unchanged':
      'The four basic facts (name, address…) have not changed since the signing certificate was issued; it cannot be reissued alone.',
    'express-not-allowed':
      'Express issue is only for a reissue after a loss.',
    'waiver-reason-required':
      'Enter the reason for waiving the fee.',
    'approval-required':
      'This procedure needs a supervisor\'s approval. Ask a supervisor to approve it.',
    'reissue-exists':
      'A reissue has already been recorded for this card. Go on with issuing the new card.',
    'plan-invalid':
      'The chosen secrets and ways of entry do not fit this procedure. Choose again.',
    'report-failed':
      'The daily report could not be written. Check the free space and try again.',
  },
  date: '{d} {month} {y}',
  dateTime: '{d} {month} {y}, {hh}:{mm}',
};
