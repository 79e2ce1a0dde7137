// Turns an Electron IPC event into the router's SenderInfo, refusing windows that are not ours.
import type { IpcMainInvokeEvent } from 'electron';
import type { SenderInfo } from '../ipc/router';
import { windowRoleOf, type WindowRole } from '../ipc/window-role';

/** A sender the router always refuses: an unknown webContents or a vanished frame. */
const UNTRUSTED: SenderInfo = { url: '', isMainFrame: false };

/**
 * `ownContents` maps each of our webContents to the window it was created as. The router decides
 * a window's role from the page URL; a page that does not match the window it runs in (the clerk
 * window somehow showing the resident page, or the reverse) is refused outright.
 */
export function senderInfoOf(
  event: Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>,
  ownContents: ReadonlyMap<number, WindowRole>,
): SenderInfo {
  const frame = event.senderFrame;
  const kind = ownContents.get(event.sender.id);
  if (!frame || kind === undefined || windowRoleOf(frame.url) !== kind) return UNTRUSTED;
  return { url: frame.url, isMainFrame: frame === event.sender.mainFrame };
}
