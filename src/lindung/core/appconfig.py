"""What every Lindung app does when Django is ready, declared instead of written out: import
the modules that register themselves (access policies, blind indexes, person-page panels,
metrics) and add the app's entries to the staff menu (`core.nav`)."""

from __future__ import annotations

from importlib import import_module

from django.apps import AppConfig

from lindung.core.nav import NavItem
from lindung.core.nav import register_nav


class LindungAppConfig(AppConfig):
    """The base of an app's configuration. An app's apps.py imports this module, not the
    class, so that Django finds one configuration class in it (its own)."""

    #: Modules of the app (``"access"`` for ``<app>/access.py``) imported when Django is
    #: ready, for what they register.
    registers: tuple[str, ...] = ()
    #: The app's entries of the staff menu.
    menu: tuple[NavItem, ...] = ()

    def ready(self) -> None:
        for module in self.registers:
            import_module(f"{self.name}.{module}")
        for item in self.menu:
            register_nav(item)
