// The procedure steps that need a 責任者's approval (the approval channel's own list).
import type { RequestOf } from '../../../preload/contract/channels';

export type ApprovalAction = RequestOf<'approval:approve'>['action'];
