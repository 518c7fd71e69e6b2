#!/usr/bin/env node
// `npm run sim` and `npx schedscope`: runs the CLI's bundle, rebuilt first if a source changed.
import { pathToFileURL } from 'node:url'
import { ensureBundle } from './bundle.js'

await import(pathToFileURL(await ensureBundle()).href)
