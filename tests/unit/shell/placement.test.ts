// Where the resident window opens: the second display full screen, or beside the clerk window on one display.
import { describe, expect, it } from 'vitest';
import { residentPlacement, type DisplayInfo } from '../../../main/windows/placement';

const laptop: DisplayInfo = {
  id: 1,
  bounds: { x: 0, y: 0, width: 1920, height: 1080 },
  workArea: { x: 0, y: 0, width: 1920, height: 1040 },
};
const panel: DisplayInfo = {
  id: 2,
  bounds: { x: 1920, y: 0, width: 1024, height: 600 },
  workArea: { x: 1920, y: 0, width: 1024, height: 600 },
};
const leftMonitor: DisplayInfo = {
  id: 3,
  bounds: { x: -1280, y: 0, width: 1280, height: 1024 },
  workArea: { x: -1280, y: 0, width: 1280, height: 984 },
};
const clerkOnLaptop = { x: 100, y: 80, width: 1280, height: 860 };

describe('resident window placement', () => {
  it('fills the second display when there are two', () => {
    expect(residentPlacement([laptop, panel], clerkOnLaptop)).toEqual({
      bounds: panel.bounds,
      fullscreen: true,
    });
  });

  it('takes a display the clerk window is not on, whichever comes first in the list', () => {
    const clerkOnPanel = { x: 1950, y: 10, width: 900, height: 500 };
    expect(residentPlacement([laptop, panel], clerkOnPanel).bounds).toEqual(laptop.bounds);
    expect(residentPlacement([panel, laptop], clerkOnLaptop).bounds).toEqual(panel.bounds);
    expect(residentPlacement([laptop, leftMonitor, panel], clerkOnLaptop).bounds).toEqual(
      leftMonitor.bounds,
    );
  });

  it('counts the clerk window as on the display it overlaps most', () => {
    const straddling = { x: 1500, y: 0, width: 800, height: 600 }; // 420 px on the laptop, 380 on the panel
    expect(residentPlacement([laptop, panel], straddling).bounds).toEqual(panel.bounds);
  });

  it('opens beside the clerk window on a single display when there is room', () => {
    const clerk = { x: 0, y: 0, width: 880, height: 860 };
    expect(residentPlacement([laptop], clerk)).toEqual({
      bounds: { x: 880, y: 0, width: 1024, height: 768 },
      fullscreen: false,
    });
  });

  it('keeps to the right edge of the work area when there is no room beside', () => {
    expect(residentPlacement([laptop], clerkOnLaptop)).toEqual({
      bounds: { x: 1920 - 1024, y: 80, width: 1024, height: 768 },
      fullscreen: false,
    });
  });

  it('never makes the window larger than a small single display, nor lets it hang off the bottom', () => {
    const small: DisplayInfo = {
      id: 9,
      bounds: { x: 0, y: 0, width: 1280, height: 720 },
      workArea: { x: 0, y: 0, width: 1280, height: 690 },
    };
    const placed = residentPlacement([small], { x: 0, y: 200, width: 1024, height: 700 });
    expect(placed.fullscreen).toBe(false);
    expect(placed.bounds).toEqual({ x: 1280 - 1024, y: 0, width: 1024, height: 690 });
  });

  it('opens a default window when no display is known', () => {
    expect(residentPlacement([], clerkOnLaptop)).toEqual({
      bounds: { x: 0, y: 0, width: 1024, height: 768 },
      fullscreen: false,
    });
  });
});
