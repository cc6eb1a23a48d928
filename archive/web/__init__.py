"""``newsarchive serve``: a read-only web app over the archive (Starlette, Jinja2, uvicorn).

Pages render on the server and work without JavaScript; ``/api/...`` returns the records
``newsarchive ... --json`` prints. See docs/web.md.
"""
