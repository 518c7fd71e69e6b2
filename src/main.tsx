import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './components/App.tsx'
import { createAppStore } from './store/app-store.ts'
import { StoreProvider } from './store/context.tsx'
import { connectRunner } from './store/runner.ts'
import './styles.css'

const store = createAppStore()
connectRunner(store)

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <StoreProvider store={store}>
      <App />
    </StoreProvider>
  </StrictMode>,
)
