import { fromWire, parseFile, type ParseResult, type ParseWire } from './parse-file.ts'

/** Largest file SchedScope imports; bigger ones are refused before reading. */
export const MAX_IMPORT_BYTES = 64 * 1024 * 1024

let worker: Worker | null | undefined
let nextId = 1
const pending = new Map<number, (r: ParseResult) => void>()

function getWorker(): Worker | null {
  if (worker !== undefined) return worker
  try {
    worker = typeof Worker === 'undefined' ? null : new Worker(new URL('./parse.worker.ts', import.meta.url), { type: 'module', name: 'schedscope-parse' })
    if (worker !== null) {
      worker.onmessage = (e: MessageEvent<ParseWire>) => {
        pending.get(e.data.requestId)?.(fromWire(e.data))
        pending.delete(e.data.requestId)
      }
    }
  } catch {
    worker = null
  }
  return worker
}

/** Parses a workload CSV or scenario JSON in a worker (in a macrotask where Workers are missing). */
export function parseInWorker(name: string, text: string): Promise<ParseResult> {
  const requestId = nextId++
  const w = getWorker()
  if (w === null) return new Promise((resolve) => setTimeout(() => resolve(parseFile({ requestId, name, text })), 0))
  return new Promise((resolve) => {
    pending.set(requestId, resolve)
    w.postMessage({ requestId, name, text })
  })
}

/** Reads a file as text, reporting progress (0..1) for large files. */
export function readFileText(file: Blob, onProgress?: (fraction: number) => void): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader()
    reader.onprogress = (e) => {
      if (e.lengthComputable) onProgress?.(e.loaded / e.total)
    }
    reader.onload = () => resolve(String(reader.result))
    reader.onerror = () => reject(reader.error ?? new Error('read failed'))
    reader.readAsText(file)
  })
}

/** Reads and parses a file the user picked or dropped. */
export async function importFile(file: File, onProgress?: (fraction: number) => void): Promise<ParseResult> {
  if (file.size > MAX_IMPORT_BYTES) {
    return { requestId: 0, ok: false, problems: [`${file.name}: is ${(file.size / 1e6).toFixed(1)} MB; the limit is ${MAX_IMPORT_BYTES / 1e6} MB`] }
  }
  return parseInWorker(file.name, await readFileText(file, onProgress))
}
