/** How a generator's preview writes its numbers. */
export const fmtInt = (x: number) => Math.round(x).toLocaleString('en-US')
export const fmtS = (x: number) => `${Number(x.toFixed(2))} s`
export const pct = (n: number, total: number) => `${Number(((100 * n) / total).toFixed(1))} %`
