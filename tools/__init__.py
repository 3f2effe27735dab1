"""Development tools: what builds and measures the engine, never loaded by Odoo (the addon's __init__ imports
models, controllers and wizards only) nor imported by the engine.

``python -m tools.bench DATASET_DIR`` (bench.py, with the datasets' comparison rules in scoring.py): per-field
accuracy and timings over a folder with labels.jsonl; ``python -m engine bench`` is an alias. The dataset
builders are scripts: ``python tools/NAME_set.py …`` (each one's docstring gives its command);
``python tools/quantize_detector.py`` builds engine/reading/ocr/models/.
"""
