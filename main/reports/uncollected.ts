// Cards nobody collects, for the stock screen: each with its reminder and destruction days by the
// municipality's periods; the reminder recorded; a card past its day destroyed with a supervisor's
// approval. Each change is audited in its own transaction.
import type { UncollectedCardDto } from '../../preload/contract/lifecycle';
import {
  uncollectedDates,
  uncollectedStage,
  type UncollectedPeriods,
} from '../../preload/contract/rules/uncollected';
import { japanDate } from '../../preload/contract/rules/validity';
import { appendAudit } from '../audit/audit-log';
import type { Db } from '../db/connection';
import { getApproval } from '../db/repositories/approvals';
import {
  findUncollectedCard,
  isDestructionApprovalUsed,
  listUncollectedCards,
  recordUncollectedDestruction,
  setReminderSent,
  type UncollectedCardRow,
} from '../db/repositories/uncollected';
import { refuse } from '../workflows/refusal';

export interface UncollectedDeps {
  db(): Db;
  now(): Date;
  operatorId(): number;
  readonly periods: UncollectedPeriods;
}

function toDto(
  r: UncollectedCardRow,
  periods: UncollectedPeriods,
  today: string,
): UncollectedCardDto {
  const noticeSentOn = japanDate(new Date(r.noticeSentAt));
  const reminderSentOn = r.reminderSentAt ? japanDate(new Date(r.reminderSentAt)) : null;
  const dates = uncollectedDates(noticeSentOn, reminderSentOn, periods);
  return {
    cardId: r.cardId,
    serial: r.serial,
    noticeNumber: r.noticeNumber,
    residentName: r.residentName,
    noticeSentOn,
    reminderSentOn,
    ...dates,
    stage: uncollectedStage(dates, reminderSentOn, today),
  };
}

export function createUncollectedCards(deps: UncollectedDeps) {
  const { periods } = deps;
  const today = () => japanDate(deps.now());

  async function card(cardId: number): Promise<UncollectedCardRow> {
    const found = await findUncollectedCard(deps.db(), cardId);
    if (!found) refuse('card-not-uncollected');
    return found;
  }

  async function list(): Promise<readonly UncollectedCardDto[]> {
    const rows = await listUncollectedCards(deps.db());
    return rows.map((r) => toDto(r, periods, today()));
  }

  /** An approval of this destruction: asked by the operator calling, not used before. */
  async function destructionApproval(db: Db, approvalId: number, operatorId: number) {
    const approval = await getApproval(db, approvalId).catch(() => null);
    if (
      !approval ||
      approval.action !== 'uncollected-destruction' ||
      approval.procedureId !== null ||
      approval.requesterId !== operatorId ||
      (await isDestructionApprovalUsed(db, approvalId))
    )
      refuse('approval-invalid');
    return approval;
  }

  return {
    list,

    /** The reminder (督促) went out today. */
    async recordReminder(cardId: number): Promise<UncollectedCardDto> {
      const c = await card(cardId);
      await deps.db().transaction(async (tx) => {
        await setReminderSent(tx, cardId, deps.now);
        await appendAudit(
          tx,
          {
            operatorId: deps.operatorId(),
            action: 'stock.reminder-recorded',
            residentId: c.residentId,
            cardId,
            details: { notice: c.noticeNumber },
          },
          deps.now,
        );
      });
      return toDto(await card(cardId), periods, today());
    },

    /**
     * Destroys a card past its day: an approval of `uncollected-destruction` asked by the
     * operator calling, given by a supervisor (checked when it was recorded), used once.
     */
    async destroy(cardId: number, approvalId: number): Promise<readonly UncollectedCardDto[]> {
      const c = await card(cardId);
      const dto = toDto(c, periods, today());
      if (dto.stage !== 'destruction-due') refuse('uncollected-not-due', dto.destroyFrom);
      const operatorId = deps.operatorId();
      const db = deps.db();
      const approval = await destructionApproval(db, approvalId, operatorId);
      await db.transaction(async (tx) => {
        await recordUncollectedDestruction(
          tx,
          { cardId, applicationId: c.applicationId, approvalId, operatorId },
          deps.now,
        );
        await appendAudit(
          tx,
          {
            operatorId,
            action: 'stock.uncollected-destroyed',
            residentId: c.residentId,
            cardId,
            details: {
              notice: c.noticeNumber,
              approval: approvalId,
              approver: approval.approverId,
              destroyFrom: dto.destroyFrom,
            },
          },
          deps.now,
        );
      });
      return list();
    },
  };
}

export type UncollectedCards = ReturnType<typeof createUncollectedCards>;
