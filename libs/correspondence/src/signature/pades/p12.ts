import { createPrivateKey, X509Certificate, type KeyObject } from 'node:crypto';
import forge from 'node-forge';
import type { SigningCredentials } from './cms';

export class P12Error extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'P12Error';
  }
}

/**
 * Reads a PKCS#12 file (a certificate from a real CA such as BSrE/PSrE): its private key (RSA or
 * EC) and its certificates, the one matching the key first, then its issuers as far as the file
 * carries them. Throws P12Error (never showing the password) when it cannot.
 */
export function readP12(data: Buffer, password: string): SigningCredentials {
  let p12: forge.pkcs12.Pkcs12Pfx;
  try {
    p12 = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(forge.util.createBuffer(data.toString('binary'))), false, password);
  } catch (err) {
    const wrong = /password|MAC|decrypt/i.test((err as Error).message);
    throw new P12Error(wrong ? 'berkas PKCS#12 tidak dapat dibuka: kata sandi salah (wrong password)' : `berkas bukan PKCS#12 yang dapat dibaca (not a readable PKCS#12: ${(err as Error).message})`);
  }
  const keyBags = [
    ...(p12.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag })[forge.pki.oids.pkcs8ShroudedKeyBag] ?? []),
    ...(p12.getBags({ bagType: forge.pki.oids.keyBag })[forge.pki.oids.keyBag] ?? []),
  ];
  if (keyBags.length !== 1) throw new P12Error(`berkas PKCS#12 harus memuat tepat satu kunci privat, ditemukan ${keyBags.length} (exactly one private key expected)`);
  const bag = keyBags[0];
  let privateKey: KeyObject;
  if (bag.key) privateKey = createPrivateKey(forge.pki.privateKeyToPem(bag.key));
  else if (bag.asn1) privateKey = createPrivateKey({ key: Buffer.from(forge.asn1.toDer(bag.asn1).getBytes(), 'binary'), format: 'der', type: 'pkcs8' });
  else throw new P12Error('kunci privat dalam PKCS#12 tidak dapat dibaca (unreadable private key)');

  const certs = (p12.getBags({ bagType: forge.pki.oids.certBag })[forge.pki.oids.certBag] ?? [])
    .map((b) => (b.cert ? forge.pki.certificateToAsn1(b.cert) : (b.asn1 ?? null)))
    .filter((a): a is forge.asn1.Asn1 => !!a)
    .map((a) => new X509Certificate(Buffer.from(forge.asn1.toDer(a).getBytes(), 'binary')));
  const leaf = certs.find((c) => c.checkPrivateKey(privateKey));
  if (!leaf) throw new P12Error('berkas PKCS#12 tidak memuat sertifikat untuk kunci privatnya (no certificate matches the private key)');
  const chain = [leaf];
  for (let cur = leaf; chain.length < 10; ) {
    const parent = certs.find((c) => !chain.includes(c) && cur.checkIssued(c) && cur.verify(c.publicKey));
    if (!parent) break;
    chain.push(parent);
    cur = parent;
  }
  return { privateKey, chain };
}
