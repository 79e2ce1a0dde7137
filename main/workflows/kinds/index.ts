// Every kind of counter procedure the engine runs, one spec each.
import type { AnyProcedureSpec } from '../procedure/spec';
import { cardChangeSpec } from './card-change';
import { cardKindSpec } from './card-kind';
import { issuanceSpec } from './issuance';
import { pinResetSpec } from './pin-reset';
import { reissueSpec } from './reissue';
import { releaseSpec } from './release';
import { renewalSpec } from './renewal';
import { representativeSpec } from './representative';
import { revocationSpec } from './revocation';
import { suspensionSpec } from './suspension';

export const PROCEDURE_SPECS: readonly AnyProcedureSpec[] = [
  issuanceSpec,
  suspensionSpec,
  releaseSpec,
  pinResetSpec,
  revocationSpec,
  reissueSpec,
  renewalSpec,
  representativeSpec,
  cardChangeSpec,
  cardKindSpec,
];
