import { deploymentColor, textColorOn } from '../../charts/colors.ts'
import type { Cluster } from '../../engine/catalog/clusters.ts'
import type { ServingPreview } from '../../engine/serving/preview.ts'

export interface GpuMapProps {
  readonly cluster: Cluster
  readonly preview: ServingPreview
  /** The refusal of each deployment that did not fit (the engine's words), by deployment index. */
  readonly refused: ReadonlyMap<number, string>
}

/**
 * The cluster's nodes and GPUs with the replica each GPU holds, as the engine placed them
 * (engine/serving/preview.ts runs the run's own placement): colour by deployment, the replica's
 * index on each of its GPUs. A deployment that did not fit keeps the replicas placed before
 * the refusal, and its legend entry says why.
 */
export function GpuMap({ cluster, preview, refused }: GpuMapProps) {
  const holder = new Map<number, ServingPreview['replicas'][number]>()
  for (const r of preview.replicas) for (const g of r.gpus) holder.set(g, r)
  const placed = (d: number) => preview.replicas.filter((r) => r.deployment === d).length
  const free = cluster.gpus.length - holder.size
  return (
    <figure className="gpu-map" aria-label="GPU map">
      <figcaption>
        GPU map: where each replica lands, placed as a run places it (best fit, replica by replica).{' '}
        <span className="sub">
          {holder.size} of {cluster.gpus.length} GPUs hold a replica, {free} free
        </span>
      </figcaption>
      <ul className="gpu-map-legend" aria-label="Deployments on the GPU map">
        {preview.deployments.map((d, i) => (
          <li key={i} className={refused.has(i) ? 'refused' : undefined}>
            <span className="swatch" style={{ background: deploymentColor(i) }} aria-hidden="true" />
            {d.model} TP {d.tp}: {placed(i)} of {d.replicas} {d.replicas === 1 ? 'replica' : 'replicas'} placed
            {refused.has(i) && <span className="field-error"> — refused: {refused.get(i)}</span>}
          </li>
        ))}
      </ul>
      <div className="gpu-map-nodes">
        {cluster.nodes.map((n) => (
          <div key={n.index} className="gpu-node" role="group" aria-label={`Node ${n.index}, ${n.gpu.label}`}>
            <div className="gpu-node-title">
              Node {n.index} <span className="sub">{n.gpu.label}</span>
            </div>
            <div className="gpu-cells">
              {n.gpuIndices.map((g) => {
                const r = holder.get(g)
                const bg = r === undefined ? undefined : deploymentColor(r.deployment)
                const label = r === undefined ? `GPU ${g}: free` : `GPU ${g}: replica ${r.index}, ${r.model} TP ${r.tp}`
                return (
                  <span key={g} role="img" aria-label={label} title={label} className={r === undefined ? 'gpu-cell free' : 'gpu-cell'} style={bg === undefined ? undefined : { background: bg, color: textColorOn(bg) }}>
                    {r === undefined ? '' : r.index}
                  </span>
                )
              })}
            </div>
          </div>
        ))}
      </div>
    </figure>
  )
}
