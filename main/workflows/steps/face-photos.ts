// The photos of a face check: the one read from the chip (visual application, opened with 照合番号A)
// beside the one handed in with the application, and the application photos of any look-alike
// (a namesake, a household applying together). Decoded in main, never stored.
import type { FacePhotosDto } from '../../../preload/contract/issuance';
import type { LookAlikeDto } from '../../../preload/contract/rules/look-alikes';
import type { CardSession } from '../../card/card-service';
import type { MyNumber } from '../../card/domain';
import { assertSerial, cardRefusal } from './card-match';
import type { CardAccess } from './card-work';

/** The chip photo and the application photo (main/card/apps/visual, main/images, main/practice). */
export interface PhotoDeps {
  readFacePhoto(ch: CardSession, myNumber: MyNumber): Promise<Uint8Array>;
  decodeJp2ToPng(jp2: Uint8Array): Promise<Uint8Array>;
  /** PNG of the photo handed in with the application, or null when there is none. */
  applicationPhoto(noticeNumber: string): Promise<Uint8Array | null>;
  /** The photos are practice drawings (their similarity scores mean nothing). */
  readonly drawings: boolean;
}

export async function readFacePhotos(o: {
  readonly cards: CardAccess;
  readonly reader: string;
  /** The card of the procedure: another card's photo is never shown. */
  readonly serial: string;
  readonly myNumber: MyNumber;
  readonly noticeNumber: string;
  readonly photos: PhotoDeps;
  /** The residents this one can be taken for: their application photos are shown too. */
  readonly lookAlikes: readonly LookAlikeDto[];
}): Promise<FacePhotosDto> {
  let jp2: Uint8Array;
  try {
    jp2 = await o.cards.withCard(o.reader, async (session) => {
      assertSerial(session.serial, o.serial);
      return o.photos.readFacePhoto(session, o.myNumber);
    });
  } catch (e) {
    throw cardRefusal(e);
  }
  const chip = await o.photos.decodeJp2ToPng(jp2);
  const application = await o.photos.applicationPhoto(o.noticeNumber);
  const url = (png: Uint8Array) => `data:image/png;base64,${Buffer.from(png).toString('base64')}`;
  const others = await Promise.all(
    o.lookAlikes
      .filter((l) => l.noticeNumber !== null)
      .map(async (l) => {
        const photo = await o.photos.applicationPhoto(l.noticeNumber!);
        return {
          reason: l.reason,
          kanjiName: l.kanjiName,
          noticeNumber: l.noticeNumber!,
          photo: photo ? url(photo) : null,
        };
      }),
  );
  return {
    chip: url(chip),
    drawings: o.photos.drawings,
    application: application ? url(application) : null,
    others,
  };
}
