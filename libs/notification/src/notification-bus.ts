/** The Redis pub/sub channel that carries new notifications to every API process; one per deployment (queue prefix). */
export function notificationBusChannel(queuePrefix: string): string {
  return `${queuePrefix}:notifications`;
}
