// Português (Brasil).
import type { Messages } from './messages';

export const pt: Messages = {
  languageName: 'Português',
  languageChoice: 'Escolha o idioma',
  waiting: {
    title: 'Aguarde as orientações do atendente',
    body: 'Nesta tela você vai definir suas senhas',
  },
  secret: {
    signing: 'Senha do certificado de assinatura',
    auth: 'Senha do certificado de identificação do usuário',
    juki: 'Senha do Registro Básico de Residentes',
    text: 'Senha dos dados impressos no cartão',
    shared: 'Uma só senha para as três',
  },
  purpose: {
    signing: 'Usada para enviar documentos eletronicamente, por exemplo ao e-Tax',
    auth: 'Usada para entrar no Mynaportal e emitir certificados em lojas de conveniência',
    juki: 'Usada em procedimentos como a mudança de endereço',
    text: 'Usada quando seu nome e endereço são lidos do cartão',
    shared:
      'O mesmo número para as senhas de identificação, do Registro de Residentes e dos dados do cartão',
  },
  rule: {
    pin: '4 dígitos',
    password: 'De 6 a 16 caracteres, com letras (A–Z) e números (0–9)',
  },
  entry: {
    first: 'Digite, por favor',
    confirm: 'Digite mais uma vez para confirmar',
    again: 'Comece de novo desde o início, por favor',
    resume: 'Desculpe o incômodo: digite suas senhas mais uma vez, por favor',
    checking: 'Verificando…',
    typed: (count) => `${count} ${count === 1 ? 'caractere digitado' : 'caracteres digitados'}`,
  },
  keys: {
    ok: 'OK',
    erase: 'Apagar um',
    clear: 'Apagar tudo',
    pad: 'Teclado',
  },
  same: {
    title: 'Usar o mesmo número para as três senhas?',
    body: 'As senhas de identificação, do Registro de Residentes e dos dados do cartão',
    yes: 'Usar o mesmo número para as três',
    no: 'Usar números diferentes',
  },
  review: {
    title: 'Tudo digitado',
    body: 'As senhas serão gravadas no seu cartão. Tudo bem?',
    shared: 'As três iguais',
    submit: 'Gravar',
    restart: 'Começar de novo',
  },
  processing: 'Processando. Não retire o cartão, por favor.',
  progress: {
    label: 'Progresso',
    stages: {
      pins: 'Definindo seus PINs',
      keys: 'Criando as chaves',
      certificates: 'Emitindo os certificados',
      write: 'Gravando os certificados no cartão',
      'read-back': 'Lendo-os de volta do cartão',
      'test-sign': 'Verificando com uma assinatura de teste',
    },
  },
  callStaff: {
    button: 'Chamar um funcionário',
    called: 'Um funcionário foi chamado. Aguarde um momento, por favor.',
    failed: 'Não foi possível chamar. Fale com o funcionário do balcão, por favor.',
  },
  done: {
    title: 'Muito obrigado',
    body: 'Avise o atendente, por favor',
  },
  failed: {
    title: 'Não foi possível definir as senhas',
    body: 'Chame o atendente, por favor',
  },
  violation: {
    'pin-format': 'A senha tem 4 dígitos',
    'pin-same-digits': 'Não é possível usar quatro dígitos iguais (como 1111)',
    'pin-sequence': 'Não é possível usar dígitos em sequência como 1234 ou 9876',
    'pin-birth-date':
      'Não é possível usar números da sua data de nascimento (mês e dia, ano e mês, ou ano)',
    'password-format': 'A senha tem de 6 a 16 caracteres, letras (A–Z) e números (0–9)',
    'password-letter-digit': 'Use letras e números juntos, por favor',
    'pin-confirmation-differs': 'As duas digitações não são iguais',
  },
  error: {
    callClerk: 'No momento não é possível continuar. Chame o atendente, por favor',
  },
  later: {
    title: {
      release: 'Fim da suspensão do cartão',
      'pin-reset': 'Redefinição das senhas',
      renewal: 'Renovação dos certificados eletrônicos',
    },
    why: {
      release:
        'O seu cartão voltará a funcionar com certificados eletrônicos novos. Para isso, digite as suas senhas',
      'pin-reset': 'Para definir as suas senhas de novo, digite-as, por favor',
      renewal: 'Para renovar os certificados eletrônicos, digite as suas senhas, por favor',
    },
    listTitle: 'Você vai digitar, nesta ordem:',
    start: 'Começar',
    plan: {
      current: 'A que você usa agora (continua a mesma)',
      change: 'A que você usa agora e depois uma nova',
      new: 'Uma nova, que você escolhe',
    },
    outcome: {
      current: 'continua a mesma',
      change: 'será trocada pela nova',
      new: 'será definida de novo',
    },
    current: {
      pin: 'Digite a senha que você usa agora, por favor',
      password: 'Digite a senha (letras e números) que você usa agora, por favor',
    },
    newFirst: {
      pin: 'Digite a nova senha, por favor',
      password: 'Digite a nova senha (letras e números), por favor',
    },
    newConfirm: {
      pin: 'Digite a nova senha mais uma vez para confirmar',
      password: 'Digite a nova senha mais uma vez para confirmar',
    },
    steps: { current: 'A atual', first: 'A nova', confirm: 'Confirmar' },
    triesLeft: (count) =>
      `Se for digitada errada mais ${count} vezes, ficará bloqueada e não poderá ser usada`,
    lastTry: 'Se for digitada errada mais uma vez, ficará bloqueada e não poderá ser usada',
    unsure: 'Se não tiver certeza, não digite: chame o atendente, por favor',
    reviewBody: 'O procedimento vai continuar assim. Tudo bem?',
    submit: 'Confirmar',
    wrong: {
      pin: 'A senha que você usa agora não está correta',
      password: 'A senha que você usa agora não está correta',
    },
    locked: {
      pin: 'Esta senha está bloqueada e não pode ser usada',
      password: 'Esta senha está bloqueada e não pode ser usada',
    },
    lockedHelp: 'É possível definir uma nova',
    askClerk: 'Chame o atendente, por favor',
    again: 'Digitar de novo',
    continue: 'Continuar',
  },
  cardFace: {
    title: 'Confira os dados do seu cartão',
    body: 'Estes são os dados gravados no seu cartão. Confira com o funcionário se estão corretos.',
    name: 'Nome',
    address: 'Endereço',
    birthDate: 'Data de nascimento',
    sex: 'Sexo',
    sexes: {
      male: 'masculino',
      female: 'feminino',
      'not-applicable': 'não se aplica',
      unknown: 'desconhecido',
    },
    yes: 'Sim, está correto',
    no: 'Não, há algo errado',
    thanks: {
      title: 'Obrigado por conferir',
      body: 'Aguarde as orientações do funcionário',
    },
    wrong: {
      title: 'Um funcionário vai explicar',
      body: 'Aguarde aqui e informe ao funcionário o que está errado',
    },
  },
};
