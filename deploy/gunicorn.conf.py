"""gunicorn for the cadre system: systemd/cadre-web.service runs it (README, Deployment)."""

import os

# The proxy alone may reach this address: the app trusts its X-Forwarded-Proto header.
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", 2 * (os.cpu_count() or 1) + 1))
# The PDF of the appointment form and a large export take seconds; a request stuck for minutes is a bug.
timeout = 120
# Recycling a worker now and then returns the memory that PDF rendering and large imports took.
max_requests = 1000
max_requests_jitter = 100
# stdout and stderr go to the journal.
accesslog = "-"
errorlog = "-"
