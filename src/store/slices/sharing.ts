import type { OfferedPolicies } from '../app-store.ts'
import { showCustomPolicies } from '../page-policies.ts'
import { inOrder } from './scenario.ts'
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
  /**
   * Policies written by someone else that a link brought: they do not run until the user says
   * so (ConsentDialog); meanwhile the scenario runs without them.
   */
  readonly offeredPolicies: OfferedPolicies | null
  readonly actions: SharingActions
}

export interface SharingActions {
  setLinkStatus(status: LinkStatus, hash?: string | null): void
  /** Asks for the scenario's link now (see linkWanted). */
  wantLink(): void
  /** Offers a link's policies for consent (null: withdraws the offer). */
  offerPolicies(offer: OfferedPolicies | null): void
  /** Runs the offered policies (adds them to the scenario's and turns on what the link named). */
  acceptPolicies(): void
  /** Keeps the scenario without the offered policies, and says so. */
  declinePolicies(): void
}

/** What the page says when the user declines a link's policies. */
export const DECLINED_NOTICE = 'The scenario was opened without the policy written by someone else; nothing of its code ran.'

export const createSharingSlice: SliceCreator<SharingSlice> = (set, _get, options) => ({
  linkStatus: 'ok',
  linkHash: null,
  linkWanted: false,
  offeredPolicies: options.offeredPolicies ?? null,
  actions: {
    setLinkStatus: (linkStatus, linkHash = null) => set({ linkStatus, linkHash, linkWanted: false }),
    wantLink: () => set({ linkWanted: true }),
    offerPolicies: (offer) => set({ offeredPolicies: offer }),
    acceptPolicies: () =>
      set((s) => {
        const offer = s.offeredPolicies
        if (offer === null) return {}
        const names = new Set(offer.policies.map((p) => p.name))
        const custom = [...s.customPolicies.filter((p) => !names.has(p.name)), ...offer.policies]
        showCustomPolicies(custom)
        const algorithms = inOrder([...s.algorithms, ...offer.algorithms.filter((a) => names.has(a))])
        return { offeredPolicies: null, customPolicies: custom, algorithms }
      }),
    declinePolicies: () => set((s) => (s.offeredPolicies === null ? {} : { offeredPolicies: null, notice: DECLINED_NOTICE })),
  },
})
