import { useEffect, useRef, useState } from 'react'
import { createPortal } from 'react-dom'
import { useAppStore, useApp } from '../store/context.tsx'
import { downloadBlob, downloadText, safeFileName } from './download.ts'
import { composeSvg, svgToPng } from './export-chart.ts'
import { buildExport, type ExportKind } from './exports.ts'
import { useImport } from './use-import.ts'

const EXPORTS: readonly { kind: ExportKind; label: string; hint: string }[] = [
  { kind: 'scenario-json', label: 'Scenario (JSON)', hint: 'cluster, settings, algorithms and tasks; opens again with Import' },
  { kind: 'workload-csv', label: 'Workload (CSV)', hint: "the tasks in the reference's CSV format" },
  { kind: 'request-csv', label: 'Requests (CSV)', hint: 'serving mode: Task,Workload,Weight,ArrivalTime,InputTokens,OutputTokens; opens again with Import' },
  { kind: 'results-json', label: 'Results (JSON)', hint: "metrics keyed <workload>_<Algorithm>, as the CLI's --output" },
  { kind: 'trace-csv', label: 'Trace (CSV)', hint: "one row per task and algorithm, as the CLI's --trace" },
]

/**
 * Import by file picker or drag-and-drop anywhere on the page (a refused file is explained in
 * ImportProblemDialog); export the scenario and results.
 */
export function ImportExport() {
  const store = useAppStore()
  const done = useApp((s) => s.run.status === 'done')
  const name = useApp((s) => s.scenario.name)
  const { busy, importFiles } = useImport()
  const [dragging, setDragging] = useState(false)
  const menu = useRef<HTMLDetailsElement>(null)
  const closeMenu = () => menu.current?.removeAttribute('open')

  useEffect(() => {
    let depth = 0
    const hasFiles = (e: DragEvent) => e.dataTransfer?.types.includes('Files') ?? false
    const enter = (e: DragEvent) => {
      if (!hasFiles(e)) return
      depth += 1
      setDragging(true)
    }
    const leave = () => {
      depth = Math.max(0, depth - 1)
      if (depth === 0) setDragging(false)
    }
    const over = (e: DragEvent) => {
      if (hasFiles(e)) e.preventDefault()
    }
    const drop = (e: DragEvent) => {
      if (!hasFiles(e)) return
      e.preventDefault()
      depth = 0
      setDragging(false)
      if (e.dataTransfer !== null) void importFiles(e.dataTransfer.files)
    }
    window.addEventListener('dragenter', enter)
    window.addEventListener('dragleave', leave)
    window.addEventListener('dragover', over)
    window.addEventListener('drop', drop)
    return () => {
      window.removeEventListener('dragenter', enter)
      window.removeEventListener('dragleave', leave)
      window.removeEventListener('dragover', over)
      window.removeEventListener('drop', drop)
    }
  }, [importFiles])

  async function exportChart(region: string, format: 'svg' | 'png') {
    const root = document.querySelector<HTMLElement>(`section[aria-label="${region}"]`)
    if (root === null) return
    const { svg, width, height } = composeSvg(root)
    const file = `${safeFileName(name)}-${region.toLowerCase().replace(/\s+/g, '-')}.${format}`
    if (format === 'svg') downloadText(svg, file, 'image/svg+xml')
    else downloadBlob(await svgToPng(svg, width, height), file)
  }

  function exportFile(kind: ExportKind) {
    const file = buildExport(store.getState(), kind, safeFileName(name))
    if (file !== null) downloadText(file.text, file.fileName, file.type)
  }

  return (
    <div className="import-export">
      <label className="btn file-button">
        Import…
        <input
          type="file"
          className="visually-hidden"
          aria-label="Import workload"
          accept=".csv,.json,text/csv,application/json"
          onChange={(e) => {
            if (e.target.files !== null) void importFiles(e.target.files)
            e.target.value = ''
          }}
        />
      </label>
      <details className="menu" ref={menu}>
        <summary className="btn">Export</summary>
        <div className="menu-items" role="group" aria-label="Export">
          {EXPORTS.map((x) => (
            <button
              key={x.kind}
              type="button"
              className="menu-item"
              disabled={!done && (x.kind === 'results-json' || x.kind === 'trace-csv')}
              onClick={() => {
                closeMenu()
                exportFile(x.kind)
              }}
              title={x.hint}
            >
              {x.label}
              <span className="menu-hint">{x.hint}</span>
            </button>
          ))}
          {(['Gantt chart', 'Metrics'] as const).flatMap((region) =>
            (['svg', 'png'] as const).map((format) => (
              <button key={`${region}-${format}`} type="button" className="menu-item" onClick={() => {
                  closeMenu()
                  void exportChart(region, format)
                }}>
                {region} ({format.toUpperCase()})
                <span className="menu-hint">the {region === 'Metrics' ? 'metric charts and results' : 'Gantt views'} as shown</span>
              </button>
            )),
          )}
        </div>
      </details>
      {busy !== null && (
        <span className="import-busy" role="status">
          Importing {busy.name} ({busy.sizeMB.toFixed(1)} MB): {busy.read < 1 ? `reading ${Math.round(busy.read * 100)} %` : 'checking every row'}…
        </span>
      )}
      {/* Over the whole window, wherever the editor is scrolled: in the page's body, since the
          editor's panel contains its fixed descendants while it skips rendering off screen. */}
      {dragging &&
        createPortal(
          <div className="drop-overlay" aria-hidden="true">
            Drop a workload CSV or scenario JSON to import it
          </div>,
          document.body,
        )}
    </div>
  )
}
