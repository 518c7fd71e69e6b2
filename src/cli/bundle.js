// The command line's bundle: src/cli/main.ts and everything it imports, built by esbuild into
// one plain-JS file that Node loads in a few milliseconds (running the TypeScript through tsx
// cost ~0.5 s of start-up per run). Built on install (npm's `prepare`), and again by the
// launcher whenever a file the bundle holds is newer than it, so `npm run sim` always runs
// the current sources. `node src/cli/bundle.js` builds it now (and the sweep command's).
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..')

/** Where the CLI's bundle lives (node_modules/.cache: ignored by git, removed with node_modules). */
export const CLI_BUNDLE = {
  root,
  entry: join(root, 'src', 'cli', 'main.ts'),
  outfile: join(root, 'node_modules', '.cache', 'schedscope', 'cli.mjs'),
}

/** The sweep command's bundle (`npm run sweep`), apart so `npm run sim` loads no more than it needs. */
export const SWEEP_BUNDLE = {
  root,
  entry: join(root, 'src', 'cli', 'sweep-main.ts'),
  outfile: join(root, 'node_modules', '.cache', 'schedscope', 'sweep.mjs'),
}

const mtimeMs = (path) => statSync(path, { throwIfNoEntry: false })?.mtimeMs

/**
 * Is the bundle missing, or was any file it holds changed (or removed) since its build began?
 * Beside the bundle are the time its build began and its inputs (esbuild's metafile), so this
 * costs one stat per file. A file saved while a build runs counts as changed: built again next time.
 */
export function isStale({ root, outfile }) {
  let meta
  try {
    meta = JSON.parse(readFileSync(`${outfile}.inputs.json`, 'utf8'))
    statSync(outfile)
  } catch {
    return true
  }
  if (!Array.isArray(meta?.inputs) || typeof meta.builtAt !== 'number') return true
  return meta.inputs.some((file) => {
    const m = mtimeMs(join(root, file))
    return m === undefined || m > meta.builtAt
  })
}

/** Builds the bundle and its inputs list; written aside, then renamed, so a reader never sees half a file. */
export async function buildBundle({ root, entry, outfile }) {
  const { build } = await import('esbuild')
  mkdirSync(dirname(outfile), { recursive: true })
  const builtAt = Date.now()
  const tmp = `${outfile}.${process.pid}.tmp`
  const result = await build({
    entryPoints: [entry],
    outfile: tmp,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    metafile: true,
    logLevel: 'warning',
  })
  // esbuild names inputs relative to its working directory; keep them relative to root.
  const inputs = Object.keys(result.metafile.inputs).map((p) => relative(root, resolve(p)))
  renameSync(tmp, outfile)
  writeFileSync(`${outfile}.inputs.json.${process.pid}.tmp`, JSON.stringify({ builtAt, inputs }))
  renameSync(`${outfile}.inputs.json.${process.pid}.tmp`, `${outfile}.inputs.json`)
}

/** The bundle's path, built first if it is missing or stale. */
export async function ensureBundle(spec = CLI_BUNDLE) {
  if (isStale(spec)) await buildBundle(spec)
  return spec.outfile
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await buildBundle(CLI_BUNDLE)
  await buildBundle(SWEEP_BUNDLE)
}
