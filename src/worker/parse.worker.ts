/// <reference lib="webworker" />
import { parseFile, toWire, wireBuffers, type ParseRequest, type ParseWire } from './parse-file.ts'
import { serveRequests } from './requests.ts'

// Parsing a large CSV off the main thread keeps the page responsive while a file imports.
declare const self: DedicatedWorkerGlobalScope
serveRequests<ParseRequest, ParseWire>(self, (request) => {
  const reply = toWire(parseFile(request))
  return { reply, transfer: wireBuffers(reply) }
})
