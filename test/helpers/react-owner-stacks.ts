// React 19's development build records an owner stack for each element it creates: an Error
// with ten frames and a console task (Node has console.createTask), up to 10,000 per render. In a
// CPU profile of the unit suite that was the largest single function and much of the garbage
// collection. The tests read no owner stack (React's warnings still name their component), so
// the count that turns the recording off is held above its limit.

import * as React from 'react'

const INTERNALS = '__CLIENT_INTERNALS_DO_NOT_USE_OR_WARN_USERS_THEY_CANNOT_UPGRADE'

export function skipOwnerStacks(): void {
  const internals = (React as unknown as Record<string, Record<string, unknown> | undefined>)[INTERNALS]
  // Another React: leave it as it is.
  if (internals === undefined || !('recentlyCreatedOwnerStacks' in internals)) return
  Object.defineProperty(internals, 'recentlyCreatedOwnerStacks', {
    configurable: true,
    get: () => Number.MAX_SAFE_INTEGER,
    set: () => {},
  })
}
