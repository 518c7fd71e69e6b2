#!/usr/bin/env node
// `npm run sweep`: runs the sweep command's bundle, rebuilt first if a source changed.
import { pathToFileURL } from 'node:url'
import { ensureBundle, SWEEP_BUNDLE } from './bundle.js'

await import(pathToFileURL(await ensureBundle(SWEEP_BUNDLE)).href)
