"""Command line: ``python -m engine extract FILE`` and ``python -m engine bench DATASET_DIR``."""
import argparse
import json
import sys

from .errors import DocumentError


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m engine", description="Digitize document extraction engine")
    sub = parser.add_subparsers(dest="command", required=True)
    ext = sub.add_parser("extract", help="print the Extract API result JSON for a file")
    ext.add_argument("file")
    ext.add_argument("--type", default="invoice", choices=("invoice", "expense", "applicant"))
    ext.add_argument("--lang", default=None, help="user language, e.g. fr_FR")
    ext.add_argument("--ocr", default="rapidocr", choices=("rapidocr", "tesseract"))
    ext.add_argument("--vat", default=None, help="the user's company VAT number")
    ext.add_argument("--company", default=None, help="the user's company name")
    ext.add_argument("--perspective", default="client", choices=("client", "supplier"))
    ext.add_argument("--full-text", action="store_true", help="keep full_text_annotation in the output")
    bench = sub.add_parser("bench", help="per-field accuracy and timings over a labels.jsonl folder")
    bench.add_argument("dataset")
    bench.add_argument("--ocr", default="rapidocr", choices=("rapidocr", "tesseract"))
    bench.add_argument("--render", action="store_true", help="render PDFs to images first (benchmarks the OCR path)")
    bench.add_argument("--limit", type=int, default=0, help="only the first N documents")
    bench.add_argument("--errors", action="store_true", help="list every mismatch")
    bench.add_argument("--json", dest="json_out", default=None, help="also write the figures to this file")
    bench.add_argument("--threads", type=int, default=0,
                       help="OCR threads (1 measures one core; 0: all the CPUs this process may use)")
    args = parser.parse_args(argv)

    if args.command == "extract":
        from .extractor import extract

        user_infos = {"user_lang": args.lang, "user_company_vat": args.vat, "user_company_name": args.company,
                      "perspective": args.perspective}
        try:
            with open(args.file, "rb") as handle:
                data = handle.read()
            result = extract(data, args.type, {k: v for k, v in user_infos.items() if v}, ocr=args.ocr)
        except DocumentError as exc:
            print(json.dumps({"error": exc.code, "message": exc.message}), file=sys.stderr)
            return 2
        except OSError as exc:
            print(json.dumps({"error": "io", "message": str(exc)}), file=sys.stderr)
            return 2
        if not args.full_text:
            result.pop("full_text_annotation", None)
        print(json.dumps(result, indent=2, ensure_ascii=False))
        return 0
    if args.threads:
        import os

        os.environ["DIGITIZE_OCR_THREADS"] = str(args.threads)
    from .bench import run_bench

    return run_bench(args.dataset, ocr=args.ocr, render=args.render, limit=args.limit, show_errors=args.errors,
                     json_out=args.json_out)


if __name__ == "__main__":
    sys.exit(main())
