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
};
