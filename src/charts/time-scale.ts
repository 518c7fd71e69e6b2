/**
 * The Gantt's time ↔ pixel mapping: a window [t0S, t1S] of simulated seconds laid over
 * [0, widthPx]. Plain numbers rather than a d3 scale, because the bar loop calls it per task
 * and the tests want exact values.
 */
export interface TimeScale {
  readonly t0S: number
  readonly t1S: number
  readonly widthPx: number
}

export function createTimeScale(t0S: number, t1S: number, widthPx: number): TimeScale {
  // A zero-width window would divide by zero; one step of nothing is still a window.
  return { t0S, t1S: t1S > t0S ? t1S : t0S + 1e-9, widthPx: Math.max(0, widthPx) }
}

export const pxPerS = (s: TimeScale): number => s.widthPx / (s.t1S - s.t0S)

export const timeToPx = (s: TimeScale, tS: number): number => (tS - s.t0S) * pxPerS(s)

export const pxToTime = (s: TimeScale, xPx: number): number => s.t0S + xPx / pxPerS(s)
