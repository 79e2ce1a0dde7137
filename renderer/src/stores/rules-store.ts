// The rules of the day: whether the certificate service takes work now, the rule set in force,
// and the cards nobody collected (the stock's due days, the reminder, the approved destruction).
import { defineStore } from 'pinia';
import { callCounter } from '../counter-call';

export const useRulesStore = defineStore('rules', () => {
  const today = () => callCounter(() => window.counter.rulesToday({}));
  const uncollected = () => callCounter(() => window.counter.stock.uncollected({}));
  const recordReminder = (cardId: number) =>
    callCounter(() => window.counter.stock.recordReminder({ cardId }));
  const destroyUncollected = (cardId: number, approvalId: number) =>
    callCounter(() => window.counter.stock.destroyUncollected({ cardId, approvalId }));

  return { today, uncollected, recordReminder, destroyUncollected };
});
