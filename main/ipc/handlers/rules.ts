// rules:* — the certificate service's state now and the dated rule set in force, for the home
// screen and the start of a procedure that needs the authority.
import type { RulesTodayDto } from '../../../preload/contract/lifecycle';
import { ok } from '../../../preload/contract/result';
import { ruleSetOn, type RuleSet } from '../../../preload/contract/rules/rule-sets';
import {
  certificateServiceAt,
  type ServiceHours,
} from '../../../preload/contract/rules/service-hours';
import { japanDate } from '../../../preload/contract/rules/validity';
import type { HandlerPart } from './handler-table';

export interface RulesDeps {
  /** The clock the hours are judged by: the practice clock in practice mode. */
  serviceNow(): Date;
  readonly hours: ServiceHours;
  readonly ruleSets: readonly RuleSet[];
  now(): Date;
}

export function rulesToday(deps: RulesDeps): RulesTodayDto {
  const at = deps.serviceNow();
  const today = japanDate(deps.now());
  return {
    service: certificateServiceAt(at, deps.hours),
    hours: { opens: deps.hours.opens, closes: deps.hours.closes },
    at: at.toISOString(),
    today,
    ruleSet: ruleSetOn(today, deps.ruleSets),
  };
}

export function rulesHandlers(deps: RulesDeps): HandlerPart<'rules:today'> {
  return { 'rules:today': async () => ok(rulesToday(deps)) };
}
