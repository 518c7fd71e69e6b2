import { fileURLToPath } from 'node:url'
import { preview, type PreviewServer } from 'vite'

/** Serves the built app (dist/) on 127.0.0.1 at a free port. */
export async function serveDist(): Promise<{ url: string; close: () => Promise<void> }> {
  const root = fileURLToPath(new URL('../..', import.meta.url))
  const server: PreviewServer = await preview({
    root,
    logLevel: 'silent',
    preview: { host: '127.0.0.1', port: 0, strictPort: false, open: false },
  })
  const url = server.resolvedUrls?.local[0]
  if (url === undefined) throw new Error('preview server has no URL')
  return { url, close: () => server.close() }
}
