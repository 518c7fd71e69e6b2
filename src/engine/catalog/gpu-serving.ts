/**
 * What serving mode needs of a GPU type beyond gpus.ts: dense FP8 TFLOPS (null where the part
 * has no FP8 tensor cores) and the all-reduce bus bandwidth a TP group of it reaches.
 *
 * Bus bandwidth defaults to half the GPU-to-GPU link's bidirectional total: 450 GB/s on an
 * H100's 900 GB/s NVLink, between the 360 GB/s ReduceScatter and the 480 GB/s AllReduce busbw
 * measured on H100, and the share the calibration fitted (docs/serving.md, "Calibration").
 * PCIe parts (no NVLink across a node) get half their PCIe link.
 */
export interface GpuServingFigures {
  readonly fp8Tflops: number | null
  readonly allReduceBusGBs: number
  /** The link the bus figure comes from, for the docs and the app. */
  readonly link: string
}

const BUS_SHARE = 0.5

const FIGURES: Readonly<Record<string, GpuServingFigures>> = {
  'H100-SXM-80GB': { fp8Tflops: 1979, allReduceBusGBs: BUS_SHARE * 900, link: 'NVLink4 900 GB/s' },
  'H100-PCIe-80GB': { fp8Tflops: 1513, allReduceBusGBs: BUS_SHARE * 128, link: 'PCIe5 x16 128 GB/s' },
  'H200-141GB': { fp8Tflops: 1979, allReduceBusGBs: BUS_SHARE * 900, link: 'NVLink4 900 GB/s' },
  'A100-80GB': { fp8Tflops: null, allReduceBusGBs: BUS_SHARE * 600, link: 'NVLink3 600 GB/s' },
  'A100-40GB': { fp8Tflops: null, allReduceBusGBs: BUS_SHARE * 600, link: 'NVLink3 600 GB/s (SXM)' },
  'A30-24GB': { fp8Tflops: null, allReduceBusGBs: BUS_SHARE * 64, link: 'PCIe4 x16 64 GB/s' },
  'L40S-48GB': { fp8Tflops: 733, allReduceBusGBs: BUS_SHARE * 64, link: 'PCIe4 x16 64 GB/s' },
  'L4-24GB': { fp8Tflops: 242, allReduceBusGBs: BUS_SHARE * 64, link: 'PCIe4 x16 64 GB/s' },
}

/** Serving figures of a GPU type by its catalog id. Throws for an id without them (a catalog bug). */
export function gpuServingFigures(gpuId: string): GpuServingFigures {
  if (!Object.hasOwn(FIGURES, gpuId)) throw new Error(`GPU type ${gpuId} has no serving figures`)
  return FIGURES[gpuId]!
}
