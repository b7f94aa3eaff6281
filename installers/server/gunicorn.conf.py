"""Gunicorn settings for the Tambo sync server in production, behind nginx on the same machine.

    gunicorn -c /opt/tambo/installers/server/gunicorn.conf.py

The systemd unit (tambo-server.service) runs exactly that. Tambo's own settings (database, data
folder, master key) come from TAMBO_SERVER_HOME/server.toml and the environment, as for
``tambo-server run``; the few below can be changed with the environment variables named beside them.

Why these values:

* ``gthread`` workers: processes give the CPU parallelism (signature checks, opening envelopes),
  threads overlap the waits on the database and the disk (every accepted item is fsynced). Slow
  clients are nginx's to absorb: it buffers each request body before passing it on.
* no ``preload_app``: each worker opens its own database pool after the fork (a connection must never
  be shared between processes) and checks the schema and the master key itself.
* ``timeout`` 120 s: how long a worker may stay silent before the master replaces it (a stuck
  worker); how long a slow client may take is nginx's business (``client_body_timeout``).
* ``max_requests``: a worker is replaced after that many requests (with jitter, never all at once),
  which bounds slow memory growth without anyone noticing.
* ``forwarded_allow_ips``: only nginx on 127.0.0.1 may say that the request came over HTTPS.
* ``TAMBO_TRUSTED_PROXIES=1`` (unless the environment already sets it): every request comes from
  nginx on 127.0.0.1, so the server takes the client's address from the last entry of
  ``X-Forwarded-For``, the one nginx appends; otherwise the console's per-address login throttle
  would count every client as one. Set it to 0 only if gunicorn is reached without a proxy.
"""

import os

bind = os.environ.get("TAMBO_BIND", "127.0.0.1:8765")
workers = int(os.environ.get("TAMBO_WORKERS", str(min(2 * (os.cpu_count() or 1) + 1, 9))))
worker_class = "gthread"
threads = int(os.environ.get("TAMBO_THREADS", "4"))
wsgi_app = "sync_server.wsgi:create()"
preload_app = False

timeout = int(os.environ.get("TAMBO_REQUEST_TIMEOUT", "120"))
graceful_timeout = 30
keepalive = 5
max_requests = 2000
max_requests_jitter = 200

forwarded_allow_ips = os.environ.get("TAMBO_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
proxy_allow_ips = forwarded_allow_ips
# read by the server's settings in each worker (workers inherit the environment of this process)
os.environ.setdefault("TAMBO_TRUSTED_PROXIES", "1")

accesslog = "-"  # stdout: journald keeps it (journalctl -u tambo-server)
errorlog = "-"
loglevel = os.environ.get("TAMBO_LOG_LEVEL", "info")
# client, request line, status, size, duration in ms, and the device that signed the request
access_log_format = '%(h)s "%(r)s" %(s)s %(B)s %(M)sms device=%({x-tambo-device}i)s'
proc_name = "tambo-server"
# gunicorn 27's control socket ($HOME/.gunicorn/gunicorn.ctl, shared by every gunicorn of the user):
# systemd already starts, reloads (HUP) and stops the server. Older gunicorns ignore the name.
control_socket_disable = True
