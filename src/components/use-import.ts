import { useCallback, useState } from 'react'
import { useAppStore } from '../store/context.tsx'
import { importFile } from '../worker/parse-client.ts'

const fmtSeconds = (s: number) => `${Number(s.toFixed(3))} s`

export interface ImportProblem {
  readonly fileName: string
  readonly lines: readonly string[]
}

/**
 * Imports a workload CSV or scenario JSON. The file is read and parsed off the main thread;
 * a file with errors is refused whole, with every problem listed, and the scenario on screen
 * stays as it was.
 */
export function useImport() {
  const store = useAppStore()
  const [busy, setBusy] = useState<{ name: string; sizeMB: number; read: number } | null>(null)
  const [problem, setProblem] = useState<ImportProblem | null>(null)

  const importFiles = useCallback(
    async (files: FileList | readonly File[]) => {
      const file = files[0]
      if (file === undefined) return
      setProblem(null)
      setBusy({ name: file.name, sizeMB: file.size / 1e6, read: 0 })
      try {
        const result = await importFile(file, (read) => setBusy({ name: file.name, sizeMB: file.size / 1e6, read }))
        // Receiving the tasks took a while already: show them in a task of their own.
        await new Promise((resolve) => setTimeout(resolve, 0))
        const { scenario, actions } = store.getState()
        if (!result.ok) setProblem({ fileName: file.name, lines: result.problems })
        else if (result.kind === 'csv') {
          // A CSV holds tasks only; the settings stay, except a horizon that would cut the
          // trace short: a trace is imported to be simulated whole.
          const lastArrivalS = result.tasks.reduce((m, t) => Math.max(m, t.arrivalS), 0)
          const cutShort = Number.isFinite(scenario.maxTimeS) && lastArrivalS >= scenario.maxTimeS
          const maxTimeS = cutShort ? Infinity : scenario.maxTimeS
          // A request CSV (input and output tokens) is a serving workload: run it as one.
          const requests = result.tasks.length > 0 && result.tasks.every((t) => t.inputTokens !== undefined && t.outputTokens !== undefined)
          const mode = requests ? 'serving' : scenario.mode
          actions.setScenario({ ...scenario, name: file.name.replace(/\.[^.]*$/, ''), maxTimeS, mode, tasks: result.tasks }, file.name)
          if (cutShort) {
            actions.setNotice(
              `${file.name}: its last task arrives at ${fmtSeconds(lastArrivalS)}, after the max time of ${fmtSeconds(scenario.maxTimeS)}, so the run now goes on until every task completes. Set a max time under Cluster & time; Ctrl/⌘+Z undoes the import.`,
            )
          }
        } else {
          // A file's policies are someone's code: asked about, as a link's are (ConsentDialog).
          // The user's own policies stay (but for one of the same name as the file's).
          const { policies, algorithms } = result.document
          const names = new Set(policies.map((p) => p.name))
          const own = algorithms.filter((a) => !names.has(a))
          const kept = store.getState().customPolicies.filter((p) => !names.has(p.name))
          actions.setScenario(result.document.scenario, file.name, own.length > 0 ? own : ['FIFO'], kept)
          actions.offerPolicies(policies.length > 0 ? { policies, algorithms, from: 'file' } : null)
        }
      } catch (e) {
        setProblem({ fileName: file.name, lines: [`${file.name}: could not be read (${e instanceof Error ? e.message : String(e)})`] })
      } finally {
        setBusy(null)
      }
    },
    [store],
  )
  return { busy, problem, importFiles, clearProblem: () => setProblem(null) }
}
