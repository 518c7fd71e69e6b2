/** Placeholder: the Gantt chart (being built). */
export function GanttChart() {
  return <h2 className="panel-title">Gantt chart</h2>
}
