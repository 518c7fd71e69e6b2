/** Placeholder: metric charts (being built). */
export function MetricCharts() {
  return <h2 className="panel-title">Metrics</h2>
}
