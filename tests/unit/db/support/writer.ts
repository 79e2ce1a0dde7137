// Crash-test writer: records issuances (per issuance: 1 application, 1 card, 2 certificates,
// 1 procedure, 3 journal steps, 3 audit rows) in a loop until it is killed (SIGKILL from the test).
// Usage: npx tsx tests/unit/db/support/writer.ts <db file> <key file>
import { appendAudit } from '../../../../main/audit/audit-log';
import { openIssuanceDatabase } from '../../../../main/db';
import { FileKeyProtector } from '../../../../main/db/key-protector';
import { openMyNumberCipher } from '../../../../main/db/my-number-crypto';
import {
  createApplication,
  setApplicationStatus,
} from '../../../../main/db/repositories/applications';
import { receiveCard, transitionCard } from '../../../../main/db/repositories/cards';
import { addCertificate } from '../../../../main/db/repositories/certificates';
import { endProcedure, recordStep, startProcedure } from '../../../../main/db/repositories/journal';
import { findOperatorByLogin, insertOperator } from '../../../../main/db/repositories/operators';
import { createResident } from '../../../../main/db/repositories/residents';
import { residentInput } from './temp-db';

async function main(dbPath: string, keyPath: string): Promise<void> {
  const db = await openIssuanceDatabase(dbPath, { mode: 'practice' });
  const cipher = await openMyNumberCipher(db, new FileKeyProtector(keyPath));
  const operator = await db.transaction(async (tx) => {
    const found = await findOperatorByLogin(tx, 'writer');
    return (
      found?.id ??
      insertOperator(tx, {
        loginId: 'writer',
        displayName: 'writer',
        role: 'clerk',
        passwordHash: 'scrypt$x',
      })
    );
  });
  process.stdout.write('ready\n');
  const base = Number(
    (await db.get<{ n: number }>('SELECT coalesce(max(id), 0) AS n FROM residents'))?.n ?? 0,
  );
  for (let i = base + 1; ; i++) {
    await db.transaction(async (tx) => {
      const residentId = await createResident(tx, cipher, residentInput(i));
      await appendAudit(tx, { operatorId: operator, action: 'resident.created', residentId });
      const applicationId = await createApplication(tx, { noticeNumber: `W-${i}`, residentId });
      const cardId = await receiveCard(tx, {
        serial: String(400000000000000 + i),
        applicationId,
        expiry: '2035-02-17',
      });
      await setApplicationStatus(tx, applicationId, 'ready');
      const procedureId = await startProcedure(tx, {
        kind: 'issuance',
        operatorId: operator,
        residentId,
        cardId,
        applicationId,
      });
      await recordStep(tx, {
        procedureId,
        step: 'identity',
        status: 'completed',
        operatorId: operator,
        data: { documents: ['運転免許証'] },
      });
      await transitionCard(tx, cardId, 'prepared');
      await recordStep(tx, {
        procedureId,
        step: 'card-check',
        status: 'completed',
        operatorId: operator,
      });
      for (const kind of ['signing', 'auth'] as const) {
        await addCertificate(tx, {
          cardId,
          kind,
          serial: `${kind}-${i}`,
          notBefore: '2026-11-25',
          notAfter: '2031-02-17',
        });
      }
      await appendAudit(tx, {
        operatorId: operator,
        action: 'certificates.issued',
        residentId,
        cardId,
      });
      await transitionCard(tx, cardId, 'issued');
      await setApplicationStatus(tx, applicationId, 'issued');
      await recordStep(tx, {
        procedureId,
        step: 'handover',
        status: 'completed',
        operatorId: operator,
      });
      await endProcedure(tx, procedureId, 'completed');
      await appendAudit(tx, { operatorId: operator, action: 'card.issued', residentId, cardId });
    });
  }
}

const [dbPath, keyPath] = process.argv.slice(2);
if (!dbPath || !keyPath) {
  console.error('usage: writer.ts <db file> <key file>');
  process.exit(2);
}
main(dbPath, keyPath).catch((err: unknown) => {
  console.error(err instanceof Error ? `${err.name}: ${err.message}` : String(err));
  process.exit(1);
});
