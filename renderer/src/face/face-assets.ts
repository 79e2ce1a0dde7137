// Where the build puts the face engine's models and WASM binaries, beside the page (vite.renderer.config.ts copies them).

export const FACE_MODELS_PATH = 'face/models/';
export const FACE_WASM_PATH = 'face/wasm/';

/** The models the engine loads: detector, mesh (landmarks, rotation, blinks), descriptor, anti-spoofing. */
export const FACE_MODELS = ['blazeface', 'facemesh', 'faceres', 'antispoof', 'liveness'] as const;
