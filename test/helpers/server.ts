import { fileURLToPath } from 'node:url'
import { preview, type PreviewServer } from 'vite'

/**
 * Headers that make the page cross-origin isolated. Chromium then gives performance.now() and
 * animation-frame times 5 µs rather than 100 µs (with jitter): a 60 Hz frame reads 16.665–16.670
 * ms instead of 16.5–16.8, so a benchmark's frame p95 tells a late frame from rounding.
 */
export const ISOLATION_HEADERS = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' } as const

/** Serves the built app (dist/) on 127.0.0.1 at a free port; `isolated`: with ISOLATION_HEADERS. */
export async function serveDist(options: { readonly isolated?: boolean } = {}): Promise<{ url: string; close: () => Promise<void> }> {
  const root = fileURLToPath(new URL('../..', import.meta.url))
  const server: PreviewServer = await preview({
    root,
    logLevel: 'silent',
    preview: { host: '127.0.0.1', port: 0, strictPort: false, open: false, ...(options.isolated === true && { headers: ISOLATION_HEADERS }) },
  })
  const url = server.resolvedUrls?.local[0]
  if (url === undefined) throw new Error('preview server has no URL')
  return { url, close: () => server.close() }
}
