// A second operator's approval (責任者の承認), recorded by main or refused; the password is never kept.
import { defineStore } from 'pinia';
import type { RequestOf } from '../../../preload/contract/channels';
import { callCounter } from '../counter-call';

export const useApprovalStore = defineStore('approval', () => {
  const approve = (request: RequestOf<'approval:approve'>) =>
    callCounter(() => window.counter.approve(request));

  return { approve };
});
