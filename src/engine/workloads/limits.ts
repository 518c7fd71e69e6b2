/**
 * Limits on magnitudes, checked before any work so that a typo gives a message instead of a
 * hang, a crash or an answer that is not a finite number. Each is far beyond a real workload.
 */

/** Tasks in one scenario (a file, a link, the generator). */
export const MAX_TASKS = 1_000_000
/** Tokens of one task: 1e9 prefill tokens run for 1e6 s (11.6 days). */
export const MAX_TOKENS = 1e9
/** A task's weight; with the other limits every weighted sum stays far below 1e308. */
export const MAX_WEIGHT = 1e9
/** Arrival times, dt and max time, in seconds (about 31.7 years). */
export const MAX_TIME_S = 1e9
/**
 * Steps one run may cover. Step numbers are kept in 32-bit integer columns (the page's
 * timelines), so this stays below 2^31 − 1; it also bounds the reference clock, which walks
 * its float time one dt at a time.
 */
export const MAX_STEPS = 1e9

/** 1e9 → "1,000,000,000"; small or fractional numbers as they are. */
export const fmtLimit = (x: number): string => (Number.isInteger(x) && x < 1e21 ? x.toLocaleString('en-US') : String(x))
