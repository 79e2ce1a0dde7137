// Where the resident window opens: full screen on a second display when there is one, else beside the clerk's.

export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** The part of Electron's Display the choice needs (screen.getAllDisplays()). */
export interface DisplayInfo {
  readonly id: number;
  readonly bounds: Rect;
  /** The display without task bar and dock. */
  readonly workArea: Rect;
}

export interface WindowPlacement {
  readonly bounds: Rect;
  readonly fullscreen: boolean;
}

/** The resident window's size on a shared display: big enough for the keypad at 28px text. */
export const RESIDENT_WINDOW_SIZE = { width: 1024, height: 768 } as const;

function overlap(a: Rect, b: Rect): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

/**
 * The display the clerk window is on: the one it overlaps most (as Electron's
 * screen.getDisplayMatching decides), the first display when it overlaps none.
 */
function clerkDisplay(displays: readonly DisplayInfo[], clerk: Rect): DisplayInfo | undefined {
  let best = displays[0];
  let bestArea = best ? overlap(best.bounds, clerk) : 0;
  for (const d of displays) {
    const area = overlap(d.bounds, clerk);
    if (area > bestArea) {
      best = d;
      bestArea = area;
    }
  }
  return best;
}

/**
 * With two or more displays the resident window fills one the clerk window is not on (the first
 * such in the list): the resident faces their own screen. With one display it is a normal window
 * to the right of the clerk window if there is room, else against the right edge of the work area,
 * never larger than the work area. No display at all (a headless start): a default window at 0,0.
 */
export function residentPlacement(displays: readonly DisplayInfo[], clerk: Rect): WindowPlacement {
  const own = clerkDisplay(displays, clerk);
  const other = displays.find((d) => d !== own);
  if (other) return { bounds: { ...other.bounds }, fullscreen: true };
  if (!own) return { bounds: { x: 0, y: 0, ...RESIDENT_WINDOW_SIZE }, fullscreen: false };

  const area = own.workArea;
  const width = Math.min(RESIDENT_WINDOW_SIZE.width, area.width);
  const height = Math.min(RESIDENT_WINDOW_SIZE.height, area.height);
  const rightOfClerk = clerk.x + clerk.width;
  const x =
    rightOfClerk + width <= area.x + area.width ? rightOfClerk : area.x + area.width - width;
  const y = Math.min(Math.max(clerk.y, area.y), area.y + area.height - height);
  return { bounds: { x, y, width, height }, fullscreen: false };
}
