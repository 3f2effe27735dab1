"""Wire formats spoken by Digitize, written once and shared by the server role and the client role.

Pure Python (never imports odoo): ``jsonrpc`` (envelopes), ``extract_api`` (Extract API v12x and legacy v120
statuses, requests and results), ``smartscan`` (Visma Smartscan annotate/feedback mapping).
"""
