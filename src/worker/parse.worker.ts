/// <reference lib="webworker" />
import { parseFile, toWire, wireBuffers, type ParseRequest } from './parse-file.ts'

// Parsing a large CSV off the main thread keeps the page responsive while a file imports.
declare const self: DedicatedWorkerGlobalScope
self.onmessage = (e: MessageEvent<ParseRequest>) => {
  const wire = toWire(parseFile(e.data))
  self.postMessage(wire, wireBuffers(wire))
}
