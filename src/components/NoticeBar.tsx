import { useApp } from '../store/context.tsx'

/** Messages not tied to one field: a link that could not be opened, storage that refused. */
export function NoticeBar() {
  const notice = useApp((s) => s.notice)
  const setNotice = useApp((s) => s.actions.setNotice)
  if (notice === null) return null
  return (
    <div className="notice-bar" role="status">
      <span>{notice}</span>
      <button type="button" className="btn" onClick={() => setNotice(null)}>
        Dismiss
      </button>
    </div>
  )
}
