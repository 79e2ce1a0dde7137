// The audit log for the administrator: rows by filter and page, the tamper checks with their
// progress, the CSV export, and the log's state (start-up check, alarm, anchors folder).
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { RequestOf } from '../../../preload/contract/channels';
import type {
  AuditScope,
  AuditStatusDto,
  AuditVerifyProgressDto,
} from '../../../preload/contract/dto';
import { callCounter } from '../counter-call';

export type AuditFilter = RequestOf<'audit:search'>['filter'];

export const useAuditStore = defineStore('audit', () => {
  /** What main answered last for audit:status; null before the first answer. */
  const status = ref<AuditStatusDto | null>(null);
  /** The running check's progress; null when none runs. */
  const progress = ref<AuditVerifyProgressDto | null>(null);
  let unsubscribe: (() => void)[] = [];

  const search = (filter: AuditFilter, page: number) =>
    callCounter(() => window.counter.audit.search({ filter, page }));
  const exportCsv = (filter: AuditFilter) =>
    callCounter(() => window.counter.audit.exportCsv({ filter }));

  async function verify(scope: AuditScope) {
    progress.value = { checked: 0, total: 0 };
    try {
      return await callCounter(() => window.counter.audit.verify({ scope }));
    } finally {
      progress.value = null;
      // A failed check raises the alarm: the status follows.
      void refresh();
    }
  }

  async function refresh(): Promise<void> {
    const result = await callCounter(() => window.counter.audit.status({}));
    if (result.ok) status.value = result.value;
  }

  async function acknowledge() {
    const result = await callCounter(() => window.counter.audit.acknowledgeAlarm({}));
    if (result.ok) status.value = result.value;
    return result;
  }

  /** Follows main's events while an administrator is logged in. */
  function start(): void {
    if (unsubscribe.length > 0) return;
    unsubscribe = [
      window.counter.onAuditVerifyProgress((p) => {
        if (progress.value) progress.value = p;
      }),
      window.counter.onAuditStatusChanged(() => void refresh()),
    ];
    void refresh();
  }

  function stop(): void {
    for (const u of unsubscribe) u();
    unsubscribe = [];
    status.value = null;
  }

  return { status, progress, search, verify, exportCsv, refresh, acknowledge, start, stop };
});
