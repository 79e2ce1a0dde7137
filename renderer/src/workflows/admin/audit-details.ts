// The audit row's action and details in words: each key named, operators by name, codes by their labels, times in Japan time.

/** What the words need from the screen: the messages, the operators and the time format. */
export interface AuditDetailContext {
  t(key: string, params?: Record<string, unknown>): string;
  te(key: string): boolean;
  /** `練習01（renshu01）` for an operator's id; null when the list does not hold them. */
  operatorName(id: number): string | null;
  /** An ISO time in Japan time, to the second. */
  time(iso: string): string;
}

/** Keys whose number is an operator's id. */
const OPERATOR_KEYS = new Set(['operator', 'approver', 'requester', 'releasedBy']);
/** Where a key's code value may have words, tried in order. */
const CODE_SETS: Readonly<Record<string, readonly string[]>> = {
  kind: ['approval.actions', 'life.kinds', 'certNames'],
  role: ['roles'],
  reason: ['life.revocationReasons', 'life.reissueReasons'],
  reporter: ['life.suspension.reporters'],
  method: ['life.suspension.methods'],
  purpose: ['life.kinds'],
  scope: ['audit.scopes'],
};
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

function valueWords(key: string, value: unknown, c: AuditDetailContext): string {
  if (typeof value === 'boolean') return c.t(value ? 'audit.yes' : 'audit.no');
  if (typeof value === 'number' && OPERATOR_KEYS.has(key))
    return c.operatorName(value) ?? c.t('audit.operatorId', { id: value });
  if (typeof value === 'string' && ISO_TIME.test(value)) return c.time(value);
  if (typeof value === 'string') {
    const set = (CODE_SETS[key] ?? []).find((s) => c.te(`${s}.${value}`));
    if (set) return c.t(`${set}.${value}`);
    return value;
  }
  if (Array.isArray(value)) return value.map((v) => valueWords(key, v, c)).join('・');
  if (value !== null && typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** `{"operator":6,"role":"clerk"}` as `職員：練習01（renshu01）、役割：窓口職員`; '' for none. */
export function auditDetailWords(details: string, c: AuditDetailContext): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(details);
  } catch {
    return details;
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return details;
  return Object.entries(parsed as Record<string, unknown>)
    .map(([key, value]) => {
      const name = c.te(`audit.detailKeys.${key}`) ? c.t(`audit.detailKeys.${key}`) : key;
      return c.t('audit.detailPair', { name, value: valueWords(key, value, c) });
    })
    .join(c.t('audit.detailSeparator'));
}

/**
 * The action in words: the app's own (`auditActions`), or a procedure's kind and step
 * (`issuance.face` as 交付：顔写真の確認); the code itself only when no words exist.
 */
export function auditActionWords(code: string, c: Pick<AuditDetailContext, 't' | 'te'>): string {
  const key = `auditActions.${code.replace('.', '_')}`;
  if (c.te(key)) return c.t(key);
  const [kind, step] = code.split('.', 2);
  if (step !== undefined && c.te(`life.kinds.${kind}`) && c.te(`auditSteps.${step}`))
    return c.t('audit.procedureAction', {
      kind: c.t(`life.kinds.${kind}`),
      step: c.t(`auditSteps.${step}`),
    });
  return code;
}
