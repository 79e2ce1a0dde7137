// What the face-score test page offers the test (window.face): names and numbers only, never a descriptor.

export type FaceVariant =
  | { readonly kind: 'as-is' }
  | { readonly kind: 'grey' }
  | {
      readonly kind: 'crop';
      readonly x: number;
      readonly y: number;
      readonly w: number;
      readonly h: number;
    }
  | { readonly kind: 'rotate'; readonly degrees: number }
  | { readonly kind: 'dark'; readonly brightness: number }
  | { readonly kind: 'small' }
  | { readonly kind: 'twice' }
  | { readonly kind: 'blank' };

export interface FacePageApi {
  load(): Promise<{ loadMs: number; version: string; backend: string }>;
  /** Analyses a variant of an image and keeps the result under `name`, in the page only. */
  analyse(
    name: string,
    src: string,
    variant: FaceVariant,
  ): Promise<{ finding: string; ms: number; presented: boolean; descriptorLength: number }>;
  similarity(a: string, b: string): Promise<number | null>;
  /** The page's JavaScript heap (bytes), where Chromium reports it. */
  memory(): number | null;
}

/**
 * The page's global, for a cast inside page.evaluate: a function passed there is sent as its source
 * text, so it may name no import (the test runner renames imported bindings).
 */
export interface FaceGlobal {
  readonly face: FacePageApi;
}
