import { useLayoutEffect, useMemo, useRef } from 'react'
import { shallow } from 'zustand/shallow'
import { requestColor } from '../charts/colors.ts'
import { drawKvGrid, kvGridLayout } from '../charts/kv-grid.ts'
import { kvUseColumns } from '../charts/kv-use.ts'
import { replicaAt, type ServingRunInfo } from '../run-view/serving.ts'
import { kvBlockRuns, kvUseByReplica, preemptionTimes, type KvUse } from '../run-view/serving-kv.ts'
import { timeAt, windowEndS } from '../run-view/time.ts'
import type { AppState } from '../store/app-store.ts'
import { useApp } from '../store/context.tsx'
import { selectCursorVersion, selectFocus, selectFocusTimeline, selectRunScenario } from '../store/selectors.ts'
import { fmtTime } from './format.ts'
import { useAfterPublish } from './use-after-publish.ts'
import { KV_TURNS, MOUNT_TURNS, useMountTurns } from './use-mount-turn.ts'
import { useShownStep } from './use-shown-step.ts'
import './kv-cache.css'

/** Replicas drawn at most (the rest are counted): each is a grid of up to tens of thousands of blocks. */
export const KV_REPLICAS_SHOWN = 16
const GRID_W = 220
const GRID_MAX_H = 110
const USE_H = 36
/** Holders named under a grid; the rest are counted. */
const HOLDERS_NAMED = 6

/** What a publication changes that the panel reads: the run's end, the cursor's and the run's versions. */
const selectPublished = (s: AppState) => [s.run.endStep, selectCursorVersion(s), s.run.version] as const

/**
 * Serving mode's KV cache at the cursor, for the focused algorithm: per replica its blocks as a
 * grid coloured by the request holding them (free ones blank), and below it the share of its
 * blocks in use over the whole run, preemptions marked in red, the cursor in black.
 */
