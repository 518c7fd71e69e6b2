import { useMemo } from 'react'
import { DEFAULT_GENERATOR, generateWorkload } from '../engine/workloads/generator.ts'
import { useApp, useAppStore } from '../store/context.tsx'
import { draftFromOptions, parseDraft, type GeneratorDraft } from './generator/draft.ts'
import { GenerateSection, LargeWorkloadNotice } from './generator/GenerateSection.tsx'
import { GeneratorFields } from './generator/GeneratorFields.tsx'
import { GeneratorPreview } from './generator/GeneratorPreview.tsx'
import { ServingGeneratorForm } from './generator/ServingGeneratorForm.tsx'
import { createKeptSlot, useKeptState } from './use-kept-state.ts'
import './generator.css'
import { selectTaskCount } from '../store/selectors.ts'

const formSlot = createKeptSlot<GeneratorDraft>()

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

  return (
    <div className="gen">
      <form className="gen-form" aria-label="Workload generator" onSubmit={(e) => e.preventDefault()}>
        <GeneratorFields draft={draft} problems={parsed.problems} onChange={update}>
          <LargeWorkloadNotice valid={valid} count={Number(draft.count)} />
        </GeneratorFields>
      </form>

      <GenerateSection problemCount={parsed.problems.size} replaces={`the scenario's ${taskCount.toLocaleString('en-US')} tasks`} onGenerate={generate}>
        <GeneratorPreview options={options} />
      </GenerateSection>
    </div>
  )
}
