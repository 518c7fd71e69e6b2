import { useState } from 'react'
import type { AppStore, LinkStatus } from '../store/app-store.ts'
import { useAppStore } from '../store/context.tsx'
import { linkHashOf } from '../store/sync.ts'

/** How long Copy link waits for a link still being encoded. */
const LINK_WAIT_MS = 10_000

/** The link's status once encoded: asks for it (a large scenario's waits for its run otherwise). */
function settledLinkStatus(store: AppStore): Promise<LinkStatus> {
  const now = store.getState().linkStatus
  if (now !== 'pending') return Promise.resolve(now)
  return new Promise((resolve) => {
    const timer = setTimeout(() => done('pending'), LINK_WAIT_MS)
    const stop = store.subscribe(
      (s) => s.linkStatus,
      (status) => status !== 'pending' && done(status),
    )
    function done(status: LinkStatus) {
      clearTimeout(timer)
      stop()
      resolve(status)
    }
    store.getState().actions.wantLink()
  })
}

/** Copies the page's link, which holds the whole scenario; says so when it cannot. */
export function CopyLinkButton() {
  const store = useAppStore()
  const [message, setMessage] = useState<string | null>(null)

  async function copy() {
    if (store.getState().linkStatus === 'pending') setMessage('Preparing the link…')
    const status = await settledLinkStatus(store)
    if (status === 'too-large') {
      setMessage('This scenario is too large for a link: use Export → Scenario (JSON) and share the file.')
      return
    }
    if (status === 'pending') {
      setMessage('The link is not ready yet: try again in a moment.')
      return
    }
    try {
      // The link as encoded: the address bar may not have it yet while a large run streams in.
      const hash = linkHashOf(store.getState())
      const { origin, pathname, search, href } = window.location
      await navigator.clipboard.writeText(hash === null ? href : `${origin}${pathname}${search}${hash}`)
      setMessage(store.getState().lesson !== null ? 'Link copied: it opens this lesson page, at this time.' : 'Link copied: it opens this exact scenario.')
    } catch {
      setMessage('Copy failed: copy the address bar instead, it holds the scenario.')
    }
    setTimeout(() => setMessage(null), 4000)
  }

  return (
    <span className="copy-link">
      <button type="button" className="icon-button" onClick={() => void copy()} aria-describedby={message === null ? undefined : 'copy-link-status'}>
        Copy link
      </button>
      {message !== null && (
        <span id="copy-link-status" role="status" className="copy-link-status">
          {message}
        </span>
      )}
    </span>
  )
}
