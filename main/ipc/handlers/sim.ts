// sim:* — the trainer drives the simulated reader: practice mode (a simulated reader) only.
import type { AppError } from '../../../preload/contract/errors';
import { err, ok } from '../../../preload/contract/result';
import type { Clock } from '../../db/clock';
import type { Db } from '../../db/connection';
import type { Trainer } from '../../practice/trainer';
import type { HandlerPart } from './handler-table';
import { refusals } from './refusals';

export type SimChannel =
  | 'sim:get-state'
  | 'sim:insert-card'
  | 'sim:remove-card'
  | 'sim:reinsert-card'
  | 'sim:insert-application-card'
  | 'sim:set-authority-offline'
  | 'sim:set-face-photos'
  | 'sim:set-practice-clock'
  | 'sim:receive-card';

export interface SimHandlerDeps {
  /** Null without a simulated reader: every sim:* channel is refused. */
  readonly trainer: Trainer | null;
  /** The authority's fault exists in practice mode only. */
  readonly practice: boolean;
  db(): Db;
  operatorId(): number;
  readonly now: Clock;
}

const notPractice = () => err<AppError>({ code: 'not-practice-mode' });

export function simHandlers(deps: SimHandlerDeps): HandlerPart<SimChannel> {
  const { trainer } = deps;
  return {
    'sim:get-state': async () => (trainer ? ok(await trainer.state()) : notPractice()),
    'sim:insert-card': async ({ preset }) =>
      trainer ? trainer.insertPreset(preset) : notPractice(),
    'sim:remove-card': async () => (trainer ? ok(await trainer.remove()) : notPractice()),
    'sim:reinsert-card': async () => (trainer ? trainer.reinsert() : notPractice()),
    'sim:insert-application-card': async ({ noticeNumber }) =>
      trainer ? refusals(() => trainer.insertApplicationCard(noticeNumber)) : notPractice(),
    'sim:set-authority-offline': async ({ offline }) =>
      trainer && deps.practice ? ok(await trainer.setAuthorityOffline(offline)) : notPractice(),
    'sim:set-face-photos': async ({ photos }) =>
      trainer && deps.practice ? ok(await trainer.setFacePhotos(photos)) : notPractice(),
    'sim:set-practice-clock': async ({ time }) =>
      trainer && deps.practice ? ok(await trainer.setPracticeClock(time)) : notPractice(),
    // Practice 入庫: the new card of a pending reissue arrives in stock.
    'sim:receive-card': async ({ noticeNumber }) => {
      if (!trainer) return notPractice();
      return refusals(async () => {
        const { receiveReissuedCard } = await import('../../practice/receive-card');
        await receiveReissuedCard(deps.db(), noticeNumber, deps.operatorId(), deps.now);
        return trainer.state();
      });
    },
  };
}
