/**
 * GPU types. Dense BF16 TFLOPS (datasheets quote sparse figures: halve them), memory in GB
 * (1e9 B) and HBM/GDDR bandwidth in GB/s, from shared/DOMAIN.md section 2.
 */
export interface GpuType {
  readonly id: string
  readonly label: string
  readonly memoryGB: number
  readonly bandwidthGBs: number
  readonly bf16Tflops: number
  /** Largest group of these GPUs joined in one node (NVLink domain). */
  readonly gpusPerNode: number
}

const GPU_LIST: readonly GpuType[] = [
  { id: 'H100-SXM-80GB', label: 'H100 SXM 80 GB', memoryGB: 80, bandwidthGBs: 3350, bf16Tflops: 989, gpusPerNode: 8 },
  { id: 'H100-PCIe-80GB', label: 'H100 PCIe 80 GB', memoryGB: 80, bandwidthGBs: 2000, bf16Tflops: 756, gpusPerNode: 8 },
  { id: 'H200-141GB', label: 'H200 SXM 141 GB', memoryGB: 141, bandwidthGBs: 4800, bf16Tflops: 989, gpusPerNode: 8 },
  { id: 'A100-80GB', label: 'A100 SXM 80 GB', memoryGB: 80, bandwidthGBs: 2039, bf16Tflops: 312, gpusPerNode: 8 },
  { id: 'A100-40GB', label: 'A100 40 GB', memoryGB: 40, bandwidthGBs: 1555, bf16Tflops: 312, gpusPerNode: 8 },
  // A30: 24 GB HBM2, 933 GB/s, 165 dense BF16 TFLOPS (NVIDIA A30 datasheet; not in DOMAIN.md).
  { id: 'A30-24GB', label: 'A30 24 GB', memoryGB: 24, bandwidthGBs: 933, bf16Tflops: 165, gpusPerNode: 8 },
  { id: 'L40S-48GB', label: 'L40S 48 GB', memoryGB: 48, bandwidthGBs: 864, bf16Tflops: 362, gpusPerNode: 8 },
  { id: 'L4-24GB', label: 'L4 24 GB', memoryGB: 24, bandwidthGBs: 300, bf16Tflops: 121, gpusPerNode: 8 },
]

/** Short names people type (`H100`, `a100`) map to a catalog entry (a Map: any typed name is safe). */
const GPU_ALIASES: ReadonlyMap<string, string> = new Map([
  ['h100', 'H100-SXM-80GB'],
  ['h100-sxm', 'H100-SXM-80GB'],
  ['h100-pcie', 'H100-PCIe-80GB'],
  ['h200', 'H200-141GB'],
  ['a100', 'A100-80GB'],
  ['a100-80gb', 'A100-80GB'],
  ['a100-40gb', 'A100-40GB'],
  ['a30', 'A30-24GB'],
  ['l40s', 'L40S-48GB'],
  ['l4', 'L4-24GB'],
])

const GPUS_BY_ID = new Map(GPU_LIST.map((g) => [g.id.toLowerCase(), g]))

export const GPU_TYPES: readonly GpuType[] = GPU_LIST

/** The GPU type for an id or alias (case-insensitive), or undefined. */
export function findGpuType(name: string): GpuType | undefined {
  const key = name.trim().toLowerCase()
  return GPUS_BY_ID.get(key) ?? GPUS_BY_ID.get((GPU_ALIASES.get(key) ?? '').toLowerCase())
}
