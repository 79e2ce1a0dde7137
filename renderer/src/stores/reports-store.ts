// The 日報: a day's counts on screen, and the same day written as PDF or CSV.
import { defineStore } from 'pinia';
import { callCounter } from '../counter-call';

export const useReportsStore = defineStore('reports', () => {
  /** date: YYYY-MM-DD, the town hall's day. */
  const daily = (date: string) => callCounter(() => window.counter.reports.daily({ date }));
  const dailyPdf = (date: string) => callCounter(() => window.counter.reports.dailyPdf({ date }));
  const dailyCsv = (date: string) => callCounter(() => window.counter.reports.dailyCsv({ date }));

  return { daily, dailyPdf, dailyCsv };
});
