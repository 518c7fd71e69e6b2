import { fromWire, parseFile, type ParseRequest, type ParseResult, type ParseWire } from './parse-file.ts'
import { workerRequests, type WorkerRequest } from './requests.ts'

/** Largest file SchedScope imports; bigger ones are refused before reading. */
export const MAX_IMPORT_BYTES = 64 * 1024 * 1024

let request: WorkerRequest<ParseRequest, ParseWire> | null | undefined
let nextId = 1

/** Parses a workload CSV or scenario JSON in a worker (in a macrotask where Workers are missing or failed). */
export function parseInWorker(name: string, text: string): Promise<ParseResult> {
  const requestId = nextId++
  request ??= workerRequests(() => new Worker(new URL('./parse.worker.ts', import.meta.url), { type: 'module', name: 'schedscope-parse' }))
  const here = () => new Promise<ParseResult>((resolve) => setTimeout(() => resolve(parseFile({ requestId, name, text })), 0))
  if (request === null) return here()
  // A worker that failed (its script did not load): parsed here instead.
  return request({ requestId, name, text }).then(fromWire, here)
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
