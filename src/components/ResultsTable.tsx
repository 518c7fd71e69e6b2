/** Placeholder: the results table (being built). */
export function ResultsTable() {
  return null
}
