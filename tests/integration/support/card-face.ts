// 券面確認 as the two windows go through it: the clerk shows the chip's four facts on the resident
// window, the resident answers there. Shared by every integration test that walks a 交付.
import type { CardFaceAnswer, ResidentPromptDto } from '../../../preload/contract/issuance';
import type { ProcedureDto } from '../../../preload/contract/procedure';
import type { Call } from './issuance-script';

/** The clerk shows the card face read from the card in `reader`; the resident window's prompt. */
export async function showCardFace(
  call: Call,
  procedureId: string,
  reader: string,
): Promise<ResidentPromptDto> {
  await call('clerk', 'procedure:show-card-face', { procedureId, reader });
  const prompt = (await call('resident', 'resident:get-prompt', {})) as ResidentPromptDto | null;
  if (!prompt?.cardFace || prompt.procedureId !== procedureId)
    throw new Error('no card face on the resident window');
  return prompt;
}

/** Shows the card face and answers it as the resident; the procedure afterwards. */
export async function answerCardFace(
  call: Call,
  procedureId: string,
  reader: string,
  answer: CardFaceAnswer = 'confirmed',
): Promise<ProcedureDto> {
  await showCardFace(call, procedureId, reader);
  await call('resident', 'resident:confirm-card-face', { procedureId, answer });
  return (await call('clerk', 'procedure:get', { procedureId })) as ProcedureDto;
}
