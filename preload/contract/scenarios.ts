// The trainer's scenarios as both windows see them: the library, a trainee's run and its score.
import type { ProcedureKind } from './procedure-kinds';

/** What the app counts as a mistake on the way, read from the audit rows of the run. */
export const MISTAKE_KINDS = ['refused-card', 'wrong-pin', 'cancelled'] as const;
export type MistakeKind = (typeof MISTAKE_KINDS)[number];

export interface ScenarioSummaryDto {
  readonly id: string;
  readonly title: string;
  readonly procedures: readonly ProcedureKind[];
  /** How many outcomes are scored. */
  readonly outcomes: number;
}

export interface OutcomeResultDto {
  readonly id: string;
  readonly label: string;
  readonly met: boolean;
  /** Why, in plain Japanese: what the records show. */
  readonly why: string;
  /** What to practise when it was not met. */
  readonly advice: string;
}

export interface MistakeDto {
  readonly kind: MistakeKind;
  /** The audit action that showed it. */
  readonly action: string;
  readonly at: string;
}

export interface ScenarioRunDto {
  readonly runId: number;
  readonly scenarioId: string;
  readonly title: string;
  /** The trainee's brief with this run's notice numbers in it. */
  readonly brief: string;
  readonly status: 'open' | 'scored' | 'abandoned';
  readonly startedAt: string;
  /** This run's people: the scenario's key (A, B …) and their notice numbers. */
  readonly cast: readonly { readonly key: string; readonly noticeNumber: string | null }[];
}

export interface ScenarioResultDto {
  readonly runId: number;
  readonly scenarioId: string;
  readonly title: string;
  readonly traineeId: number;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly seconds: number;
  readonly outcomes: readonly OutcomeResultDto[];
  readonly met: number;
  readonly total: number;
  readonly mistakes: readonly MistakeDto[];
  /** Every outcome met. */
  readonly passed: boolean;
}

/** A trainee's practice account as the trainer's screen lists it. */
export interface TraineeDto {
  readonly operatorId: number;
  readonly loginId: string;
  readonly displayName: string;
}

/** One scored run, as the trainer's table and chart use it. */
export interface RunSummaryDto {
  readonly runId: number;
  readonly scenarioId: string;
  readonly finishedAt: string;
  readonly met: number;
  readonly total: number;
  readonly mistakes: number;
  readonly seconds: number;
  readonly passed: boolean;
}

/** A trainee's row of the trainer's view: what is assigned and every scored run, oldest first. */
export interface TraineeProgressDto extends TraineeDto {
  readonly assigned: readonly string[];
  readonly runs: readonly RunSummaryDto[];
}

/** The trainer's view: every trainee against every scenario. */
export interface ScenarioOverviewDto {
  readonly scenarios: readonly ScenarioSummaryDto[];
  readonly trainees: readonly TraineeProgressDto[];
}

/** The trainee's home screen: the scenarios assigned, with the last result of each. */
export interface MyScenarioDto extends ScenarioSummaryDto {
  readonly last: RunSummaryDto | null;
}
