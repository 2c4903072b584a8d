const MIB = 1024 * 1024;

/** Sizes as docker and the ECR console show them: "178 MB", "3.2 GB" (binary units). */
export function formatSize(bytes: number): string {
  const mib = bytes / MIB;
  if (mib < 1024) return `${Math.round(mib)} MB`;
  return `${(mib / 1024).toFixed(1)} GB`;
}

export function mibToBytes(mib: number): number {
  return mib * MIB;
}
