"""Radicale rights plugin: the from_file rules, reloaded whenever provisioning rewrites them."""

from __future__ import annotations

import os
import threading

from radicale import config
from radicale.log import logger
from radicale.rights import from_file


class Rights(from_file.Rights):
    """from_file reads its file once at start-up; this one re-reads it when it changes."""

    def __init__(self, configuration: config.Configuration) -> None:
        super().__init__(configuration)
        self._lock = threading.Lock()
        self._stamp = self._file_stamp()

    def _file_stamp(self) -> tuple[int, int, int] | None:
        try:
            stat = os.stat(self._filename)
        except OSError:
            return None
        # The inode too: write_calendar_access replaces the file; two rewrites may share an mtime.
        return stat.st_ino, stat.st_mtime_ns, stat.st_size

    def _reload_if_changed(self) -> None:
        stamp = self._file_stamp()
        if stamp == self._stamp:
            return
        with self._lock:
            if stamp == self._stamp:
                return
            try:
                fresh = from_file.Rights(self.configuration)
            except RuntimeError as exc:
                # Keep the rules in force rather than lock everyone out on a broken file.
                logger.error("Keeping the previous rights: %s", exc)
            else:
                # One attribute swap: requests in flight keep iterating the old rules.
                self._rights_config = fresh._rights_config
            self._stamp = stamp

    def authorization(self, user: str, user_groups: set, path: str) -> str:
        self._reload_if_changed()
        return super().authorization(user, user_groups, path)
