export interface ServiceQuota {
  code: string;
  name: string;
  value: number;
}

export interface QuotasPort {
  /** Every applied quota of the service (ListServiceQuotas, all pages). */
  listQuotas(serviceCode: string): Promise<ServiceQuota[]>;
}
