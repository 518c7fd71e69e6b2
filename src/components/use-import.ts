import { useCallback, useState } from 'react'
import { coloringFor } from '../charts/colors.ts'
import type { AppStore } from '../store/app-store.ts'
import { useAppStore } from '../store/context.tsx'
import { importFile } from '../worker/parse-client.ts'

export interface ImportBusy {
  readonly name: string
  readonly sizeMB: number
  /** How much of the file is read, 0..1. */
  readonly read: number
}

/**
 * Imports a workload CSV or scenario JSON: the one path for a file picked, dropped, or chosen
 * among the shipped samples. The file is read and parsed off the main thread; a file with
 * errors is refused whole, with every problem listed (store.importProblem), and the scenario on
 * screen stays as it was. A CSV holds tasks only, so the settings stay (see setWorkload).
 */
export async function importWorkloadFile(store: AppStore, file: File, onBusy: (busy: ImportBusy | null) => void = () => {}): Promise<void> {
  const busy = (read: number) => onBusy({ name: file.name, sizeMB: file.size / 1e6, read })
  const { actions } = store.getState()
  actions.setImportProblem(null)
  busy(0)
  try {
    const result = await importFile(file, busy)
    // Their colours (every view asks) as they come, and showing them in a task of its own: in one
    // task, 10,000 requests took 28 ms of the page's thread, 7 of them colouring.
    if (result.ok && result.kind === 'csv') coloringFor(result.tasks, store.getState().colorBy)
    await new Promise((resolve) => setTimeout(resolve, 0))
    if (!result.ok) actions.setImportProblem({ fileName: file.name, lines: result.problems })
    else if (result.kind === 'csv') actions.setWorkload(result.tasks, file.name.replace(/\.[^.]*$/, ''), file.name, { name: file.name, undoes: 'the import' })
    else {
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
    actions.setImportProblem({ fileName: file.name, lines: [`${file.name}: could not be read (${e instanceof Error ? e.message : String(e)})`] })
  } finally {
    onBusy(null)
  }
}

/** importWorkloadFile for a component, with its progress as state. */
export function useImport() {
  const store = useAppStore()
  const [busy, setBusy] = useState<ImportBusy | null>(null)
  const importFiles = useCallback(
    async (files: FileList | readonly File[]) => {
      const file = files[0]
      if (file !== undefined) await importWorkloadFile(store, file, setBusy)
    },
    [store],
  )
  return { busy, importFiles }
}
