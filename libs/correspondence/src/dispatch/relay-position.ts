import { DomainError } from '@naskah/core';
import type { OrganisationService } from '@naskah/organisation';
import type { EntityManager } from 'typeorm';

/** Who receives letters an office must forward: its Sekretaris (Sekretaris Jenderal at KPU RI), else its head. */
export async function relayPosition(org: OrganisationService, officeId: number, em?: EntityManager): Promise<number> {
  for (const code of ['SEKRETARIS', 'SEKJEN']) {
    const found = await org.positionByCode(officeId, code, em).catch((err: unknown) => {
      if (err instanceof DomainError && err.kind === 'NOT_FOUND') return null;
      throw err;
    });
    if (found) return found.id;
  }
  return (await org.headPosition(officeId, em)).id;
}
