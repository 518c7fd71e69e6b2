import { findArchitecture } from '../catalog/architectures.ts'
import { findModel } from '../catalog/models.ts'
import type { ModelArchitecture, ServingModel } from './types.ts'

/** A model as one serving run knows it: the catalog's, or the scenario's own. */
export interface BookModel {
  /** The name deployments and results use: the catalog name, or the scenario model's. */
  readonly name: string
  /** undefined: the catalog has the model but no architecture figures for it. */
  readonly arch: ModelArchitecture | undefined
}

export interface ModelBook {
  /** The model a request or deployment names, or undefined for a name nobody knows. */
  find(name: string): BookModel | undefined
}

/**
 * The catalog plus the scenario's `models`, which add or replace entries for that scenario.
 * Names resolve as the catalog resolves them (aliases, any case); a scenario model with a
 * catalog name or alias replaces that entry under every one of its names.
 */
export function createModelBook(scenarioModels: readonly ServingModel[]): ModelBook {
  const own = new Map<string, BookModel>()
  for (const m of scenarioModels) {
    const catalog = findModel(m.name)
    const name = catalog?.name ?? m.name
    const arch = { layers: m.layers, hidden: m.hidden, heads: m.heads, kvHeads: m.kvHeads, headDim: m.headDim, activeParamsB: m.activeParamsB, weightsGB: m.weightsGB }
    own.set(name.toLowerCase(), { name, arch })
  }
  return {
    find(name) {
      const catalog = findModel(name)
      const key = (catalog?.name ?? name).trim().toLowerCase()
      const mine = own.get(key)
      if (mine !== undefined) return mine
      if (catalog === undefined) return undefined
      return { name: catalog.name, arch: findArchitecture(catalog.name) }
    },
  }
}
