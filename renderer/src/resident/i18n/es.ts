// Español.
import type { Messages } from './messages';

export const es: Messages = {
  languageName: 'Español',
  languageChoice: 'Elija su idioma',
  waiting: {
    title: 'Espere, por favor, las indicaciones del personal',
    body: 'En esta pantalla va a establecer sus códigos PIN',
  },
  secret: {
    signing: 'Contraseña del certificado de firma',
    auth: 'PIN del certificado de identificación de usuario',
    juki: 'PIN del Registro Básico de Residentes',
    text: 'PIN de los datos impresos en la tarjeta',
    shared: 'Un mismo PIN para los tres',
  },
  purpose: {
    signing: 'Sirve para enviar documentos por vía electrónica, por ejemplo a e-Tax',
    auth: 'Sirve para entrar en Mynaportal y obtener certificados en tiendas de conveniencia',
    juki: 'Sirve para trámites como el cambio de domicilio',
    text: 'Sirve para leer su nombre y su domicilio de la tarjeta',
    shared:
      'El mismo número para los PIN de identificación, del Registro de Residentes y de los datos de la tarjeta',
  },
  rule: {
    pin: '4 cifras',
    password: 'De 6 a 16 caracteres, con letras (A–Z) y números (0–9)',
  },
  entry: {
    first: 'Introdúzcalo, por favor',
    confirm: 'Introdúzcalo otra vez para confirmar',
    again: 'Vuelva a empezar desde el principio, por favor',
    resume: 'Disculpe las molestias: introduzca sus PIN otra vez, por favor',
    checking: 'Comprobando…',
    typed: (count) =>
      `${count} ${count === 1 ? 'carácter introducido' : 'caracteres introducidos'}`,
  },
  keys: {
    ok: 'Aceptar',
    erase: 'Borrar uno',
    clear: 'Borrar todo',
    pad: 'Teclado',
  },
  same: {
    title: '¿Quiere usar el mismo número para los tres PIN?',
    body: 'Los PIN de identificación, del Registro de Residentes y de los datos de la tarjeta',
    yes: 'Usar el mismo número para los tres',
    no: 'Usar números distintos',
  },
  review: {
    title: 'Ha terminado de introducir los datos',
    body: 'Se van a guardar en su tarjeta. ¿Está de acuerdo?',
    shared: 'Los tres iguales',
    submit: 'Guardar',
    restart: 'Empezar de nuevo',
  },
  processing: 'Procesando. No retire la tarjeta, por favor.',
  progress: {
    label: 'Progreso',
    stages: {
      pins: 'Configurando sus PIN',
      keys: 'Creando las claves',
      certificates: 'Emitiendo los certificados',
      write: 'Escribiendo los certificados en la tarjeta',
      'read-back': 'Leyéndolos de nuevo desde la tarjeta',
      'test-sign': 'Comprobando con una firma de prueba',
    },
  },
  callStaff: {
    button: 'Llamar al personal',
    called: 'Hemos avisado al personal. Espere un momento, por favor.',
    failed: 'No se pudo avisar. Hable con el personal del mostrador, por favor.',
  },
  done: {
    title: 'Muchas gracias',
    body: 'Avise al personal, por favor',
  },
  failed: {
    title: 'No se han podido establecer los PIN',
    body: 'Llame al personal, por favor',
  },
  violation: {
    'pin-format': 'El PIN tiene 4 cifras',
    'pin-same-digits': 'No se pueden usar cuatro cifras iguales (como 1111)',
    'pin-sequence': 'No se pueden usar cifras seguidas como 1234 o 9876',
    'pin-birth-date':
      'No se pueden usar números de su fecha de nacimiento (mes y día, año y mes, o año)',
    'password-format': 'La contraseña tiene de 6 a 16 caracteres, letras (A–Z) y números (0–9)',
    'password-letter-digit': 'Use letras y números a la vez, por favor',
    'pin-confirmation-differs': 'Las dos entradas no coinciden',
  },
  error: {
    callClerk: 'Ahora no se puede continuar. Llame al personal, por favor',
  },
  later: {
    title: {
      release: 'Fin de la suspensión de su tarjeta',
      'pin-reset': 'Volver a establecer sus PIN',
      renewal: 'Renovación de los certificados electrónicos',
    },
    why: {
      release:
        'Su tarjeta volverá a funcionar con certificados electrónicos nuevos. Para ello, introduzca sus PIN',
      'pin-reset': 'Para volver a establecer sus PIN, introdúzcalos, por favor',
      renewal: 'Para renovar sus certificados electrónicos, introduzca sus PIN, por favor',
    },
    listTitle: 'Va a introducir, en este orden:',
    start: 'Empezar',
    plan: {
      current: 'El que usa ahora (se mantiene)',
      change: 'El que usa ahora y después uno nuevo',
      new: 'Uno nuevo que usted elija',
    },
    outcome: {
      current: 'se mantiene',
      change: 'se cambia por el nuevo',
      new: 'se establece de nuevo',
    },
    current: {
      pin: 'Introduzca el PIN que usa ahora, por favor',
      password: 'Introduzca la contraseña que usa ahora, por favor',
    },
    newFirst: {
      pin: 'Introduzca su PIN nuevo, por favor',
      password: 'Introduzca su contraseña nueva, por favor',
    },
    newConfirm: {
      pin: 'Introduzca otra vez el PIN nuevo para confirmar',
      password: 'Introduzca otra vez la contraseña nueva para confirmar',
    },
    steps: { current: 'El actual', first: 'El nuevo', confirm: 'Confirmar' },
    triesLeft: (count) =>
      `Si se introduce mal ${count} veces más, quedará bloqueado y no se podrá usar`,
    lastTry: 'Si se introduce mal una vez más, quedará bloqueado y no se podrá usar',
    unsure: 'Si no está seguro, no lo introduzca: llame al personal, por favor',
    reviewBody: 'El trámite seguirá con estos datos. ¿Está de acuerdo?',
    submit: 'Confirmar',
    wrong: {
      pin: 'El PIN que usa ahora no es correcto',
      password: 'La contraseña que usa ahora no es correcta',
    },
    locked: {
      pin: 'Este PIN está bloqueado y no se puede usar',
      password: 'Esta contraseña está bloqueada y no se puede usar',
    },
    lockedHelp: 'Se puede establecer uno nuevo',
    askClerk: 'Llame al personal, por favor',
    again: 'Introducirlo otra vez',
    continue: 'Continuar',
  },
  cardFace: {
    title: 'Compruebe los datos de su tarjeta',
    body: 'Estos son los datos registrados en su tarjeta. Compruebe con el personal que sean correctos.',
    name: 'Nombre',
    address: 'Dirección',
    birthDate: 'Fecha de nacimiento',
    sex: 'Sexo',
    sexes: {
      male: 'hombre',
      female: 'mujer',
      'not-applicable': 'no aplicable',
      unknown: 'desconocido',
    },
    yes: 'Sí, es correcto',
    no: 'No, hay algo incorrecto',
    thanks: {
      title: 'Gracias por comprobarlo',
      body: 'Espere las indicaciones del personal',
    },
    wrong: {
      title: 'El personal le dará una explicación',
      body: 'Espere aquí e indique al personal qué es incorrecto',
    },
  },
};
