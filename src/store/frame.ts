/**
 * Whether the code running now was called from an animation frame's callbacks, before the
 * frame is rendered. The runner applies streamed batches and a run's end there; a view that
 * hears of them then can draw at once (in a microtask) and be rendered in the same frame,
 * rather than ask for the next frame and have the page laid out and painted twice.
 */
let depth = 0

/** Runs `f` as part of an animation frame's callbacks (see inAnimationFrame). */
export function duringAnimationFrame(f: () => void): void {
  depth += 1
  try {
    f()
  } finally {
    depth -= 1
  }
}

export const inAnimationFrame = (): boolean => depth > 0
