"""Serving gongkai with gunicorn (a production WSGI server) from inside the ``gongkai`` command."""

from __future__ import annotations

import os
from typing import Any

from gunicorn.app.base import BaseApplication


class GongkaiServer(BaseApplication):
    def __init__(self, options: dict[str, Any]) -> None:
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            if key in self.cfg.settings and value is not None:
                self.cfg.set(key, value)

    def load(self):
        from gongkai.wsgi import application

        return application


def serve(*, host: str = "127.0.0.1", port: int = 8000, workers: int | None = None) -> None:
    workers = workers or int(os.environ.get("GONGKAI_WORKERS", "2"))
    GongkaiServer(
        {
            "bind": f"{host}:{port}",
            "workers": workers,
            "threads": int(os.environ.get("GONGKAI_THREADS", "4")),
            "worker_class": "gthread",
            "timeout": 120,
            "accesslog": os.environ.get("GONGKAI_ACCESS_LOG"),
            "errorlog": "-",
            "loglevel": "warning",
            "forwarded_allow_ips": os.environ.get("GONGKAI_FORWARDED_ALLOW_IPS", "127.0.0.1"),
        }
    ).run()
