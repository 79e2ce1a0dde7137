// The face check's live camera, in this window only: a stream shown in a <video>, stills drawn into a canvas,
// nothing sent or stored; the stream stops when the step ends.
import { onUnmounted, ref, type Ref } from 'vue';

export type CameraState = 'off' | 'starting' | 'live' | 'failed';

export function useCamera(
  video: Ref<HTMLVideoElement | null>,
  still: Ref<HTMLCanvasElement | null>,
) {
  const state = ref<CameraState>('off');
  const captured = ref(false);
  let stream: MediaStream | null = null;
  let stopped = false;

  async function start(): Promise<void> {
    if (stream || state.value === 'starting') return;
    state.value = 'starting';
    try {
      const got = await navigator.mediaDevices.getUserMedia({
        video: { width: { ideal: 640 }, height: { ideal: 480 } },
        audio: false,
      });
      // The step ended while the camera was starting: let it go at once.
      if (stopped) {
        for (const track of got.getTracks()) track.stop();
        return;
      }
      stream = got;
      if (video.value) {
        video.value.srcObject = got;
        await video.value.play().catch(() => undefined);
      }
      state.value = 'live';
    } catch {
      state.value = 'failed';
    }
  }

  function capture(): void {
    const v = video.value;
    const c = still.value;
    if (state.value !== 'live' || !v || !c || v.videoWidth === 0) return;
    // The middle of the frame in the photos' 3:4 portrait shape: compared at the same shape and
    // size as the chip and application photos, not letterboxed into them.
    const width = Math.min(v.videoWidth, Math.round((v.videoHeight * 3) / 4));
    const height = Math.min(v.videoHeight, Math.round((width * 4) / 3));
    c.width = width;
    c.height = height;
    const left = (v.videoWidth - width) / 2;
    const top = (v.videoHeight - height) / 2;
    c.getContext('2d')?.drawImage(v, left, top, width, height, 0, 0, width, height);
    captured.value = true;
  }

  /** Back to the live image: the still is wiped. */
  function release(): void {
    const c = still.value;
    if (c) {
      c.getContext('2d')?.clearRect(0, 0, c.width, c.height);
      c.width = 0;
      c.height = 0;
    }
    captured.value = false;
  }

  function stop(): void {
    stopped = true;
    for (const track of stream?.getTracks() ?? []) track.stop();
    stream = null;
    if (video.value) video.value.srcObject = null;
    // The still is wiped too: no image of the resident outlives the step.
    release();
    state.value = 'off';
  }

  onUnmounted(stop);

  return { state, captured, start, capture, release, stop };
}
