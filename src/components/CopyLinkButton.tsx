import { useState } from 'react'
import { useApp, useAppStore } from '../store/context.tsx'

/** Copies the page's link, which holds the whole scenario; says so when it cannot. */
export function CopyLinkButton() {
  const linkStatus = useApp((s) => s.linkStatus)
  const store = useAppStore()
  const [message, setMessage] = useState<string | null>(null)

  async function copy() {
    if (linkStatus === 'too-large') {
      setMessage('This scenario is too large for a link: use Export → Scenario (JSON) and share the file.')
      return
    }
    try {
      // The link as encoded: the address bar may not have it yet while a large run streams in.
      const hash = store.getState().linkHash
      const { origin, pathname, search, href } = window.location
      await navigator.clipboard.writeText(hash === null ? href : `${origin}${pathname}${search}${hash}`)
      setMessage('Link copied: it opens this exact scenario.')
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
