"""Command line: ``python -m engine extract FILE``.

``python -m engine bench DATASET_DIR`` is an alias of the development tool ``python -m tools.bench DATASET_DIR``
(tools/bench.py, outside the engine package): it is imported only when asked for, from the addon's root folder.
"""
import argparse
import json
import os
import sqlite3
import sys

from .errors import DocumentError

EXTRACT_EPILOG = """exit status: 0 with the result JSON on stdout; 2 with {"error": code, "message": ...} on stderr,
code one of: unsupported_format, empty, corrupt, encrypted, too_large, timeout (those of engine.DocumentError),
or io (the file itself cannot be opened or read: missing, a folder, no permission), or bad_memory (--memory
names a file that is not a memory). Time budget: DIGITIZE_TIME_BUDGET seconds (default 45)."""


LEARN_EPILOG = """--values is a JSON object from Extract API feature names to validated contents in the formats extract
prints; features the memory does not use are ignored. exit status: 0 and nothing printed; 2 with {"error": code,
"message": ...} on stderr as for extract, or code bad_values (--values is not a JSON object), or bad_memory (the
memory file is not one: another kind of file, or damaged)."""


def read_document(path, max_bytes):
    """The bytes of the file at ``path``; ``DocumentError('too_large')`` past ``max_bytes``, found from its size
    before reading it (a 3 GiB file is never read into memory)."""
    size = os.path.getsize(path)
    if size > max_bytes:
        raise DocumentError("too_large", f"The document is {size} bytes; the limit is {max_bytes}.")
    with open(path, "rb") as handle:
        data = handle.read(max_bytes + 1)  # (a file that grew since, or a device that reports no size)
    if len(data) > max_bytes:
        raise DocumentError("too_large", f"The document is over {max_bytes} bytes, the limit.")
    return data


def main(argv=None):
    argv = sys.argv[1:] if argv is None else list(argv)
    if argv[:1] == ["bench"]:
        from tools.bench import main as bench

        return bench(argv[1:], prog="python -m engine bench")
    parser = argparse.ArgumentParser(prog="python -m engine", description="Digitize document extraction engine")
    sub = parser.add_subparsers(dest="command", required=True)
    ext = sub.add_parser("extract", help="print the Extract API result JSON for a file", epilog=EXTRACT_EPILOG,
                         formatter_class=argparse.RawDescriptionHelpFormatter)
    ext.add_argument("file")
    ext.add_argument("--type", default="invoice", choices=("invoice", "expense", "applicant"))
    ext.add_argument("--lang", default=None, help="user language, e.g. fr_FR")
    ext.add_argument("--ocr", default="rapidocr", choices=("rapidocr", "tesseract"))
    ext.add_argument("--vat", default=None, help="the user's company VAT number")
    ext.add_argument("--company", default=None, help="the user's company name")
    ext.add_argument("--perspective", default="client", choices=("client", "supplier"))
    ext.add_argument("--full-text", action="store_true", help="keep full_text_annotation in the output")
    ext.add_argument("--memory", default=None, help="a memory file (SQLite) to read with; never written")
    learn = sub.add_parser("learn", help="teach a memory file one validated document (prints nothing)",
                           epilog=LEARN_EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    learn.add_argument("file")
    learn.add_argument("--type", default="invoice", choices=("invoice", "expense", "applicant"))
    learn.add_argument("--memory", required=True, help="the memory file (SQLite), created on first use")
    learn.add_argument("--values", required=True, help='validated contents, e.g. {"supplier": "ACME", "total": 12.5}')
    learn.add_argument("--lang", default=None, help="user language, e.g. fr_FR")
    learn.add_argument("--ocr", default="rapidocr", choices=("rapidocr", "tesseract"))
    # (listed for --help; the arguments are the tool's own: python -m tools.bench --help)
    sub.add_parser("bench", help="per-field accuracy and timings over a labels.jsonl folder (development tool, "
                   "same as python -m tools.bench)", add_help=False)
    args = parser.parse_args(argv)

    if args.command == "learn":
        return _learn(args)
    if args.command == "extract":
        from .extractor import extract
        from .reading.loader import DEFAULT_LIMITS

        user_infos = {"user_lang": args.lang, "user_company_vat": args.vat, "user_company_name": args.company,
                      "perspective": args.perspective}
        try:
            data = read_document(args.file, DEFAULT_LIMITS.max_bytes)
            memory = None
            if args.memory:
                from .memory import open_memory

                memory = open_memory(args.memory, readonly=True, own_ids=[args.vat])
            result = extract(data, args.type, {k: v for k, v in user_infos.items() if v}, ocr=args.ocr,
                             memory=memory)
        except DocumentError as exc:
            print(json.dumps({"error": exc.code, "message": exc.message}), file=sys.stderr)
            return 2
        except OSError as exc:  # the file, not the document: documented as the CLI's own code "io"
            print(json.dumps({"error": "io", "message": str(exc)}), file=sys.stderr)
            return 2
        except sqlite3.DatabaseError as exc:
            return _bad_memory(args.memory, exc)
        if not args.full_text:
            result.pop("full_text_annotation", None)
        print(json.dumps(result, indent=2, ensure_ascii=False, allow_nan=False))
        return 0


def _learn(args):
    from .memory import learn, open_memory
    from .reading.loader import DEFAULT_LIMITS

    try:
        values = json.loads(args.values)
    except ValueError as exc:
        values, problem = None, str(exc)
    else:
        problem = "expected a JSON object"
    if not isinstance(values, dict):
        print(json.dumps({"error": "bad_values", "message": f"--values: {problem}"}), file=sys.stderr)
        return 2
    try:
        data = read_document(args.file, DEFAULT_LIMITS.max_bytes)
        memory = open_memory(args.memory)
        try:
            user_infos = {"user_lang": args.lang} if args.lang else None
            learn(data, args.type, values, memory, ocr=args.ocr, user_infos=user_infos)
        finally:
            memory.store.close()
    except DocumentError as exc:
        print(json.dumps({"error": exc.code, "message": exc.message}), file=sys.stderr)
        return 2
    except OSError as exc:
        print(json.dumps({"error": "io", "message": str(exc)}), file=sys.stderr)
        return 2
    except sqlite3.DatabaseError as exc:
        return _bad_memory(args.memory, exc)
    return 0


def _bad_memory(path, exc):
    print(json.dumps({"error": "bad_memory", "message": f"{path} is not a memory file: {exc}"}), file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
