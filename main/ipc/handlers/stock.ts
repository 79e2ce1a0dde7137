// stock:* — cards nobody collected: the list with due days, the reminder, the destruction.
import type { UncollectedCards } from '../../reports/uncollected';
import type { HandlerPart } from './handler-table';
import { refusals } from './refusals';

export type StockChannel =
  'stock:uncollected' | 'stock:record-reminder' | 'stock:destroy-uncollected';

export function stockHandlers(deps: {
  readonly uncollected: UncollectedCards;
}): HandlerPart<StockChannel> {
  const { uncollected } = deps;
  return {
    'stock:uncollected': () => refusals(() => uncollected.list()),
    'stock:record-reminder': ({ cardId }) => refusals(() => uncollected.recordReminder(cardId)),
    'stock:destroy-uncollected': ({ cardId, approvalId }) =>
      refusals(() => uncollected.destroy(cardId, approvalId)),
  };
}
