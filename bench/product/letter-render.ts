import { DataSource } from 'typeorm';
import { AppConfig } from '@naskah/core';
import { AuditService } from '@naskah/audit';
import { OrganisationService } from '@naskah/organisation';
import { FilesService } from '@naskah/storage';
import { LettersRepository, LettersService, LetterWorkNotices, PadesSigner, RenderLetterJob, ReviewService, SigningService } from '@naskah/correspondence';
import { DOCUMENT_SIGNER } from '../../libs/correspondence/src/signature';
import { renderLetterPdf } from '../../libs/correspondence/src/rendering';
import { percentiles, registerBench, since } from '../harness';
import { discardRenderJobs, positionIdOf, principalOf, startProductApi } from '../lib/product-apps';

const round = (ms: number) => Math.round(ms * 10) / 10;

/**
 * The signed document: what the `render-letter` job does for each signed letter — render the PDF,
 * sign it inside (PAdES B-B: placeholder, CAdES over the ByteRange, RSA 3072 with the position's
 * certificate), hash the signed bytes, sign the facts (Ed25519), store the file, record it — one
 * letter after another. Details: the PAdES step alone (on an already rendered PDF, the position's
 * certificate already made), the render alone, and the first use of a position (local CA and
 * certificate created).
 */
registerBench({
  name: 'letter-render-sign',
  kind: 'product',
  description:
    'ms per signed letter (p50) through the real RenderLetterJob: render the PDF, sign it inside (PAdES B-B, RSA 3072 position certificate from the local CA), SHA-256 of the signed bytes, Ed25519 over the facts, store the file, record it; one letter at a time. Details: the PAdES step alone, rendering alone, the first use of a position (CA and certificate created)',
  goal: { max: 400 },
  run: async (ctx) => {
    const { app } = await startProductApi(ctx);
    const ds = app.get(DataSource);
    const render = new RenderLetterJob(
      ds, app.get(LettersRepository), app.get(OrganisationService), app.get(FilesService), app.get(AuditService), app.get(AppConfig),
      app.get(DOCUMENT_SIGNER), app.get(LetterWorkNotices), app.get(PadesSigner),
    );
    const pades = app.get(PadesSigner);
    const drafter = await principalOf(app, 'staf.umum.ri');
    const signer = await principalOf(app, 'sekjen.ri');
    const sekjen = await positionIdOf(ds, 'RI', 'SEKJEN');
    ctx.onCleanup(() => discardRenderJobs(ds));

    // Letters drafted, submitted and signed through the services (not timed); their own render jobs are discarded.
    const n = ctx.quick ? 8 : 40;
    const t0 = performance.now();
    const ids: string[] = [];
    for (let i = 0; i < n; i++) {
      const l = await app.get(LettersService).create(drafter, {
        typeCode: 'SD', subject: `Undangan rapat koordinasi tahapan pemutakhiran data pemilih ${i + 1}`, summary: null,
        body: 'Dengan hormat,\n\nDalam rangka persiapan tahapan pemutakhiran data pemilih, kami mengundang Saudara untuk hadir pada rapat koordinasi.\n\nDemikian disampaikan, atas perhatiannya diucapkan terima kasih.',
        securityClass: 'B', urgency: 'BIASA', classificationCode: 'PP.05', recipients: [{ kind: 'TO' as const, externalName: 'Ketua Bawaslu Republik Indonesia' }],
        reviewerPositionIds: [], signerPositionId: sekjen,
      });
      await app.get(ReviewService).submit(drafter, l.id);
      await app.get(SigningService).signConfirmed(signer, l.id);
      ids.push(l.id);
    }
    await discardRenderJobs(ds);
    ctx.log(`${ids.length} signed letters prepared in ${Math.round(since(t0))} ms`);

    // First use: the local CA (when the bench database has none yet) and the position's certificate.
    const firstStart = performance.now();
    await render.run({ letterId: ids[0] });
    const firstUseMs = since(firstStart);

    const totals: number[] = [];
    for (const id of ids.slice(1)) {
      const t = performance.now();
      const res = await render.run({ letterId: id });
      if (!('sha256' in res)) throw new Error(`letter ${id} not rendered: ${JSON.stringify(res)}`);
      totals.push(since(t));
    }
    const [bad] = await ds.query(`SELECT COUNT(*) AS n FROM letters WHERE id IN (${ids.map(() => '?').join(',')}) AND (embedded_signature_sha256 IS NULL OR document_sha256 IS NULL)`, ids);
    if (Number(bad.n) !== 0) throw new Error(`${bad.n} letters without a signed PDF`);

    // The steps alone, on one letter's input: rendering, and the PAdES step on the rendered PDF.
    const office = await app.get(OrganisationService).getOfficeByCode('RI');
    const input = {
      letterId: ids[0], office: { name: 'KOMISI PEMILIHAN UMUM', city: office.city }, number: '1/PP.05-SD/01/2026', date: new Date(), typeName: 'Surat Dinas',
      securityClass: 'B' as const, urgency: 'BIASA' as const, attachmentsCount: 0, subject: 'Undangan rapat koordinasi', addressees: ['Ketua Bawaslu Republik Indonesia'], copies: [],
      body: 'Dengan hormat,\n\nKami mengundang Saudara.', signature: { capacityPrefix: '', positionTitle: 'SEKRETARIS JENDERAL', signerName: 'Bench' },
      verificationUrl: 'https://naskah.example/verifikasi.html?t=AAAAAAAAAAAAAAAAAAAAAAAA',
    };
    const credentials = await pades.credentialsFor({ positionId: sekjen, positionName: `Sekretaris Jenderal ${office.name}`, city: office.city });
    const renderMs: number[] = [];
    const padesMs: number[] = [];
    for (let i = 0; i < (ctx.quick ? 10 : 40); i++) {
      let t = performance.now();
      const pdf = await renderLetterPdf(input as never);
      renderMs.push(since(t));
      t = performance.now();
      await pades.sign(pdf, credentials, { signerName: 'Bench', city: office.city });
      padesMs.push(since(t));
    }
    const total = percentiles(totals);
    const p = percentiles(padesMs);
    const r = percentiles(renderMs);
    ctx.log(`render+sign p50 ${round(total.p50)} ms; PAdES alone p50 ${round(p.p50)} ms; render alone p50 ${round(r.p50)} ms; first use ${Math.round(firstUseMs)} ms`);
    return {
      value: round(total.p50),
      unit: 'ms/letter',
      extra: {
        letters: totals.length,
        totalMs: { p50: round(total.p50), p90: round(total.p90), max: round(total.max) },
        padesAloneMs: { p50: round(p.p50), p90: round(p.p90), max: round(p.max) },
        renderAloneMs: { p50: round(r.p50), p90: round(r.p90), max: round(r.max) },
        firstUseOfPositionMs: Math.round(firstUseMs),
        certificates: pades.mode,
      },
    };
  },
});
