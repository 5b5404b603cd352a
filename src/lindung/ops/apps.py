from django.apps import AppConfig


class OpsConfig(AppConfig):
    name = "lindung.ops"
    verbose_name = "Operations"

    connected = False

    def ready(self) -> None:
        from lindung.ops import queue

        if not OpsConfig.connected:
            OpsConfig.connected = True
            queue.connect_signals()
