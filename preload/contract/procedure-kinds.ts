// The kinds of counter procedure: the one list the engine, the history, the 日報 and the screens name.
/** The procedures of the counter. 返納 (a card handed back after its 廃止) is a revocation. */
export const PROCEDURE_KINDS = [
  'issuance',
  'suspension',
  'release',
  'pin-reset',
  'revocation',
  'reissue',
  'renewal',
  'representative', // 代理人交付: 交付 to a representative, over two visits
  'card-change', // 券面記載事項の変更: the chip's facts rewritten after a move or a new name
  'card-kind', // 顔認証マイナンバーカード: switched to face-auth only, or back to a normal card
] as const;
export type ProcedureKind = (typeof PROCEDURE_KINDS)[number];

/** Procedures started on a card the database knows (not 交付 nor 代理人交付: on an application). */
export type CardProcedureKind = Exclude<ProcedureKind, 'issuance' | 'representative'>;
