import type { ServiceQuota } from '../../../ports/quotas.port.js';
import type { QuotaEnvironment } from './quota-environment.js';

const PER_ENVIRONMENT = /^concurrent(?:ly)?\s+running\s+builds?\s+(?:for|in)\s+(?:the\s+)?(.+?)\s*\/\s*(.+?)(?:\s+environments?)?$/i;
const ACCOUNT_WIDE = /^concurrent(?:ly)?\s+running\s+builds?$/i;

/**
 * The concurrent-build quota for one Platform/Size, matched by name (quota codes
 * differ between partitions); falls back to the account-wide quota some
 * partitions have instead of per-environment ones.
 */
export function findConcurrencyQuota(quotas: readonly ServiceQuota[], environment: QuotaEnvironment): ServiceQuota | undefined {
  const platform = comparable(environment.platform);
  const size = comparable(environment.size);
  const exact = quotas.find((quota) => {
    const parts = PER_ENVIRONMENT.exec(quota.name.trim());
    return parts !== null && comparable(parts[1]!) === platform && comparable(parts[2]!) === size;
  });
  return exact ?? quotas.find((quota) => ACCOUNT_WIDE.test(quota.name.trim()));
}

/** "Windows Server 2019" ~ "windows-server-2019", "10-GB" ~ "10GB". */
function comparable(label: string): string {
  // Stryker disable next-line MethodExpression: both sides are folded alike, so folding to upper case compares the same
  return label.toLowerCase().replace(/[\s_-]/g, '');
}
