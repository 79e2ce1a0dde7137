// The scenario library: every file of resources/practice/scenarios, checked once when first read.
// A new scenario is one JSON file there and one line in SCENARIO_FILES.
import authorityDown from '../../../resources/practice/scenarios/authority-down.json';
import wrongCardHousehold from '../../../resources/practice/scenarios/wrong-card-household.json';
import underFifteen from '../../../resources/practice/scenarios/under-fifteen.json';
import faceMismatch from '../../../resources/practice/scenarios/face-mismatch.json';
import householdPhotosSwapped from '../../../resources/practice/scenarios/household-photos-swapped.json';
import sameNameSameDay from '../../../resources/practice/scenarios/same-name-same-day.json';
import representativeDocuments from '../../../resources/practice/scenarios/representative-documents.json';
import lostCardCall from '../../../resources/practice/scenarios/lost-card-call.json';
import reissueFeeWaiver from '../../../resources/practice/scenarios/reissue-fee-waiver.json';
import cardFoundAfterReissue from '../../../resources/practice/scenarios/card-found-after-reissue.json';
import lockedPinReset from '../../../resources/practice/scenarios/locked-pin-reset.json';
import cardPulledRenewal from '../../../resources/practice/scenarios/card-pulled-renewal.json';
import foundCardRelease from '../../../resources/practice/scenarios/found-card-release.json';
import movedCardChange from '../../../resources/practice/scenarios/moved-card-change.json';
import previousSessionOpen from '../../../resources/practice/scenarios/previous-session-open.json';
import { WorkflowRefusal } from '../../workflows/refusal';
import { parseScenario, type Scenario } from './scenario-format';

/** File name → content, as bundled. */
export const SCENARIO_FILES: Readonly<Record<string, unknown>> = {
  'wrong-card-household.json': wrongCardHousehold,
  'under-fifteen.json': underFifteen,
  'authority-down.json': authorityDown,
  'face-mismatch.json': faceMismatch,
  'household-photos-swapped.json': householdPhotosSwapped,
  'same-name-same-day.json': sameNameSameDay,
  'representative-documents.json': representativeDocuments,
  'lost-card-call.json': lostCardCall,
  'reissue-fee-waiver.json': reissueFeeWaiver,
  'card-found-after-reissue.json': cardFoundAfterReissue,
  'locked-pin-reset.json': lockedPinReset,
  'card-pulled-renewal.json': cardPulledRenewal,
  'found-card-release.json': foundCardRelease,
  'moved-card-change.json': movedCardChange,
  'previous-session-open.json': previousSessionOpen,
};

let library: readonly Scenario[] | null = null;

/** Every scenario, in the library's order; a file that does not fit the format throws here. */
export function scenarioLibrary(): readonly Scenario[] {
  library ??= Object.entries(SCENARIO_FILES).map(([file, raw]) => parseScenario(raw, file));
  return library;
}

export function scenarioById(id: string): Scenario {
  const s = scenarioLibrary().find((x) => x.id === id);
  if (!s) throw new WorkflowRefusal('scenario-not-found', id);
  return s;
}
