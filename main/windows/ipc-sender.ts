// Turns an Electron IPC event into the router's SenderInfo, refusing windows that are not ours.
import type { IpcMainInvokeEvent } from 'electron';
import type { SenderInfo } from '../ipc/router';

/** A sender the router always refuses: an unknown webContents or a vanished frame. */
const UNTRUSTED: SenderInfo = { url: '', isMainFrame: false };

export function senderInfoOf(
  event: Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>,
  ownContentsIds: ReadonlySet<number>,
): SenderInfo {
  const frame = event.senderFrame;
  if (!frame || !ownContentsIds.has(event.sender.id)) return UNTRUSTED;
  return { url: frame.url, isMainFrame: frame === event.sender.mainFrame };
}
