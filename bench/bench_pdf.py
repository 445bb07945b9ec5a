"""PDFs: the agreement and a rights case's evidence file, against the way they were made before, in one run.

Seeds the small demo into a temporary LINGONG_VAR_DIR (SQLite), then renders,
in this process, each document N times:
- today's code (`lingong.core.pdf`: font slices decompressed once, a PNG QR code);
- the baseline, as it was before: the agreement declared its WOFF2 slices
  directly (WeasyPrint decompressed each one for every document) and drew its
  QR code as an SVG path; the evidence file embedded three whole fonts.
The first call of today's code runs on a cold font cache (reported apart).

Run: python -m bench.bench_pdf [--quick]
"""

from __future__ import annotations

import argparse
import base64
import os
import sys
import tempfile
import time


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="5 documents of each kind instead of 30")
    args = parser.parse_args(argv)
    os.environ["LINGONG_VAR_DIR"] = tempfile.mkdtemp(prefix="lingong-bench-")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lingong.settings.dev")
    os.environ.pop("DATABASE_URL", None)
    import django

    django.setup()
    from django.core.management import call_command
    from django.template.loader import render_to_string
    from django.utils import timezone, translation
    from weasyprint import HTML

    from bench.report import Figures
    from bench.synthetic import percentile_ms
    from lingong.agreements import pdf as agreement_module
    from lingong.agreements.models import Agreement
    from lingong.core import pdf as core_pdf
    from lingong.core.qr import qr_svg
    from lingong.rights.evidence import evidence_context, evidence_pdf
    from lingong.rights.models import RightsCase

    runs = 5 if args.quick else 30
    fig = Figures("bench_pdf" + ("_quick" if args.quick else ""))
    call_command("migrate", verbosity=0)
    call_command("seed_demo", scale="small", seed=540102, stdout=open(os.devnull, "w"))
    agreement = Agreement.objects.order_by("pk").first()
    case = RightsCase.objects.order_by("pk").first()
    verify_url = "https://lingong.example/agreements/verify/0f3c9a/"

    def baseline_agreement() -> bytes:
        context = agreement_module._context(agreement=agreement, verify_url=verify_url)
        context["qr"] = "data:image/svg+xml;base64," + base64.b64encode(qr_svg(verify_url).encode()).decode()

        def render(faces: str, families: str) -> str:
            with translation.override("zh-hans"):
                return render_to_string(
                    "agreements/agreement_pdf.html", {**context, "font_faces": faces, "font_families": families}
                )

        draft = render("", "sans-serif")
        used = {ord(ch) for ch in draft if ord(ch) > 0x7F} | {ord("0"), ord("A")}
        faces, families = [], []
        for family, package in core_pdf.PACKAGES:
            for index, (path, ranges) in enumerate(core_pdf._slices(package)):
                if any(lo <= code <= hi for code in used for lo, hi in ranges):
                    families.append(f"{family} {index}")
                    faces.append(f"@font-face {{ font-family: '{family} {index}'; src: url('{path.as_uri()}'); }}")
        html = render("\n".join(faces), ", ".join(f"'{n}'" for n in [*families, "sans-serif"]))
        return HTML(string=html, base_url=str(core_pdf.FONTSOURCE)).write_pdf()

    whole = (
        ("Lingong Latin", "noto-sans-sc/files/noto-sans-sc-latin-400-normal.woff2"),
        ("Lingong SC", "noto-sans-sc/files/noto-sans-sc-chinese-simplified-400-normal.woff2"),
        ("Lingong Tibetan", "noto-serif-tibetan/files/noto-serif-tibetan-tibetan-400-normal.woff2"),
    )

    def baseline_evidence() -> bytes:
        faces = "\n".join(
            f'@font-face {{ font-family: "{family}"; '
            f'src: url("{core_pdf.font_file(core_pdf.FONTSOURCE / path).as_uri()}") format("truetype"); }}'
            for family, path in whole
        )
        context = evidence_context(case=case, now=timezone.now())
        html = render_to_string(
            "rights/evidence.html",
            {**context, "font_faces": faces, "font_families": ", ".join(f'"{f}"' for f, _p in whole)},
        )
        return HTML(string=html, base_url=str(core_pdf.FONTSOURCE)).write_pdf()

    started = time.perf_counter()
    agreement_module.agreement_pdf(agreement=agreement, verify_url=verify_url)
    fig.add("agreement_cold_font_cache", (time.perf_counter() - started) * 1000, "ms")

    for name, today, baseline in (
        (
            "agreement",
            lambda: agreement_module.agreement_pdf(agreement=agreement, verify_url=verify_url),
            baseline_agreement,
        ),
        ("evidence", lambda: evidence_pdf(case=case, now=timezone.now()), baseline_evidence),
    ):
        samples = {"today": [], "baseline": []}
        for _ in range(runs):  # interleaved, so the machine's load falls on both alike
            for label, render in (("today", today), ("baseline", baseline)):
                t = time.perf_counter_ns()
                pdf = render()
                samples[label].append(time.perf_counter_ns() - t)
                assert pdf.startswith(b"%PDF")
        for label in ("today", "baseline"):
            fig.add(f"{name}_{label}_median", percentile_ms(samples[label], 50), "ms")
            fig.add(f"{name}_{label}_p95", percentile_ms(samples[label], 95), "ms")
            fig.add(f"{name}_{label}_p99", percentile_ms(samples[label], 99), "ms")
        fig.add(
            f"{name}_ratio_baseline_over_today_median",
            percentile_ms(samples["baseline"], 50) / percentile_ms(samples["today"], 50),
            "x",
        )
    fig.add("documents_of_each_kind", runs, "runs")
    fig.write()


if __name__ == "__main__":
    main(sys.argv[1:])
