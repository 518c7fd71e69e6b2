import userEvent from '@testing-library/user-event'

export type User = ReturnType<typeof userEvent.setup>

/**
 * user-event as the tests use it, without its wait between two inputs: with the default delay
 * of 0 it still waits for a timer, which Node holds for 1 ms, after every key and click. Nothing
 * a test checks happens in that wait: what comes later (a run, a debounce) is awaited by name.
 */
export function setupUser(options: Parameters<typeof userEvent.setup>[0] = {}): User {
  return userEvent.setup({ delay: null, ...options })
}
