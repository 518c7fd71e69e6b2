import { useState } from 'react'
import { useApp } from '../store/context.tsx'
import { GeneratorForm } from './GeneratorForm.tsx'
import { ImportExport } from './ImportExport.tsx'
import { ServingSettings } from './ServingSettings.tsx'
import { SettingsForm } from './SettingsForm.tsx'
import { TaskTable } from './TaskTable.tsx'
import { selectScenarioLabel, selectTaskCount } from '../store/selectors.ts'

const TABS = [
  { id: 'tasks', label: 'Tasks' },
  { id: 'generate', label: 'Generate' },
  { id: 'settings', label: 'Cluster & time' },
] as const
/** Serving mode's own tab, shown in that mode only. */
const SERVING_TAB = { id: 'serving', label: 'Serving' } as const
type TabId = (typeof TABS)[number]['id'] | typeof SERVING_TAB.id

/** Where a scenario is made: its tasks, a generator, the cluster and time settings, import and export. */
export function ScenarioEditor() {
  const [chosen, setTab] = useState<TabId>('tasks')
  const serving = useApp((s) => s.scenario.mode === 'serving')
  const tabs = serving ? [...TABS, SERVING_TAB] : TABS
  const tab = chosen === 'serving' && !serving ? 'settings' : chosen
  const label = useApp(selectScenarioLabel)
  const count = useApp(selectTaskCount)
  return (
    <>
      <div className="editor-head">
        <h2 className="panel-title">
          Scenario <span className="sub">{label} · {count} tasks · every change re-runs all algorithms · Ctrl/⌘+Z undoes</span>
        </h2>
        <ImportExport />
      </div>
      <div role="tablist" aria-label="Scenario editor sections" className="tabs">
        {tabs.map((t) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            id={`tab-${t.id}`}
            aria-selected={tab === t.id}
            aria-controls={`tabpanel-${t.id}`}
            className="tab"
            onClick={() => setTab(t.id)}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`tabpanel-${tab}`} aria-labelledby={`tab-${tab}`} className="tabpanel">
        {tab === 'tasks' && <TaskTable />}
        {tab === 'generate' && <GeneratorForm />}
        {tab === 'settings' && <SettingsForm />}
        {tab === 'serving' && <ServingSettings />}
      </div>
    </>
  )
}
