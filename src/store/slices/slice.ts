import type { StoreApi } from 'zustand/vanilla'
import type { AppState, StoreOptions } from '../app-store.ts'

/**
 * One slice of the app store (zustand's slices pattern): its state and its actions, made from
 * the whole store's set and get, since some actions read or write across slices (a new
 * scenario clears the selection; playing reads the run's end).
 */
export type SliceCreator<T extends { readonly actions: object }> = (
  set: StoreApi<AppState>['setState'],
  get: StoreApi<AppState>['getState'],
  options: StoreOptions,
) => T
