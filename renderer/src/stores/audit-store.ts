// The audit log for the administrator: rows by filter and page, the tamper check, the CSV export.
import { defineStore } from 'pinia';
import type { RequestOf } from '../../../preload/contract/channels';
import { callCounter } from '../counter-call';

export type AuditFilter = RequestOf<'audit:search'>['filter'];

export const useAuditStore = defineStore('audit', () => {
  const search = (filter: AuditFilter, page: number) =>
    callCounter(() => window.counter.audit.search({ filter, page }));
  const verify = () => callCounter(() => window.counter.audit.verify({}));
  const exportCsv = (filter: AuditFilter) =>
    callCounter(() => window.counter.audit.exportCsv({ filter }));

  return { search, verify, exportCsv };
});
