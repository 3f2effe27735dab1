"""Wire formats spoken by Digitize, written once and shared by the server role and the client role.

Pure Python (never imports odoo): ``jsonrpc`` (envelopes), ``extract_api`` (Extract API v12x and legacy v120
statuses, requests and results, legacy ↔ current shapes both ways), ``smartscan`` (Visma Smartscan requests,
error answers, annotate and feedback mappings both ways), ``netguard`` (outgoing HTTP to user-given URLs) and
``client`` (transport only: the HTTP clients of the client role and how failures become statuses).
"""
