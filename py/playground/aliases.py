"""Other names for the modules a problem provides (problem.json's "aliases"), so that code written against a
library's layout runs as it is: {"micrograd.engine": "engine"} makes `from micrograd.engine import Value`
import the provided engine.py. An alias is the same module object as what it names, not a copy."""

import importlib
import sys
from importlib.machinery import ModuleSpec


class Aliases:
    """A meta-path finder for the run's length: each alias, and each package above one (`micrograd`)."""

    def __init__(self, aliases: dict[str, str]) -> None:
        self.aliases = aliases
        self.packages = {alias.rsplit(".", n)[0] for alias in aliases for n in range(1, alias.count(".") + 1)}

    def find_spec(self, fullname: str, path=None, target=None) -> ModuleSpec | None:
        if fullname in self.aliases:
            return ModuleSpec(fullname, self)
        if fullname in self.packages:
            return ModuleSpec(fullname, self, is_package=True)  # empty: it holds only the aliases under it
        return None

    def create_module(self, spec: ModuleSpec) -> None:
        return None  # a plain new module, replaced by exec_module when it is an alias

    def exec_module(self, module) -> None:
        name = module.__name__
        if name in self.aliases:  # the import system returns what sys.modules holds once this is done
            sys.modules[name] = importlib.import_module(self.aliases[name])


def alias_modules(aliases: dict[str, str]) -> set[str]:
    """Every module name the aliases bring in: each alias and each package above one."""
    return set(aliases) | Aliases(aliases).packages
