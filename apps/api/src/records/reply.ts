/** The part of Fastify's reply the binary endpoints use. */
export interface BinaryReply {
  header(k: string, v: string): unknown;
  send(b: Buffer | string): void;
}

export function sendFile(reply: BinaryReply, data: Buffer | string, mime: string, filename: string, sha256?: string): void {
  reply.header('content-type', mime);
  reply.header('content-disposition', `attachment; filename="${encodeURIComponent(filename)}"`);
  if (sha256) reply.header('x-content-sha256', sha256);
  reply.send(data);
}
