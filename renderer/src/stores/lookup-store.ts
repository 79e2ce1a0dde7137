// Finding a resident at the counter (by 交付通知書 number, card serial or name) and the resident's page.
import { defineStore } from 'pinia';
import type { ReprintableDocument } from '../../../preload/contract/lifecycle';
import { callCounter } from '../counter-call';

export const useLookupStore = defineStore('lookup', () => {
  /** The 交付通知書 number and the birth date: the resident with that one application. */
  const byNotice = (noticeNumber: string, birthDate: string) =>
    callCounter(() => window.counter.lookup.byNotice({ noticeNumber, birthDate }));
  const bySerial = (serial: string) =>
    callCounter(() => window.counter.lookup.bySerial({ serial }));
  /** Part of the name (カナ or 漢字) with the birth date, never the name alone. */
  const byName = (name: string, birthDate: string) =>
    callCounter(() => window.counter.lookup.byName({ name, birthDate }));
  /** The resident's page: cards, certificates, open procedures, the timeline. */
  const history = (residentId: number) =>
    callCounter(() => window.counter.lookup.history({ residentId }));

  /** 再発行 of a procedure's document from the history open for `residentId`. */
  const reprint = (residentId: number, procedureId: string, document: ReprintableDocument) =>
    callCounter(() => window.counter.procedure.reprint({ residentId, procedureId, document }));

  return { byNotice, bySerial, byName, history, reprint };
});
