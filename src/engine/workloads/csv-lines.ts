/**
 * The physical line on which each record of a CSV starts, for messages: a quoted field may hold
 * line breaks, so record n is not always line n + 1. This walks the text exactly as d3-dsv's
 * csvParseRows does (same quoting rules, same end-of-line handling) and returns one 1-based line
 * per record it would return. A line break is \n, \r\n or a lone \r.
 */
export function recordStartLines(text: string): number[] {
  const QUOTE = 34
  const NEWLINE = 10
  const RETURN = 13
  const COMMA = 44
  const starts: number[] = []
  let N = text.length
  let I = 0
  let eof = N <= 0
  let eol = false
  if (text.charCodeAt(N - 1) === NEWLINE) --N
  if (text.charCodeAt(N - 1) === RETURN) --N

  /** Moves past one field (as d3-dsv's token()); -1 at the end of a record, -2 at the end of the text. */
  function field(): number {
    if (eof) return -2
    if (eol) {
      eol = false
      return -1
    }
    const j = I
    let c: number
    if (text.charCodeAt(j) === QUOTE) {
      while ((I++ < N && text.charCodeAt(I) !== QUOTE) || text.charCodeAt(++I) === QUOTE);
      if (I >= N) eof = true
      else if ((c = text.charCodeAt(I++)) === NEWLINE) eol = true
      else if (c === RETURN) {
        eol = true
        if (text.charCodeAt(I) === NEWLINE) ++I
      }
      return j
    }
    while (I < N) {
      c = text.charCodeAt(I++)
      if (c === NEWLINE) eol = true
      else if (c === RETURN) {
        eol = true
        if (text.charCodeAt(I) === NEWLINE) ++I
      } else if (c !== COMMA) continue
      return j
    }
    eof = true
    return j
  }

  let t: number
  while ((t = field()) !== -2) {
    starts.push(t)
    while (t >= 0) t = field()
  }

  // Offsets to lines, in one pass (starts ascend).
  const lines: number[] = []
  let line = 1
  let at = 0
  for (const offset of starts) {
    for (; at < offset; at++) {
      const c = text.charCodeAt(at)
      if (c === NEWLINE || (c === RETURN && text.charCodeAt(at + 1) !== NEWLINE)) line += 1
    }
    lines.push(line)
  }
  return lines
}
