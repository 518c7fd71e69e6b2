/// <reference lib="webworker" />
import { parseFile, type ParseRequest } from './parse-file.ts'

// Parsing a large CSV off the main thread keeps the page responsive while a file imports.
declare const self: DedicatedWorkerGlobalScope
self.onmessage = (e: MessageEvent<ParseRequest>) => self.postMessage(parseFile(e.data))
