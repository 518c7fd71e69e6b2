import type { SliceCreator } from './slice.ts'

export type LinkStatus = 'ok' | 'too-large' | 'pending'

/** The scenario's share link, as the sync keeps it (see store/sync.ts). */
export interface SharingSlice {
  /**
   * Whether the scenario fits in a share link (else: export it as JSON), or its link is still
   * being encoded (a large scenario's waits for its run unless asked for: see sync.ts).
   */
  readonly linkStatus: LinkStatus
  /** The scenario's link (`#s=…`) once encoded; the address bar may get it later (see sync.ts). */
  readonly linkHash: string | null
  /** Someone waits for the link (Copy link): encode it now, even while a run streams in. */
  readonly linkWanted: boolean
  readonly actions: SharingActions
}

export interface SharingActions {
  setLinkStatus(status: LinkStatus, hash?: string | null): void
  /** Asks for the scenario's link now (see linkWanted). */
  wantLink(): void
}

export const createSharingSlice: SliceCreator<SharingSlice> = (set) => ({
  linkStatus: 'ok',
  linkHash: null,
  linkWanted: false,
  actions: {
    setLinkStatus: (linkStatus, linkHash = null) => set({ linkStatus, linkHash, linkWanted: false }),
    wantLink: () => set({ linkWanted: true }),
  },
})
