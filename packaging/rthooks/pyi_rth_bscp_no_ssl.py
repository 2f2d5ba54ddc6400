"""PyInstaller runtime hook: the PostgreSQL driver loads without Python's `ssl`.

The bundle leaves out Python's own `ssl` (and the OpenSSL it links: 5 MB), since the program
opens no network connection itself. psycopg's libpq module imports `ssl` only for what that
import once did to OpenSSL 1.0's thread callbacks; it never uses it. The encryption of a team
database's connection is libpq's own, with the OpenSSL that psycopg's binary build carries.
So while (and only while) that one module loads, `import ssl` finds an empty module; everything
else still finds no `ssl` at all, as before (asyncio and the rest then leave TLS out).
"""

import importlib.abc
import sys
import types

_NEEDS_SSL_IMPORT = ("psycopg_binary.pq", "psycopg.pq.pq_ctypes")


class _Loader(importlib.abc.Loader):
    def __init__(self, inner) -> None:
        self.inner = inner

    def _with_empty_ssl(self, step, *args):
        if "ssl" in sys.modules:
            return step(*args)
        import asyncio  # noqa: F401 - the driver's module imports it: let it see no ssl (TLS left out)

        sys.modules["ssl"] = types.ModuleType("ssl", "An empty stand-in: see pyi_rth_bscp_no_ssl.")
        try:
            return step(*args)
        finally:
            sys.modules.pop("ssl", None)

    def create_module(self, spec):
        return self._with_empty_ssl(self.inner.create_module, spec)

    def exec_module(self, module):
        return self._with_empty_ssl(self.inner.exec_module, module)


class _Finder(importlib.abc.MetaPathFinder):
    def find_spec(self, fullname, path, target=None):
        if fullname not in _NEEDS_SSL_IMPORT:
            return None
        for finder in sys.meta_path:
            if finder is self or not hasattr(finder, "find_spec"):
                continue
            spec = finder.find_spec(fullname, path, target)
            if spec is not None and spec.loader is not None:
                spec.loader = _Loader(spec.loader)
                return spec
        return None


def _install() -> None:
    try:
        import ssl  # noqa: F401 - the real one, where a build includes it
    except ImportError:
        sys.meta_path.insert(0, _Finder())


_install()