export function KvCachePanel() {
  const focus = useApp(selectFocus)
  const tl = useApp(selectFocusTimeline)
  // Its replicas mount a quarter a frame (use-mount-turn.ts); until then each holds its place
  // (KvReplicaPlace), so the page below does not move at each turn.
  const turns = useMountTurns(MOUNT_TURNS.kv, KV_TURNS)
  const info = useApp((s) => s.run.prepared?.serving)
  const whole = turns === KV_TURNS
  const scenario = useApp(selectRunScenario)
  // A frame after the Gantt in a large run (use-after-publish.ts).
  const [endStep, version, runVersion] = useAfterPublish(selectPublished, shallow)
  const step = useShownStep()
  const ids = useMemo(() => scenario.tasks.map((t) => t.id), [scenario.tasks])

  // The whole run's KV use: read again only when more of the run has streamed in.
  const history = useMemo(
    () => (tl === undefined || info === undefined || turns === 0 ? null : { use: kvUseByReplica(tl, info), preemptions: preemptionTimes(tl, info.replicas.length) }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [tl, info, runVersion, turns === 0],
  )

  const title = (
    <h2 className="panel-title">
      KV cache <span className="sub">{focus} at the cursor · a cell is a block, coloured by the request holding it</span>
    </h2>
  )
  if (tl === undefined || info === undefined) {
    return (
      <>
        {title}
        <p className="hint">The KV cache shows once the serving run has started.</p>
      </>
    )
  }
  const cursorS = timeAt(scenario, step)
  const endS = Math.max(windowEndS(scenario, Math.max(1, endStep)), cursorS)
  const placed = info.replicas.slice(0, KV_REPLICAS_SHOWN)
  const mounted = history === null ? 0 : (KV_REPLICAS_SHOWN * turns) / KV_TURNS
  return (
    <>
      {title}
      {/* It scrolls when many replicas are shown: focusable, so a keyboard can scroll it too. */}
      <div className="kv-replicas" tabIndex={0} role="group" aria-label="Replicas">
        {placed.map((_, r) =>
          history === null || r >= mounted ? (
            <KvReplicaPlace key={r} replica={r} info={info} />
          ) : (
            <KvReplica
              key={r}
              replica={r}
              info={info}
              ids={ids}
              step={step}
              version={version}
              tlKey={tl}
              use={history.use[r]!}
              preemptions={history.preemptions[r]!}
              cursorS={cursorS}
              endS={endS}
            />
          ),
        )}
      </div>
      {whole && info.replicas.length > placed.length && <p className="hint">{`${placed.length} of ${info.replicas.length} replicas shown.`}</p>}
      <p className="kv-legend hint">
        <span className="swatch kv-free" aria-hidden="true" /> free · <span className="swatch kv-outside" aria-hidden="true" /> held by a running request
        outside this iteration · <span className="swatch kv-preempt" aria-hidden="true" /> preemption
      </p>
    </>
  )
}

/**
 * A replica's place until its turn: its caption and boxes the size of its grid and use chart,
 * empty (hidden from assistive technology: the replica is not there yet).
 */
function KvReplicaPlace({ replica, info }: { readonly replica: number; readonly info: ServingRunInfo }) {
  const r = info.replicas[replica]!
  const layout = useMemo(() => kvGridLayout(r.blocks, GRID_W, GRID_MAX_H), [r.blocks])
  return (
    <figure className="kv-replica kv-replica-place" aria-hidden="true">
      <figcaption>
        <strong>{`Replica ${replica}`}</strong> <span className="sub">{`${info.models[r.model]} · TP ${r.tp} · GPU ${r.gpus.join(', ')}`}</span>
      </figcaption>
      <p className="kv-readout num">{`0 of ${r.blocks} blocks used (0 %) · 0 in the batch`}</p>
      <div className="kv-grid" style={{ width: GRID_W, height: layout.heightPx }} />
      <ul className="kv-holders" />
      <div className="kv-use" style={{ width: GRID_W, height: USE_H + 4 }} />
    </figure>
  )
}

interface KvReplicaProps {
  readonly replica: number
  readonly info: ServingRunInfo
  readonly ids: readonly string[]
  readonly step: number
  /** Changes when streamed batches may change the step shown. */
  readonly version: number
  readonly tlKey: Parameters<typeof replicaAt>[0]
  readonly use: KvUse
  readonly preemptions: readonly number[]
  readonly cursorS: number
  readonly endS: number
}

function KvReplica({ replica, info, ids, step, version, tlKey: tl, use, preemptions, cursorS, endS }: KvReplicaProps) {
  const canvasRef = useRef<HTMLCanvasElement>(null)
  const r = info.replicas[replica]!
  const at = useMemo(
    () => replicaAt(tl, info, replica, step),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [tl, info, replica, step, version],
  )
  const runs = useMemo(() => kvBlockRuns(at, info.blockSize), [at, info.blockSize])
  const layout = useMemo(() => kvGridLayout(r.blocks, GRID_W, GRID_MAX_H), [r.blocks])
  useLayoutEffect(() => {
    const canvas = canvasRef.current
    const ctx = canvas?.getContext?.('2d') ?? null
    if (canvas === null || ctx === null) return
    const dpr = window.devicePixelRatio || 1
    // Set only when it changes: setting a canvas's size, even to the same, allocates its backing store again.
    const w = Math.round(GRID_W * dpr)
    const h = Math.round(layout.heightPx * dpr)
    if (canvas.width !== w) canvas.width = w
    if (canvas.height !== h) canvas.height = h
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0)
    drawKvGrid(ctx, runs, layout, GRID_W)
  }, [runs, layout])

  const holders = at.requests.map((q, k) => ({ id: ids[q] ?? String(q), request: q, blocks: Math.ceil((at.computed[k]! + at.tokens[k]!) / info.blockSize) }))
  const columns = useMemo(() => kvUseColumns(use, r.blocks, endS, GRID_W), [use, r.blocks, endS])
  const x = (t: number) => (endS > 0 ? (t / endS) * GRID_W : 0)
  const usePath = useMemo(() => {
    let d = `M0 ${USE_H}`
    columns.forEach((v, px) => (d += `L${px} ${USE_H - v * USE_H}L${px + 1} ${USE_H - v * USE_H}`))
    return `${d}L${GRID_W} ${USE_H}Z`
  }, [columns])
  const percent = r.blocks > 0 ? Math.round((100 * at.usedBlocks) / r.blocks) : 0
  return (
    <figure className="kv-replica" aria-label={`Replica ${replica}`}>
      <figcaption>
        <strong>{`Replica ${replica}`}</strong> <span className="sub">{`${info.models[r.model]} · TP ${r.tp} · GPU ${r.gpus.join(', ')}`}</span>
      </figcaption>
      <p className="kv-readout num">{`${at.usedBlocks} of ${r.blocks} blocks used (${percent} %) · ${at.requests.length} in the batch`}</p>
      <canvas
        ref={canvasRef}
        className="kv-grid"
        style={{ width: GRID_W, height: layout.heightPx }}
        role="img"
        aria-label={`Replica ${replica} KV blocks: ${at.usedBlocks} used, ${at.freeBlocks} free`}
      />
      <ul className="kv-holders">
        {holders.slice(0, HOLDERS_NAMED).map((h) => (
          <li key={h.request}>
            <span className="swatch" style={{ background: requestColor(h.request) }} aria-hidden="true" />
            {`${h.id} ${h.blocks}`}
          </li>
        ))}
        {holders.length > HOLDERS_NAMED && <li className="hint">{`+${holders.length - HOLDERS_NAMED} more`}</li>}
      </ul>
      <svg className="kv-use" width={GRID_W} height={USE_H + 4} role="img" aria-label={`Replica ${replica} KV use over time, ${preemptions.length} preemptions`}>
        <path d={usePath} className="kv-use-area" />
        {preemptions.map((t, k) => (
          <line key={k} className="kv-preempt-mark" x1={x(t)} x2={x(t)} y1={0} y2={8} />
        ))}
        <line className="kv-cursor" x1={x(cursorS)} x2={x(cursorS)} y1={0} y2={USE_H + 4} />
        <title>{`KV blocks in use over 0 – ${fmtTime(endS)}; red: preemptions`}</title>
      </svg>
    </figure>
  )
}
