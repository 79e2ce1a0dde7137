// Practice scenarios in the clerk window: the trainee's assigned scenarios, the run in progress and
// its result; the trainer's overview, trainees, assignments and written reports.
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { AppError } from '../../../preload/contract/errors';
import type { Result } from '../../../preload/contract/result';
import type {
  MyScenarioDto,
  ScenarioOverviewDto,
  ScenarioResultDto,
  ScenarioRunDto,
} from '../../../preload/contract/scenarios';
import { callCounter } from '../counter-call';
import { useSimStore } from './sim-store';

export const useScenarioStore = defineStore('scenarios', () => {
  // A run's set-up and its end change the simulator (card, faults, clock): the drawer shows them.
  const sim = useSimStore();
  const mine = ref<readonly MyScenarioDto[]>([]);
  const run = ref<ScenarioRunDto | null>(null);
  /** The result of the run just finished, shown until the trainee closes it. */
  const result = ref<ScenarioResultDto | null>(null);
  const error = ref<AppError | null>(null);
  const busy = ref(false);

  async function guarded<T>(call: () => Promise<Result<T>>): Promise<T | null> {
    busy.value = true;
    const r = await callCounter(call);
    busy.value = false;
    error.value = r.ok ? null : r.error;
    return r.ok ? r.value : null;
  }

  async function load(): Promise<void> {
    const [m, c] = await Promise.all([
      callCounter(() => window.counter.scenario.mine({})),
      callCounter(() => window.counter.scenario.current({})),
    ]);
    if (m.ok) mine.value = m.value;
    if (c.ok) run.value = c.value;
  }

  async function start(scenarioId: string): Promise<boolean> {
    result.value = null;
    const started = await guarded(() => window.counter.scenario.start({ scenarioId }));
    if (started) run.value = started;
    await sim.load();
    return started !== null;
  }

  async function finish(): Promise<void> {
    const scored = await guarded(() => window.counter.scenario.finish({}));
    if (!scored) return;
    run.value = null;
    result.value = scored;
    await Promise.all([load(), sim.load()]);
  }

  async function abandon(): Promise<void> {
    if ((await guarded(() => window.counter.scenario.abandon({}))) !== null) run.value = null;
    await Promise.all([load(), sim.load()]);
  }

  function closeResult(): void {
    result.value = null;
  }

  // ---- the trainer's ----
  const overview = ref<ScenarioOverviewDto | null>(null);

  async function loadOverview(): Promise<void> {
    const o = await guarded(() => window.counter.scenario.overview({}));
    if (o) overview.value = o;
  }

  async function createTrainee(t: {
    loginId: string;
    displayName: string;
    password: string;
  }): Promise<boolean> {
    const made = await guarded(() => window.counter.scenario.createTrainee(t));
    if (made) await loadOverview();
    return made !== null;
  }

  async function assign(traineeId: number, scenarioIds: string[]): Promise<boolean> {
    const o = await guarded(() => window.counter.scenario.assign({ traineeId, scenarioIds }));
    if (o) overview.value = o;
    return o !== null;
  }

  const traineeReport = (traineeId: number) =>
    guarded(() => window.counter.scenario.traineeReport({ traineeId }));
  const exportCsv = () => guarded(() => window.counter.scenario.exportCsv({}));

  function reset(): void {
    mine.value = [];
    run.value = null;
    result.value = null;
    overview.value = null;
    error.value = null;
  }

  return {
    mine,
    run,
    result,
    error,
    busy,
    load,
    start,
    finish,
    abandon,
    closeResult,
    overview,
    loadOverview,
    createTrainee,
    assign,
    traineeReport,
    exportCsv,
    reset,
  };
});
