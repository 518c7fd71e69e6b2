import { useMemo } from 'react'
import { DEFAULT_GENERATOR, generateWorkload } from '../engine/workloads/generator.ts'
import { useApp, useAppStore } from '../store/context.tsx'
import { draftFromOptions, parseDraft, type GeneratorDraft } from './generator/draft.ts'
import { GeneratorFields } from './generator/GeneratorFields.tsx'
import { GeneratorPreview } from './generator/GeneratorPreview.tsx'
import { ServingGeneratorForm } from './generator/ServingGeneratorForm.tsx'
import { createKeptSlot, useKeptState } from './use-kept-state.ts'
import './generator.css'
import { selectTaskCount } from '../store/selectors.ts'

const formSlot = createKeptSlot<GeneratorDraft>()
/** Beyond this the simulation of every algorithm takes a while; say so before it happens. */
const LARGE_WORKLOAD = 10_000

/** The Generate tab: serving mode generates requests (ServingGeneratorForm), the job modes tasks. */
export function GeneratorForm() {
  const serving = useApp((s) => s.scenario.mode === 'serving')
  return serving ? <ServingGeneratorForm /> : <JobGeneratorForm />
}

/**
 * A synthetic workload from a few distributions: arrivals, token counts, weights and models.
 * The form is kept as typed and checked on every keystroke; a preview shows what "Generate"
 * would produce (same options, same seed, same tasks).
 */
function JobGeneratorForm() {
  const store = useAppStore()
  const taskCount = useApp(selectTaskCount)
  const [draft, setDraft] = useKeptState(formSlot, () => draftFromOptions(DEFAULT_GENERATOR))
  const parsed = useMemo(() => parseDraft(draft), [draft])
  const valid = parsed.problems.size === 0
  const options = valid ? parsed.options : null
  const update = (patch: Partial<GeneratorDraft>) => setDraft((d) => ({ ...d, ...patch }))

  function generate() {
    if (options === null) return
    const label = `generated (seed ${options.seed})`
    store.getState().actions.setWorkload(generateWorkload(options), 'generated', label, { name: `The generated workload (seed ${options.seed})`, undoes: 'it' })
  }

  const count = Number(draft.count)
  return (
    <div className="gen">
      <form className="gen-form" aria-label="Workload generator" onSubmit={(e) => e.preventDefault()}>
        <GeneratorFields draft={draft} problems={parsed.problems} onChange={update}>
          {valid && count > LARGE_WORKLOAD && <p className="notice warn">Large workload: simulating all algorithms on it takes a while.</p>}
        </GeneratorFields>
      </form>

      <section className="gen-preview" aria-label="Preview">
        <h3 className="gen-preview-title">Preview</h3>
        <GeneratorPreview options={options} />
        <div className="gen-apply">
          <button type="button" className="btn primary-btn" disabled={!valid} onClick={generate}>
            Generate
          </button>
          <span className="hint" aria-live="polite">
            {valid
              ? `Replaces the scenario's ${taskCount.toLocaleString('en-US')} tasks · Ctrl/⌘+Z undoes`
              : `Fix the ${parsed.problems.size === 1 ? 'marked field' : `${parsed.problems.size} marked fields`} to generate`}
          </span>
        </div>
      </section>
    </div>
  )
}
